"""Second step of 0008: constraints and removals after the data was carried over (PostgreSQL
does not alter a table with pending deferred checks in the same transaction)."""

import uuid

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("networks", "0008_places_schedules_public_ids"),
    ]

    operations = [
        migrations.AlterField(
            model_name="offer",
            name="public_id",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
        migrations.AlterField(
            model_name="partner",
            name="public_id",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
        migrations.RemoveField(model_name="offer", name="place_text"),
        migrations.RemoveField(model_name="offer", name="accessibility"),
        migrations.AlterField(
            model_name="offer",
            name="times",
            field=models.CharField(
                blank=True,
                help_text="e.g. not in the school holidays",
                max_length=200,
                verbose_name="note on the times",
            ),
        ),
        migrations.AddConstraint(
            model_name="offer",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("opens_at__isnull", True),
                    ("closes_at__isnull", True),
                    ("closes_at__gt", models.F("opens_at")),
                    _connector="OR",
                ),
                name="offer_closes_after_it_opens",
            ),
        ),
    ]
