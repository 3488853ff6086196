"""Health endpoints for the load balancer: no login, JSON, nothing sensitive (no host names,
versions, counts or error texts).

/health/live   the process answers.
/health/ready  the database answers, every migration is applied and a background worker was
               seen lately; 503 with the failing check's name otherwise."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from sozialraum.models import WorkerHeartbeat

# Once a process has seen every migration applied, that stays true until it is replaced by a
# deployment with new code (which brings its own process); the migration graph is not reloaded.
migrations_seen_applied = False


def migrations_applied() -> bool:
    global migrations_seen_applied
    if not migrations_seen_applied:
        executor = MigrationExecutor(connection)
        migrations_seen_applied = not executor.migration_plan(executor.loader.graph.leaf_nodes())
    return migrations_seen_applied


def worker_seen() -> bool:
    since = timezone.now() - timedelta(seconds=settings.REPORT_STALE_SECONDS)
    return WorkerHeartbeat.objects.filter(seen_at__gte=since).exists()


@never_cache
@require_GET
@login_not_required
def live(request):
    return JsonResponse({"status": "ok"})


@never_cache
@require_GET
@login_not_required
def ready(request):
    checks = {"database": "unreachable", "migrations": "unknown", "worker": "unknown"}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
        checks["migrations"] = "ok" if migrations_applied() else "pending"
        if checks["migrations"] == "ok":  # before that, the heartbeat table may not exist yet
            checks["worker"] = "ok" if worker_seen() else "stale"
    except DatabaseError:
        pass  # the check that failed keeps its value; no error text leaves the server
    is_ready = all(value == "ok" for value in checks.values())
    return JsonResponse(
        {"status": "ready" if is_ready else "not ready", "checks": checks}, status=200 if is_ready else 503
    )


def beat(worker_id: str) -> None:
    """The worker's sign of life (called from its polling loop)."""
    WorkerHeartbeat.objects.update_or_create(worker_id=worker_id, defaults={"seen_at": timezone.now()})


def forget(worker_id: str) -> None:
    """A worker that stops cleanly leaves no stale sign behind; killed ones age out."""
    WorkerHeartbeat.objects.filter(worker_id=worker_id).delete()
