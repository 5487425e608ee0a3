"""A hall per test: its database (SQLite file or a real PostgreSQL database) and server process."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.servers import Postgres, ServerProcess, postgres, prepare_hall

_names = itertools.count(1)


@pytest.fixture(scope="session")
def pg_cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Postgres]:
    with postgres(tmp_path_factory.mktemp("pg") / "cluster") as pg:
        yield pg


@pytest.fixture(params=["sqlite", "postgresql"])
def hall_db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A prepared hall database URL, on each engine the server supports."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'hall.sqlite'}"
    else:
        pg: Postgres = request.getfixturevalue("pg_cluster")
        url = pg.create_database(f"hall_{os.getpid()}_{next(_names)}")
    prepare_hall(url)
    return url


@pytest.fixture
def hall(hall_db: str, tmp_path: Path) -> Iterator[ServerProcess]:
    server = ServerProcess(hall_db, tmp_path / "server.log").start()
    yield server
    server.stop()
