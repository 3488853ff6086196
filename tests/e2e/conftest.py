"""Browser tests: Playwright drives the system Chromium against pytest-django's live server."""

import os
from pathlib import Path

import pytest

from cases.demo import create_demo_cases
from districts.demo import create_demo_data
from districts.reference_data import load_reference_data
from meetings.demo import create_demo_meetings
from networks.demo import create_demo_network_data

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results"

# Playwright's sync API runs an event loop in this thread; the test's own ORM calls are
# still plain synchronous code, so Django's async guard would refuse them wrongly.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium fehlt unter {CHROMIUM}: apt-get install chromium (make test tut das als root).")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


@pytest.fixture
def demo_site(live_server, transactional_db):
    load_reference_data()
    create_demo_data()
    create_demo_network_data()
    create_demo_cases()
    create_demo_meetings()
    return live_server


@pytest.fixture
def screenshot_dir():
    SCREENSHOTS.mkdir(exist_ok=True)
    return SCREENSHOTS
