"""PostgreSQL restarted under a running hall server: one request is told to retry, then all is well."""

from __future__ import annotations

import os
from pathlib import Path

from tests.hall_server.api import consult_op, enrol
from tests.servers import Postgres, ServerProcess, prepare_hall


def test_the_server_reconnects_after_postgresql_restarts(pg_cluster: Postgres, tmp_path: Path) -> None:
    url = pg_cluster.create_database(f"restart_{os.getpid()}")
    prepare_hall(url)
    server = ServerProcess(url, tmp_path / "server.log").start()
    try:
        device = enrol(server.url, url)
        assert device.push([consult_op(1)]).status_code == 200
        assert device.pull("0:0").status_code == 200
        pg_cluster.restart()  # every pooled connection is now dead
        answers = [device.pull("0:0") for _ in range(3)]
        failed = [a for a in answers if a.status_code != 200]
        # at most the first request meets a dead connection, and it is told what happened
        assert len(failed) <= 1 and answers[-1].status_code == 200
        for a in failed:
            assert a.status_code == 503 and a.json()["error"] == "database_unavailable"
        pushed = device.push([consult_op(2)])
        assert pushed.status_code in (200, 503)
        if pushed.status_code == 503:
            pushed = device.push([consult_op(2)])
        assert pushed.json()["results"][0]["status"] == "applied"
    finally:
        server.stop()
