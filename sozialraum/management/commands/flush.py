"""`flush` as the owner: emptying tables (TRUNCATE) is not the app's right, and the audit trail
may not be emptied by it at all. Django's TransactionTestCase flushes after every test."""

from django.core.management.commands import flush

from sozialraum.db_roles import as_owner


class Command(flush.Command):
    def handle(self, **options):
        with as_owner(options["database"]):
            super().handle(**options)
