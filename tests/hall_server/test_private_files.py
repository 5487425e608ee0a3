"""What the server programs write is private (0600): the SQLite database and its -wal and -shm
files, the token signing key, exports, the demo hall's passwords. Checked after the real commands,
under the usual umask of 022, which they must not rely on."""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from tests.servers import Postgres, ServerProcess, admin, demo_hall, prepare_hall, signing_key_file


@pytest.fixture(autouse=True)
def usual_umask() -> Iterator[None]:
    old = os.umask(0o022)  # commands started from here inherit it
    try:
        yield
    finally:
        os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_init_db_serve_and_export_on_sqlite_write_private_files(tmp_path: Path) -> None:
    db = tmp_path / "hall.sqlite"
    url = f"sqlite:///{db}"
    assert "database created" in admin(url, "init-db")
    assert mode(db) == 0o600
    assert mode(tmp_path / "hall.signing-key") == 0o600

    server = ServerProcess(url, tmp_path / "server.log").start()
    try:
        assert requests.get(server.url + "/api/v1/queue/services", timeout=10).status_code == 200
        # while the server holds its connections, SQLite's side files exist: private too
        for side in ("hall.sqlite-wal", "hall.sqlite-shm"):
            assert mode(tmp_path / side) == 0o600, side
    finally:
        server.stop()

    export = tmp_path / "export.json"
    admin(url, "export", str(export))
    assert mode(export) == 0o600 and json.loads(export.read_text())["format"] == "hall-server-export"
    export.write_text("{}")
    export.chmod(0o644)  # an older export in the way is replaced by a private one
    admin(url, "export", str(export))
    assert mode(export) == 0o600 and json.loads(export.read_text())["format"] == "hall-server-export"
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_on_postgresql_the_key_file_and_exports_are_private(pg_cluster: Postgres, tmp_path: Path) -> None:
    url = pg_cluster.create_database(f"private_{os.getpid()}")
    assert "database created" in admin(url, "init-db")
    key_file = signing_key_file(url)
    assert key_file is not None and mode(key_file) == 0o600
    prepare_hall(url)  # the same database again, as a test's own hall is made: still the same key file
    export = tmp_path / "export.json"
    admin(url, "export", str(export))
    assert mode(export) == 0o600


def test_the_demo_hall_writes_its_passwords_database_and_key_privately(tmp_path: Path) -> None:
    folder = tmp_path / "demo-hall"
    with demo_hall(folder) as info:
        assert json.loads((folder / "demo.json").read_text(encoding="utf-8"))["password"] == info["password"]
        assert mode(folder / "demo.json") == 0o600
        assert mode(folder / "hall-server.sqlite") == 0o600
        assert mode(folder / "hall-server.signing-key") == 0o600
        for side in ("hall-server.sqlite-wal", "hall-server.sqlite-shm"):
            assert mode(folder / side) == 0o600, side
        assert mode(folder) == 0o700
