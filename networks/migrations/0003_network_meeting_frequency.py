from django.db import migrations, models


class Migration(migrations.Migration):
    """`rhythm` meant the calendar rule on meeting series and free text on networks; the free
    text is now called what it is."""

    dependencies = [("networks", "0002_postal_code_validator")]

    operations = [
        migrations.RenameField(model_name="network", old_name="rhythm", new_name="meeting_frequency"),
        migrations.AlterField(
            model_name="network",
            name="meeting_frequency",
            field=models.CharField(
                blank=True,
                help_text="e.g. every six weeks, on Wednesdays",
                max_length=120,
                verbose_name="meeting frequency",
            ),
        ),
    ]
