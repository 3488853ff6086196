"""Bad settings stop start-up with one line that names the variable — never a traceback."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from sozialraum.env import ConfigError, env_bool, env_choice, env_int, env_list

PROJECT_DIR = Path(__file__).resolve().parents[2]


def start_with(env_changes: dict[str, str | None]) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if key not in ("DEBUG", "SECRET_KEY", "DATABASE_URL")}
    env.update({key: value for key, value in env_changes.items() if value is not None})
    return subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=PROJECT_DIR, env=env, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize(
    ("env_changes", "variable"),
    [
        ({"DEBUG": "false"}, "SECRET_KEY"),
        ({"DEBUG": "vielleicht"}, "DEBUG"),
        ({"DEBUG": "true", "DATABASE_URL": "mysql://user@localhost/sozialraum"}, "DATABASE_URL"),
        ({"DEBUG": "true", "DATABASE_URL": "das ist keine URL"}, "DATABASE_URL"),
        ({"DEBUG": "true", "DATABASE_URL": "postgres://user@localhost"}, "DATABASE_URL"),
        ({"DEBUG": "true", "LOG_LEVEL": "LAUT"}, "LOG_LEVEL"),
        ({"DEBUG": "true", "SESSION_IDLE_MINUTES": "ewig"}, "SESSION_IDLE_MINUTES"),
    ],
)
def test_bad_setting_stops_start_up_with_one_line_naming_it(env_changes, variable):
    result = start_with(env_changes)

    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Konfigurationsfehler:")
    assert variable in lines[0]
    assert "Traceback" not in result.stderr


def test_env_bool_reads_yes_and_no_words(monkeypatch):
    monkeypatch.setenv("FLAG", "Ja")
    assert env_bool("FLAG", False) is True
    monkeypatch.setenv("FLAG", "off")
    assert env_bool("FLAG", True) is False
    monkeypatch.setenv("FLAG", "")
    assert env_bool("FLAG", True) is True
    monkeypatch.setenv("FLAG", "2")
    with pytest.raises(ConfigError, match="FLAG"):
        env_bool("FLAG", True)


def test_env_int_list_and_choice(monkeypatch):
    monkeypatch.setenv("NUMBER", "5")
    assert env_int("NUMBER", 1, minimum=1) == 5
    monkeypatch.setenv("NUMBER", "0")
    with pytest.raises(ConfigError, match="at least 1"):
        env_int("NUMBER", 1, minimum=1)
    monkeypatch.setenv("HOSTS", "a.example, b.example,")
    assert env_list("HOSTS", []) == ["a.example", "b.example"]
    monkeypatch.setenv("LEVEL", "INFO")
    assert env_choice("LEVEL", "ERROR", {"INFO", "ERROR"}) == "INFO"


def test_production_defaults(settings):
    assert settings.LANGUAGE_CODE == "de"
    assert settings.TIME_ZONE == "Europe/Berlin"
    # Django's PostgreSQL backend, creating test databases as the owner (sozialraum.db_backend).
    assert settings.DATABASES["default"]["ENGINE"] == "sozialraum.db_backend"


@pytest.mark.parametrize(
    ("owner_url", "host"),
    [
        ("postgres://owner:secret@db.example.org:5433/sozialraum", "db.example.org"),  # no query: no OPTIONS
        ("postgres://owner@/sozialraum?host=/var/run/postgresql", ""),
    ],
)
def test_an_owner_url_with_or_without_options_is_read(owner_url, host):
    from sozialraum.embedded_db import owner_config

    config = owner_config("postgres://app@db.example.org/sozialraum", owner_url, Path("."))
    assert config["USER"] == "owner" and config["HOST"] == host
    assert isinstance(config["OPTIONS"], dict)
