"""The report worker: django-tasks' database worker that survives database outages, and with
`--supervise` a parent that starts it again whenever it ends (crash, kill, out of memory)."""

import contextlib
import logging
import signal
import subprocess
import sys
import threading
import time

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, close_old_connections, connections
from django_tasks_db.management.commands import db_worker

from reports.services import fail_stale_runs
from sozialraum import health, schedule

logger = logging.getLogger("reports.worker")
LONGEST_PAUSE = 30


class ResilientWorker(db_worker.Worker):
    def run(self) -> None:
        beating = threading.Event()
        beater = threading.Thread(target=self.beat, args=(beating,), name="worker-heartbeat", daemon=True)
        beater.start()
        try:
            self.work()
        finally:
            beating.set()
            beater.join()
            with contextlib.suppress(DatabaseError):
                health.forget(self.worker_id)

    def beat(self, stopped: threading.Event) -> None:
        """Signs of life for /health/ready, also while a long report is rendered; and the daily
        jobs whose time has come (sozialraum.schedule)."""
        while True:
            try:
                health.beat(self.worker_id)
                schedule.run_due_jobs()
            except DatabaseError:
                connections.close_all()  # the database is away (or not migrated): the next beat retries
            if stopped.wait(settings.REPORT_HEARTBEAT_SECONDS):
                connections.close_all()
                return

    def work(self) -> None:
        pause = 1
        while self.running:
            try:
                fail_stale_runs()
                super().run()
                return
            except (OperationalError, InterfaceError) as error:
                # The database restarted or the network dropped: wait, reconnect, go on.
                logger.warning("Datenbank nicht erreichbar (%s); neuer Versuch in %s s.", error, pause)
                connections.close_all()
                time.sleep(pause)
                pause = min(pause * 2, LONGEST_PAUSE)
                close_old_connections()


class Command(db_worker.Command):
    help = "Run the report worker (reconnects after database outages; --supervise restarts it)."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        # A planner waits for the preview: look for new tasks four times a second, not once
        # (an indexed query on a table of a few rows).
        parser.set_defaults(interval=0.25)
        parser.add_argument("--supervise", action="store_true", help="Start the worker again whenever it ends.")

    def handle(self, *args, **options):
        if options["supervise"]:
            return self.supervise()
        self.configure_logging(options["verbosity"])
        worker = ResilientWorker(
            queue_names=options["queue_name"].split(","),
            interval=options["interval"],
            batch=options["batch"],
            backend_name=options["backend_name"],
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"],
            excluded_queue_names=[],
        )
        worker.configure_signals()
        worker.run()

    def supervise(self) -> None:
        command = [sys.executable, sys.argv[0], "report_worker", "--no-startup-delay"]
        # Stopping the supervisor (SIGTERM from make or systemd) stops its worker too.
        signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(0))
        pause = 1
        while True:
            started = time.monotonic()
            child = subprocess.Popen(command)
            try:
                code = child.wait()
            except (KeyboardInterrupt, SystemExit):
                child.terminate()
                child.wait()
                return
            # A worker that ran a while ends for a reason of its own: start at once; one that dies
            # at start (database down) is started with growing pauses.
            pause = 1 if time.monotonic() - started > 60 else min(pause * 2, LONGEST_PAUSE)
            self.stderr.write(f"Berichts-Worker beendet (Code {code}); Neustart in {pause} s.")
            time.sleep(pause)
