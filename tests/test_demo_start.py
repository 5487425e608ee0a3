"""The README's first command, ``counter-app --demo``, started twice on the same data folder: the
window comes up on its demo hall both times, signed in, with nothing to answer.

Each start is a child process, offscreen, with this run's keyring (scripts/with-keyring.sh), as a
newcomer's desktop session would have it; ``gui --check`` ends the window once the intake tab takes
work.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path


def _start(data: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "counter_app", "--demo", "--data-dir", str(data), "gui", "--check"],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_the_demo_window_starts_on_its_hall_again_on_the_same_folder(tmp_path: Path) -> None:
    data = tmp_path / "demo"
    for start in ("first", "second"):
        done = _start(data)
        said = done.stdout + done.stderr
        assert done.returncode == 0, f"{start} start: {said}"
        assert "intake tab usable" in said, f"{start} start: {said}"
        assert "did not start" not in said, f"{start} start: {said}"
    # the one PC of the demo hall kept its enrolment: the second start did not need a new one
    with closing(sqlite3.connect(data / "demo-hall" / "hall-server.sqlite")) as hall:
        devices = hall.execute("SELECT device_code, revoked_at FROM devices").fetchall()
    assert devices == [("W01", None)]
