"""Type names the service and helper modules share."""

from typing import TypeAlias

from django.contrib.auth.models import AnonymousUser, User

# Staff who act in the app (services get an authenticated user).
Staff: TypeAlias = User
# Whoever asks: views and visibility checks also see anonymous visitors.
Visitor: TypeAlias = User | AnonymousUser
