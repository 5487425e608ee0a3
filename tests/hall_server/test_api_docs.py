"""The API's documentation pages (/docs, /redoc, /openapi.json): off in a production hall, on
when the ``api_docs`` setting asks for them, and in the demo hall."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from tests.servers import ServerProcess, demo_hall

DOCS = ("/docs", "/redoc", "/openapi.json")


def _served(base: str) -> dict[str, int]:
    return {path: requests.get(base + path, timeout=10).status_code for path in DOCS}


def test_a_hall_server_does_not_publish_its_api_by_default(hall: ServerProcess) -> None:
    assert _served(hall.url) == dict.fromkeys(DOCS, 404)
    assert requests.get(hall.url + "/api/v1/hello", timeout=10).status_code == 200


@pytest.fixture
def documented_hall(hall_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[ServerProcess]:
    monkeypatch.setenv("HALL_SERVER_API_DOCS", "1")  # as IT sets it: environment or [server] api_docs
    server = ServerProcess(hall_db, tmp_path / "server.log").start()
    yield server
    server.stop()


def test_the_setting_publishes_the_api_documentation(documented_hall: ServerProcess) -> None:
    assert _served(documented_hall.url) == dict.fromkeys(DOCS, 200)
    paths = requests.get(documented_hall.url + "/openapi.json", timeout=10).json()["paths"]
    assert "/api/v1/sync/push" in paths and "/api/v1/queue/tickets" in paths


def test_the_demo_hall_publishes_the_api_documentation(tmp_path: Path) -> None:
    with demo_hall(tmp_path / "hall") as info:
        served = _served(info["server_url"])
    assert served == dict.fromkeys(DOCS, 200)
