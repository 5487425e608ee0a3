"""Shared fixtures: real SQLite files in temporary folders, the bundled demo catalogue, and a
hall per test: its database (SQLite file or a real PostgreSQL database) and server process."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from tests import cups_server
from tests.cups_server import CupsServer
from tests.scheduling import installer_tests_first, make_scheduler
from tests.servers import Postgres, ServerProcess, postgres, prepared_postgres_hall, prepared_sqlite_hall

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    installer_tests_first(items)


def pytest_xdist_make_scheduler(config: pytest.Config, log: object) -> object:
    return make_scheduler(config, log)


class Clock:
    """A settable wall clock for the services (the store stamps real UTC time itself)."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture(autouse=True)
def _isolated_system_settings(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    path = tmp_path_factory.mktemp("etc") / "settings.ini"
    monkeypatch.setenv("COUNTER_APP_SYSTEM_SETTINGS", str(path))
    return path


@pytest.fixture
def system_file(_isolated_system_settings: Path) -> Path:
    """This test's system-wide settings file (IT's), empty until the test writes it."""
    return _isolated_system_settings


@pytest.fixture
def clock() -> Clock:
    return Clock(datetime(2026, 11, 23, 9, 30))


@pytest.fixture
def ctx(tmp_path: Path, clock: Clock) -> Iterator[object]:
    from counter_app.services.catalogue import import_catalogue_file
    from counter_app.services.context import open_context
    from counter_app.services.demo import demo_catalogue_path

    context = open_context(tmp_path / "data", {"clerk_name": "测试员"}, clock=clock)
    import_catalogue_file(context, demo_catalogue_path())
    yield context
    context.close()


_names = itertools.count(1)


@pytest.fixture(scope="session")
def pg_cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Postgres]:
    with postgres(tmp_path_factory.mktemp("pg") / "cluster") as pg:
        yield pg


@pytest.fixture(params=["sqlite", "postgresql"])
def hall_db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A prepared hall database URL, on each engine the server supports (``prepare_hall``'s hall,
    copied from one prepared once per worker)."""
    if request.param == "sqlite":
        return prepared_sqlite_hall(tmp_path / "hall.sqlite")
    pg: Postgres = request.getfixturevalue("pg_cluster")
    return prepared_postgres_hall(pg, f"hall_{os.getpid()}_{next(_names)}")


@pytest.fixture
def hall(hall_db: str, tmp_path: Path) -> Iterator[ServerProcess]:
    server = ServerProcess(hall_db, tmp_path / "server.log").start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def cups_service() -> Iterator[CupsServer]:
    """A real cupsd of the tests' own, started once per worker."""
    missing = cups_server.available()
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"the print tests cannot run: {missing}")
        pytest.skip(missing)
    server = cups_server.start()
    yield server
    server.stop()


@pytest.fixture
def cups(cups_service: CupsServer, monkeypatch: pytest.MonkeyPatch) -> CupsServer:
    """The tests' cupsd, found by the program (and Qt) through CUPS_SERVER for this test only:
    its test queues must not show up in other tests' printer lists."""
    monkeypatch.setenv("CUPS_SERVER", cups_service.address)
    return cups_service
