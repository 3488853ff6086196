from django.db import migrations

# The database itself keeps the audit trail append-only: no UPDATE, no DELETE, whoever asks.
FORBID_CHANGES = """
CREATE FUNCTION sozialraum_audit_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit events are append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER sozialraum_auditevent_append_only
    BEFORE UPDATE OR DELETE ON sozialraum_auditevent
    FOR EACH ROW EXECUTE FUNCTION sozialraum_audit_append_only();
"""

ALLOW_CHANGES = """
DROP TRIGGER sozialraum_auditevent_append_only ON sozialraum_auditevent;
DROP FUNCTION sozialraum_audit_append_only();
"""


class Migration(migrations.Migration):
    dependencies = [("sozialraum", "0002_auditevent")]

    operations = [migrations.RunSQL(FORBID_CHANGES, ALLOW_CHANGES)]
