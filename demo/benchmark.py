"""The parts of the page benchmark (`manage.py benchmark_pages`): two databases of the load data
(1 % and city scale) on the app's PostgreSQL server, one gunicorn per database, a small HTTP
client that signs in like a browser, and the statistics.

Both servers run at once and the pages are requested in turns (1 %, city, city, 1 %, …), so a
busy moment of the machine falls on both scales alike."""

import contextlib
import http.client
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlencode

import psycopg
from django.conf import settings

from sozialraum.db_roles import owner_credentials

BASE_DIR = Path(settings.BASE_DIR)


@dataclass(frozen=True)
class Database:
    """A database on the server of the app's own, addressed as the app and as the owner."""

    name: str

    def url(self, credentials: dict) -> str:
        host = credentials.get("HOST") or credentials.get("OPTIONS", {}).get("host", "")
        user, password = quote(credentials["USER"]), quote(credentials.get("PASSWORD") or "")
        port = credentials.get("PORT") or ""
        if host.startswith("/"):  # a socket folder goes into the query, as the embedded server's URL has it
            query = {"host": host} | ({"port": port} if port else {})
            return f"postgresql://{user}:{password}@/{self.name}?{urlencode(query)}"
        return f"postgresql://{user}:{password}@{host}{':' + str(port) if port else ''}/{self.name}"

    @property
    def app_url(self) -> str:
        return self.url(settings.DATABASES["default"])

    @property
    def owner_url(self) -> str:
        return self.url(owner_credentials() or settings.DATABASES["default"])

    def environment(self) -> dict[str, str]:
        return {"DATABASE_URL": self.app_url, "DATABASE_OWNER_URL": self.owner_url}

    def exists(self) -> bool:
        with psycopg.connect(Database("postgres").owner_url, autocommit=True) as connection:
            return bool(connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [self.name]).fetchone())

    def create(self) -> None:
        with psycopg.connect(Database("postgres").owner_url, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
            connection.execute(f'CREATE DATABASE "{self.name}"')

    def query(self, sql: str, parameters: list | None = None) -> list[tuple]:
        with psycopg.connect(self.owner_url) as connection:
            return connection.execute(sql, parameters or []).fetchall()


def bench_database(scale: str) -> Database:
    """The load database of one scale ("1pct", "city"), beside the app's own."""
    return Database(f"{settings.DATABASES['default']['NAME']}_bench_{scale}")


def collect_static() -> None:
    """gunicorn runs with DEBUG off: whitenoise serves the collected files."""
    manage({"DEBUG": "false", "SECRET_KEY": "collectstatic"}, "collectstatic", "--noinput", "-v", "0")


def manage(environment: dict[str, str], *arguments: str) -> None:
    """Run a management command against another database (settings are read once per process)."""
    subprocess.run([sys.executable, str(BASE_DIR / "manage.py"), *arguments], env=os.environ | environment, check=True)


def migrate(database: Database) -> None:
    """A load database built before the newest migrations gets them (quick: no data is rewritten)."""
    manage(database.environment() | {"DEBUG": os.environ.get("DEBUG", "true")}, "migrate", "--noinput", "-v", "0")


def build(database: Database, scale: str, write) -> None:
    started = time.monotonic()
    database.create()
    environment = database.environment() | {"DEBUG": os.environ.get("DEBUG", "true")}
    for command in (["migrate", "--noinput", "-v", "0"], ["load_reference_data"], ["demo_data"]):
        manage(environment, *command)
    manage(environment, "generate_load_data", "--scale", scale)
    write(f"{database.name}: angelegt in {time.monotonic() - started:.0f} s")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def pump(source: socket.socket, target: socket.socket) -> None:
    """Copy one direction of a proxied connection until either end closes, then close both."""
    try:
        while data := source.recv(65536):
            target.sendall(data)
    except OSError:
        pass
    for end in (source, target):
        with contextlib.suppress(OSError):
            end.shutdown(socket.SHUT_RDWR)


@contextlib.contextmanager
def worktree(ref: str):
    """The code of another commit (a git worktree) to serve beside this one, with this tree's
    collected static files; it must run on the current database schema."""
    folder = Path(tempfile.mkdtemp(prefix="sozialraum-compare-"))
    subprocess.run(["git", "worktree", "add", "--detach", "--quiet", str(folder), ref], cwd=BASE_DIR, check=True)
    try:
        (folder / "var").mkdir(exist_ok=True)
        (folder / "var" / "static").symlink_to(BASE_DIR / "var" / "static")
        yield folder
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(folder)], cwd=BASE_DIR, check=False)


