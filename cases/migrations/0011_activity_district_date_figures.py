from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models


class Migration(migrations.Migration):
    # Built CONCURRENTLY: a city's activity table keeps taking writes meanwhile.
    atomic = False

    dependencies = [
        ("cases", "0010_indexes_for_city_scale"),
    ]

    operations = [
        AddIndexConcurrently(
            model_name="activity",
            index=models.Index(
                fields=["district", "date"], include=["kind", "minutes"], name="activity_district_date_figures"
            ),
        ),
    ]
