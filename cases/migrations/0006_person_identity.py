import uuid

from django.db import migrations, models


def give_each_person_an_identity(apps, schema_editor):
    """AddField with a callable default gives every existing row the same value: one each instead."""
    Person = apps.get_model("cases", "Person")
    batch = []
    for person in Person.objects.only("pk").iterator(chunk_size=2000):
        person.identity = uuid.uuid4()
        batch.append(person)
    Person.objects.bulk_update(batch, ["identity"], batch_size=2000)


class Migration(migrations.Migration):
    dependencies = [("cases", "0005_person_search_codes")]

    operations = [
        migrations.AddField(model_name="person", name="identity", field=models.UUIDField(null=True, editable=False)),
        migrations.RunPython(give_each_person_an_identity, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="person",
            name="identity",
            field=models.UUIDField(db_index=True, default=uuid.uuid4, editable=False),
        ),
    ]
