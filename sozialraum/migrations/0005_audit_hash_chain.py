from django.db import migrations, models

# One definition of what an event's hash covers, for the trigger and for verify_audit_trail.
DIGEST_FUNCTION = """
CREATE FUNCTION sozialraum_audit_digest(previous text, event sozialraum_auditevent) RETURNS text AS $$
    SELECT encode(sha256(convert_to(concat_ws('|',
        previous, event.id, to_char(event.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'),
        event.user_id, event.username, event.action, event.object_type, event.object_id, event.case_id,
        array_to_string(event.changed_fields, ','), event.request_id, event.details::text
    ), 'UTF8')), 'hex')
$$ LANGUAGE sql IMMUTABLE;
"""

# Every insert (also bulk inserts and COPY) links to the last event. The advisory lock orders
# concurrent writers, so two transactions never link to the same predecessor.
CHAIN_TRIGGER = """
CREATE FUNCTION sozialraum_audit_chain() RETURNS trigger AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('sozialraum_audit_chain'));
    SELECT hash INTO NEW.previous_hash FROM sozialraum_auditevent ORDER BY id DESC LIMIT 1;
    NEW.previous_hash := coalesce(NEW.previous_hash, '');
    NEW.hash := sozialraum_audit_digest(NEW.previous_hash, NEW);
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER sozialraum_auditevent_chain
    BEFORE INSERT ON sozialraum_auditevent
    FOR EACH ROW EXECUTE FUNCTION sozialraum_audit_chain();
"""

# Events written before the chain existed are chained once, in order (as the table's owner).
CHAIN_EXISTING = """
ALTER TABLE sozialraum_auditevent DISABLE TRIGGER sozialraum_auditevent_append_only;
DO $$
DECLARE
    event sozialraum_auditevent;
    previous text := '';
BEGIN
    FOR event IN SELECT * FROM sozialraum_auditevent ORDER BY id LOOP
        UPDATE sozialraum_auditevent
            SET previous_hash = previous, hash = sozialraum_audit_digest(previous, event)
            WHERE id = event.id;
        previous := sozialraum_audit_digest(previous, event);
    END LOOP;
END $$;
ALTER TABLE sozialraum_auditevent ENABLE TRIGGER sozialraum_auditevent_append_only;
"""

REMOVE = """
DROP TRIGGER sozialraum_auditevent_chain ON sozialraum_auditevent;
DROP FUNCTION sozialraum_audit_chain();
DROP FUNCTION sozialraum_audit_digest(text, sozialraum_auditevent);
"""


class Migration(migrations.Migration):
    dependencies = [("sozialraum", "0004_search_extensions")]

    operations = [
        migrations.AddField(
            model_name="auditevent",
            name="previous_hash",
            field=models.CharField(default="", editable=False, max_length=64),
        ),
        migrations.AddField(
            model_name="auditevent", name="hash", field=models.CharField(default="", editable=False, max_length=64)
        ),
        migrations.RunSQL(DIGEST_FUNCTION + CHAIN_TRIGGER + CHAIN_EXISTING, REMOVE),
    ]
