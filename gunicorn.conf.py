"""gunicorn for production (`make serve`): every setting from the environment.

HOST, PORT          where to listen (default 127.0.0.1:8000, behind the reverse proxy)
WEB_CONCURRENCY     worker processes (default 2 × cores + 1)
FORWARDED_ALLOW_IPS proxies whose X-Forwarded-* headers are trusted (gunicorn reads it itself)"""

import multiprocessing
import os

wsgi_app = "sozialraum.wsgi:application"
bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * multiprocessing.cpu_count() + 1))
# The app writes one JSON line per request itself (sozialraum.logs), with route instead of URL.
accesslog = None
errorlog = "-"
# A committee report is rendered by the worker, not in a request: a minute is plenty.
timeout = 60
graceful_timeout = 30
# Fresh processes now and then keep a slow leak in a library from growing for months.
max_requests = 5000
max_requests_jitter = 500
# The heartbeat file on tmpfs: a slow disk must not get workers killed.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
