"""How many processes ``hall-server serve`` starts when the configuration does not say."""

from __future__ import annotations

import os
from pathlib import Path

from hall_server.config import MAX_AUTO_WORKERS, load_config, process_count
from tests.servers import ServerProcess


def test_the_default_is_one_process_per_core_on_postgresql_and_one_on_sqlite() -> None:
    assert load_config(env={}).workers == 0  # not configured: chosen by the database
    assert process_count(0, postgres=True, cores=2) == 2
    assert process_count(0, postgres=True, cores=16) == MAX_AUTO_WORKERS
    assert process_count(0, postgres=False, cores=16) == 1
    assert process_count(3, postgres=False, cores=1) == 3  # as configured, whatever the engine


def _serving_processes(server: ServerProcess) -> int:
    """The processes answering on the port: uvicorn's spawned children (not multiprocessing's
    resource tracker), or the process itself alone."""
    assert server.proc is not None
    children = Path(f"/proc/{server.proc.pid}/task/{server.proc.pid}/children").read_text().split()
    names = [Path(f"/proc/{pid}/cmdline").read_bytes() for pid in children]
    return sum(1 for n in names if b"spawn_main" in n) or 1


def test_serve_without_a_process_count_starts_one_per_core_on_postgresql(
    hall_db: str, tmp_path: Path
) -> None:
    server = ServerProcess(hall_db, tmp_path / "server.log", workers=0).start()
    try:
        expected = min(MAX_AUTO_WORKERS, os.cpu_count() or 1) if hall_db.startswith("postgresql") else 1
        assert _serving_processes(server) == expected
    finally:
        server.stop()
