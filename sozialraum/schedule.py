"""Daily jobs of the task system: a report worker looks every few seconds whether a job's time
of day has come and, if no worker on any machine has claimed it for today, claims it (a row in
ScheduledRun, unique per job and day) and enqueues its task. Apps register their jobs from
AppConfig.ready()."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import time

from django.db import IntegrityError, transaction
from django.utils import timezone

from sozialraum.hooks import Hook
from sozialraum.models import ScheduledRun


@dataclass(frozen=True)
class DailyJob:
    name: str
    at: Callable[[], time]  # read when checked, so a changed setting applies without a restart
    enqueue: Callable[[], object]


daily_jobs: Hook[DailyJob] = Hook("daily_jobs")


def claim(name: str) -> bool:
    """True for the one caller that claims the job for today."""
    try:
        with transaction.atomic():
            ScheduledRun.objects.create(job=name, day=timezone.localdate())
    except IntegrityError:
        return False
    return True


def run_due_jobs() -> list[str]:
    """Enqueue the jobs whose time has come today and that nobody has claimed yet."""
    now = timezone.localtime()
    started = []
    for job in daily_jobs:
        if now.time() >= job.at() and claim(job.name):
            job.enqueue()
            started.append(job.name)
    return started