class Server:
    """gunicorn on one database, production settings, its JSON log lines in a file."""

    def __init__(
        self, database: Database, workers: int, log_folder: Path, tree: Path = BASE_DIR, report_worker: bool = False
    ) -> None:
        self.port = free_port()
        self.log = log_folder / f"{database.name}-{tree.name}.log"
        self.worker_log = log_folder / f"{database.name}-{tree.name}-worker.log"
        self.worker = None
        environment = (
            os.environ
            | database.environment()
            | {
                "DEBUG": "false",
                "SECRET_KEY": os.environ.get("SECRET_KEY") or "benchmark-only-not-a-secret",
                "ALLOWED_HOSTS": "127.0.0.1",
                "HOST": "127.0.0.1",
                "PORT": str(self.port),
                "WEB_CONCURRENCY": str(workers),
                "LOG_FORMAT": "json",
                # The worker's daily reminders would write to all city caseworkers in the middle of
                # the measurement: not today, and to no mail server.
                "FOLLOW_UP_REMINDER_TIME": "23:59",
                "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
            }
        )
        with self.log.open("w") as log:
            self.process = subprocess.Popen(
                [str(Path(sys.executable).parent / "gunicorn"), "--config", str(tree / "gunicorn.conf.py")],
                env=environment,
                stdout=log,
                stderr=subprocess.STDOUT,
                cwd=tree,
            )
            if report_worker:  # beside gunicorn, as `make serve` runs it: the report's preview needs it
                with self.worker_log.open("w") as worker_log:
                    self.worker = subprocess.Popen(
                        [sys.executable, str(tree / "manage.py"), "report_worker", "--no-startup-delay"],
                        env=environment,
                        stdout=worker_log,
                        stderr=subprocess.STDOUT,
                        cwd=tree,
                    )
        deadline = time.monotonic() + 60
        while Client(self.port).get("/health/live").status != 200:
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise RuntimeError(f"gunicorn did not start, see {self.log}")
            time.sleep(0.2)

    def stop(self) -> None:
        for process in (self.process, self.worker):
            if process is not None:
                process.terminate()
                process.wait(30)

    def task_milliseconds(self, task: str) -> list[float]:
        """How long the report worker took for each run of a task, from its log lines."""
        if not self.worker_log.exists():
            return []
        timings = []
        for line in self.worker_log.read_text().splitlines():
            try:
                entry = json.loads(line)
            except ValueError:
                continue
            if entry.get("task") == task and entry.get("outcome") == "done":
                timings.append(entry["duration_ms"])
        return timings

    def sql_queries(self) -> dict[str, int]:
        """SQL statements per request id, from the request log lines."""
        counts = {}
        for line in self.log.read_text().splitlines():
            try:
                entry = json.loads(line)
            except ValueError:
                continue
            if "sql_queries" in entry:
                counts[entry.get("request_id")] = entry["sql_queries"]
        return counts


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes
    seconds: float


@dataclass
class Client:
    """One signed-in browser: its cookies, plain http.client (a new connection per request, as
    gunicorn's sync workers close them)."""

    port: int
    cookies: dict[str, str] = field(default_factory=dict)

    def request(self, method: str, path: str, data: dict | None = None, headers: dict | None = None) -> Response:
        body = urlencode(data, doseq=True) if data is not None else None
        sent = {"Host": "127.0.0.1", **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        if body is not None:
            sent["Content-Type"] = "application/x-www-form-urlencoded"
            sent["X-CSRFToken"] = self.cookies.get("csrftoken", "")
            sent["Referer"] = f"http://127.0.0.1:{self.port}{path}"
        started = time.perf_counter()
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        try:
            connection.request(method, path, body=body, headers=sent)
            answer = connection.getresponse()
            content = answer.read()
        except (ConnectionError, http.client.HTTPException, TimeoutError) as error:
            return Response(599, {"error": str(error)}, b"", time.perf_counter() - started)
        finally:
            connection.close()
        seconds = time.perf_counter() - started
        for header, value in answer.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";")[0]
        return Response(answer.status, {key.lower(): value for key, value in answer.getheaders()}, content, seconds)

    def get(self, path: str, headers: dict | None = None) -> Response:
        return self.request("GET", path, headers=headers)

    def post(self, path: str, data: dict) -> Response:
        return self.request("POST", path, {**data, "form_token": str(uuid.uuid4())})

    def sign_in(self, username: str, password: str) -> "Client":
        page = self.get("/anmelden/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page.body)
        csrf = token.group(1).decode() if token else ""
        answer = self.post("/anmelden/", {"username": username, "password": password, "csrfmiddlewaretoken": csrf})
        if answer.status != 302 or "sessionid" not in self.cookies:
            raise RuntimeError(f"Anmeldung von {username} fehlgeschlagen ({answer.status})")
        return self


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def throughput(make_request, seconds: float, concurrency: int) -> tuple[float, int]:
    """Requests per second that `concurrency` clients get answered in `seconds`, and the errors."""
    done, errors = [0], [0]
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def work():
        while time.monotonic() < deadline:
            status = make_request().status
            with lock:
                if status == 200:
                    done[0] += 1
                else:
                    errors[0] += 1

    started = time.monotonic()
    threads = [threading.Thread(target=work) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return done[0] / (time.monotonic() - started), errors[0]


def median(values: list[float]) -> float:
    return statistics.median(values) if values else 0.0
