from django.db import migrations


def add_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.get_or_create(name="Datenschutz")


class Migration(migrations.Migration):
    """The sixth role (DESIGN §1): the data protection officer, who sees the audit trail."""

    dependencies = [("sozialraum", "0006_audit_lock_actions"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(add_group, migrations.RunPython.noop)]
