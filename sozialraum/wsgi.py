import os
import sys

from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sozialraum.settings")

try:
    application = get_wsgi_application()
except ImproperlyConfigured as error:
    sys.exit(f"Konfigurationsfehler: {error}")

# Every view (and what they import: the report's charts, matplotlib) is loaded when a worker
# starts, not by the first request it serves: that one waited 0.8 s, after each restart of a
# worker (gunicorn's max_requests) again.
get_resolver().url_patterns  # noqa: B018  (reading it imports the URLconf and every view)
