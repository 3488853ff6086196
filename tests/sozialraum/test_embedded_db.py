import json
import os
import re
import subprocess
import sys

import pytest
from django.db import connection

from sozialraum.embedded_db import check_data_version, database_config, prune_dead_handles, server_major_version
from sozialraum.env import ConfigError


def dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_prune_dead_handles_forgets_killed_processes_and_keeps_living_ones(tmp_path):
    handle_file = tmp_path / ".handle_pids.json"
    handle_file.write_text(json.dumps([os.getpid(), dead_pid()]))

    prune_dead_handles(tmp_path)

    assert json.loads(handle_file.read_text()) == [os.getpid()]


def test_prune_dead_handles_without_file_does_nothing(tmp_path):
    prune_dead_handles(tmp_path)
    assert not (tmp_path / ".handle_pids.json").exists()


def test_test_database_is_named_per_process(db):
    # pytest-xdist adds its worker id (test_sozialraum_1234_gw0); the process id stays in the name.
    assert re.fullmatch(rf"test_\w+_{os.getpid()}(_gw\d+)?", connection.settings_dict["NAME"])


def test_database_url_with_unix_socket(tmp_path):
    config = database_config("postgres://sozial@%2Fvar%2Frun%2Fpostgresql/sozialraum", tmp_path)
    assert config["HOST"] == "/var/run/postgresql"
    assert config["NAME"] == "sozialraum"
    assert config["TEST"]["NAME"] == f"test_sozialraum_{os.getpid()}"


def test_data_of_another_major_version_stops_start_up_with_one_german_line(tmp_path):
    (tmp_path / "PG_VERSION").write_text("16\n")
    with pytest.raises(ConfigError) as refused:
        check_data_version(tmp_path)
    message = str(refused.value)
    assert "PostgreSQL 16" in message and f"PostgreSQL {server_major_version()}" in message
    assert "make clean-db" in message and "pg_dump" in message and "\n" not in message


def test_data_of_the_same_version_or_none_is_fine(tmp_path):
    check_data_version(tmp_path)  # a new data folder
    (tmp_path / "PG_VERSION").write_text(f"{server_major_version()}\n")
    check_data_version(tmp_path)


def test_the_embedded_server_is_postgresql_18_with_the_search_extensions(db):
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version_num")
        assert int(cursor.fetchone()[0]) >= 150000
        cursor.execute("SELECT extname FROM pg_extension")
        assert {"pg_trgm", "unaccent", "btree_gist"} <= {row[0] for row in cursor.fetchall()}


@pytest.mark.skipif(bool(os.environ.get("DATABASE_URL")), reason="settings of the embedded server")
def test_the_embedded_server_is_set_for_ssds_and_a_database_of_a_few_gb(db):
    from sozialraum.embedded_db import PLANNER_SETTINGS

    # shared_buffers is left out: it takes effect when the server starts next.
    live = {name: value for name, value in PLANNER_SETTINGS.items() if name != "shared_buffers"}
    with connection.cursor() as cursor:
        for name, value in live.items():
            cursor.execute(f"SHOW {name}")
            assert cursor.fetchone()[0] == value, name


def test_a_process_keeps_its_database_connection_for_the_next_requests(transactional_db):
    """A new PostgreSQL connection per request (Django's default) cost more than the case
    list's own queries (issue 15, throughput): the app keeps one, checked before reuse. (Called
    as a WSGI server calls it: the test client never closes connections.)"""
    from django.core.handlers.wsgi import WSGIHandler
    from django.db.backends.signals import connection_created
    from django.test.client import RequestFactory

    application = WSGIHandler()
    opened = []

    def count(sender, connection, **kwargs):
        opened.append(connection.alias)

    connection_created.connect(count)
    try:
        for _ in range(3):
            environ = RequestFactory().get("/health/ready").environ
            answer = application(environ, lambda status, headers: None)
            b"".join(answer)
            answer.close()  # (the end of the request: Django closes connections that are too old)
    finally:
        connection_created.disconnect(count)
    assert opened.count("default") <= 1
