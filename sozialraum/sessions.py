"""Sessions in the database (SESSION_ENGINE), read by a prepared statement."""

from django.contrib.sessions.backends import db

from sozialraum.db_backend.base import prepared_statements


class SessionStore(db.SessionStore):
    def _get_session_from_db(self):
        with prepared_statements():  # (by its key, on every request: one plan for every session)
            return super()._get_session_from_db()
