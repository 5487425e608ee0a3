"""Exactly once under faults, with real processes: a proxy that cuts, delays and drops, windows
killed with SIGKILL at the worst moments, the server killed mid-batch, one batch pushed by two
processes at once. Each run prints ops, faults, lost, duplicated, out of order and stuck."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from counter_app.services.context import open_context
from counter_app.services.hall_link import HallLink
from counter_app.sync.credentials import keyring_status
from tests.faults.ledger import tally
from tests.faults.proxy import FaultProxy
from tests.servers import PASSWORD, ServerProcess, enrollment_code

ROOT = Path(__file__).resolve().parents[2]


def _window(data_dir: Path, url: str, mode: str, *args: str, fault: str = "") -> subprocess.Popen[str]:
    env = {**os.environ, "COUNTER_FAULT": fault, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-m", "tests.faults.window_process", str(data_dir), url, mode, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )


def _finish(proc: subprocess.Popen[str], timeout: float = 120) -> tuple[int, str]:
    out, err = proc.communicate(timeout=timeout)
    if proc.returncode not in (0, -signal.SIGKILL):
        raise AssertionError(f"window process failed ({proc.returncode}): {err[-3000:]}")
    return proc.returncode, out


def _enrol(data_dir: Path, url: str, db_url: str) -> None:
    ctx = open_context(data_dir, {"server_url": url})
    try:
        link = HallLink(ctx)
        link.enroll(enrollment_code(db_url, "W01", "A01"))
        link.sign_in("wangfang", PASSWORD)
        assert link.sync_once().error == ""  # the catalogue arrives with the first snapshot
    finally:
        ctx.close()


def test_exactly_once_under_faults(hall: ServerProcess, hall_db: str, tmp_path: Path) -> None:
    if not keyring_status()[0]:
        pytest.fail(
            "no Secret Service keyring: run the tests through scripts/with-keyring.sh (scripts/test.sh does)"
        )
    proxy = FaultProxy(hall.port, delay_seconds=0.5)
    data = tmp_path / "window"
    try:
        _enrol(data, proxy.url, hall_db)

        # 1. killed right after a local commit, before anything was pushed
        code, out = _finish(_window(data, proxy.url, "intake", "12", fault="after_local_commit:7"))
        assert code == -signal.SIGKILL and out.count("COMMITTED") == 7

        # 2. killed after the server committed a push, before the answer was recorded
        code, _ = _finish(_window(data, proxy.url, "intake", "6", fault="after_server_commit"))
        assert code == -signal.SIGKILL

        # 3. the network misbehaves: answers lost after the commit, cut in half, refused, slow
        proxy.schedule("drop_response", "cut_response", "refuse", "delay", "drop_response", "cut_response")
        code, out = _finish(_window(data, proxy.url, "intake", "8"))
        assert code == 0 and '"waiting": 0' in out

        # 4. killed in the middle of a push: the server has the request, the answer is held back
        proxy.schedule("pass", "pass", "pass", "hold")  # login, snapshot... then the first push is held
        proc = _window(data, proxy.url, "intake", "4")
        assert proxy.holding.wait(60)
        proc.kill()
        _finish(proc)
        proxy.release.set()

        # 5. the server killed in the middle of a batch, then restarted
        proxy.on_request = lambda: hall.stop(kill=True)
        proxy.schedule("pass", "on_request")
        code, _ = _finish(_window(data, proxy.url, "intake", "30"))
        hall.start()

        # 6. the same batch pushed by two processes at once
        first, second = _window(data, proxy.url, "drain"), _window(data, proxy.url, "drain")
        _finish(first)
        _finish(second)
        code, out = _finish(_window(data, proxy.url, "drain"))
        assert code == 0 and '"waiting": 0' in out, out

        result = tally(data / "counter.sqlite", hall_db, sum(proxy.injected.values()) + 4)
        print("\n" + result.line(f"exactly once [{hall_db.split(':')[0]}]"))
        assert result.ops == 54  # 7 + 5 (killed at its first push) + 8 + 4 + 30
        assert (result.lost, result.duplicated, result.out_of_order, result.stuck) == (0, 0, 0, 0)
    finally:
        proxy.close()
