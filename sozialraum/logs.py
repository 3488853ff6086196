"""Logs as one JSON object per line, and one line per request (DESIGN §4: no personal data).

A request line carries time, request id (the one the audit trail stores), user id, method, the
route's name – never the path or the query, which may hold a case reference or a searched
name –, status, duration and the number of SQL queries."""

import json
import logging
import time
from datetime import UTC, datetime

from django.db import connection

request_logger = logging.getLogger("sozialraum.requests")

# Attributes every LogRecord has; everything else on a record came in through `extra`.
STANDARD_ATTRIBUTES = set(logging.makeLogRecord({}).__dict__) | {"message", "asctime", "taskName"}
# Extras Django attaches that would print the full URL with its query (a searched name).
NEVER_LOGGED = {"request", "server_time"}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        entry.update(
            {
                key: value
                for key, value in record.__dict__.items()
                if key not in STANDARD_ATTRIBUTES and key not in NEVER_LOGGED
            }
        )
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


class NotHealthChecks(logging.Filter):
    """A "not ready" answer to the load balancer is a state, not an error: without this filter
    every poll during a worker restart would log "Service Unavailable" at ERROR level."""

    def filter(self, record: logging.LogRecord) -> bool:
        match = getattr(getattr(record, "request", None), "resolver_match", None)
        return not (match and match.url_name in {"health_live", "health_ready"})


class QueryCounter:
    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


class RequestLogMiddleware:
    """One line per request, written after the response (placed right after RequestIdMiddleware)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from sozialraum.audit import current_request_id

        started = time.perf_counter()
        counter = QueryCounter()
        with connection.execute_wrapper(counter):
            response = self.get_response(request)
        user = getattr(request, "user", None)
        match = getattr(request, "resolver_match", None)
        request_logger.info(
            "request",
            extra={
                "request_id": str(current_request_id.get() or ""),
                "user_id": user.pk if user is not None and user.is_authenticated else None,
                "method": request.method,
                "route": match.view_name if match else None,
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                "sql_queries": counter.count,
            },
        )
        return response
