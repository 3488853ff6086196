"""A read replica for the tests (DATABASE_REPLICA_URL): a second connection to the test database,
which is what a streaming replica looks like to the app."""

import pytest
from django.db import connections

from sozialraum.db_router import REPLICA


@pytest.fixture
def replica():
    connections.settings[REPLICA] = {**connections.settings["default"]}
    # Connected here: the test case only lets connections it knew at its start open themselves.
    connections[REPLICA].connect()
    try:
        yield connections[REPLICA]
    finally:
        connections[REPLICA].close()
        del connections[REPLICA]
        del connections.settings[REPLICA]
