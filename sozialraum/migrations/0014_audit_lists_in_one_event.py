"""Page views of lists are one event naming all listed objects (object_ids, case_ids) instead of
one event per row. The hash covers the two new columns; for the events before (both empty) the
digest is the same as before, so the chain written so far still verifies."""

import django.contrib.postgres.fields
import django.contrib.postgres.indexes
from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models

DIGEST = """
CREATE OR REPLACE FUNCTION sozialraum_audit_digest(previous text, event sozialraum_auditevent) RETURNS text AS $$
    SELECT encode(sha256(convert_to(concat_ws('|',
        previous, event.id, to_char(event.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'),
        event.user_id, event.username, event.action, event.object_type, event.object_id, event.case_id,
        array_to_string(event.changed_fields, ','), event.request_id, event.details::text{extra}
    ), 'UTF8')), 'hex')
$$ LANGUAGE sql IMMUTABLE;
"""
# concat_ws skips NULLs: empty lists add nothing to the hashed text.
LISTS = """,
        nullif(array_to_string(event.object_ids, ','), ''), nullif(array_to_string(event.case_ids, ','), '')"""


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("sozialraum", "0013_indexes_for_city_scale"),
    ]

    operations = [
        migrations.AddField(
            model_name="auditevent",
            name="case_ids",
            field=django.contrib.postgres.fields.ArrayField(
                base_field=models.BigIntegerField(),
                blank=True,
                default=list,
                help_text="Cases listed.",
                size=None,
                verbose_name="case ids",
            ),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="object_ids",
            field=django.contrib.postgres.fields.ArrayField(
                base_field=models.BigIntegerField(), blank=True, default=list, size=None, verbose_name="object ids"
            ),
        ),
        migrations.RunSQL(DIGEST.replace("{extra}", LISTS), DIGEST.replace("{extra}", "")),
        AddIndexConcurrently(
            model_name="auditevent",
            index=django.contrib.postgres.indexes.GinIndex(
                condition=models.Q(("case_ids", []), _negated=True), fields=["case_ids"], name="auditevent_listed_cases"
            ),
        ),
    ]
