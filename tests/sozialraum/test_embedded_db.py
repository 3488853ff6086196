import json
import os
import re
import subprocess
import sys

from django.db import connection

from sozialraum.embedded_db import database_config, prune_dead_handles


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
