from django.contrib.postgres.operations import BtreeGistExtension, TrigramExtension, UnaccentExtension
from django.db import migrations


class Migration(migrations.Migration):
    """The contrib extensions the search needs (pg_trgm, unaccent) and btree_gist. They are
    "trusted" extensions: the database owner may create them without being a superuser."""

    dependencies = [("sozialraum", "0003_audit_trail_append_only")]

    operations = [TrigramExtension(), UnaccentExtension(), BtreeGistExtension()]
