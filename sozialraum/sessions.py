"""Sessions in the database (SESSION_ENGINE), read by a prepared, precompiled statement."""

from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.db.models import DateTimeField
from django.utils import timezone

from sozialraum.db_backend.base import prepared_statements
from sozialraum.precompiled import Param, Precompiled

# (read on every request: compiled once per process)
SESSION_BY_KEY = Precompiled(
    lambda: Session.objects.filter(session_key=Param("key"), expire_date__gt=Param("now", DateTimeField()))
)


class SessionStore(db.SessionStore):
    def _get_session_from_db(self):
        with prepared_statements():  # (by its key, on every request: one plan for every session)
            found = SESSION_BY_KEY.fetch(key=self.session_key, now=timezone.now())
        if not found:
            self._session_key = None
            return None
        return found[0]
