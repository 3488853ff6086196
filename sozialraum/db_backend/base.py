from django.db.backends.postgresql import base, creation

from sozialraum.db_roles import as_owner


class DatabaseCreation(creation.DatabaseCreation):
    """The app role may not create databases; the owner creates the test database and migrates it
    (the migrate command grants the app role its rights afterwards), the tests then run as the app."""

    def create_test_db(self, *args, **kwargs):
        with as_owner(self.connection.alias):
            return super().create_test_db(*args, **kwargs)

    def destroy_test_db(self, *args, **kwargs):
        with as_owner(self.connection.alias):
            return super().destroy_test_db(*args, **kwargs)


class DatabaseWrapper(base.DatabaseWrapper):
    creation_class = DatabaseCreation
