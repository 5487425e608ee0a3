"""``hall-server import-queues``: the hall layout from a file, and a bad file changing nothing."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from sqlalchemy import select

from hall_server.db import open_server_database
from hall_server.queue.models import AppointmentRow, QueueRow, WindowQueueRow
from hall_server.queue.tickets import check_in, hall_now
from tests.servers import admin, hall_server_cmd, prepare_hall


def _layout(db_url: str) -> tuple[list[str], dict[str, list[str]]]:
    db = open_server_database(db_url)
    try:
        with db.sessions() as s:
            queues = [
                q.code for q in s.scalars(select(QueueRow).where(QueueRow.active).order_by(QueueRow.code))
            ]
            windows: dict[str, list[str]] = {}
            for w in s.scalars(
                select(WindowQueueRow).order_by(WindowQueueRow.window_code, WindowQueueRow.rank)
            ):
                windows.setdefault(w.window_code, []).append(w.queue_code)
            return queues, windows
    finally:
        db.dispose()


def test_import_queues_replaces_the_layout_and_a_bad_file_changes_nothing(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'hall.sqlite'}"
    prepare_hall(url)
    good = {
        "format": "hall-queues",
        "format_version": 1,
        "queues": [{"code": "K", "name": "综合", "departments": []}, {"code": "M", "name": "税务"}],
        "windows": {"A01": ["K", "M"], "F01": ["M"]},
    }
    (tmp_path / "good.json").write_text(json.dumps(good, ensure_ascii=False), encoding="utf-8")
    assert "2 queues, 2 windows" in admin(url, "import-queues", str(tmp_path / "good.json"))
    assert _layout(url) == (["K", "M"], {"A01": ["K", "M"], "F01": ["M"]})
    bad = {**good, "windows": {"A01": ["K", "X"]}}
    (tmp_path / "bad.json").write_text(json.dumps(bad), encoding="utf-8")
    done = subprocess.run(
        hall_server_cmd("import-queues", str(tmp_path / "bad.json")),
        env={**os.environ, "HALL_SERVER_DATABASE_URL": url},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert "unknown queue(s) X" in done.stderr and "nothing was changed" in done.stderr
    assert _layout(url) == (["K", "M"], {"A01": ["K", "M"], "F01": ["M"]})


def test_import_appointments_then_check_in_and_a_bad_file_changes_nothing(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'hall.sqlite'}"
    prepare_hall(url)
    today = hall_now("Asia/Shanghai").date().isoformat()
    good = {"appointments": [{"code": "k7q2x", "queue": "B", "day": today, "name": "张三", "phone": None}]}
    (tmp_path / "a.json").write_text(json.dumps(good, ensure_ascii=False), encoding="utf-8")
    assert "1 added" in admin(url, "import-appointments", str(tmp_path / "a.json"))
    db = open_server_database(url)
    try:
        ticket = check_in(db, "K7Q2X", hall_now("Asia/Shanghai"))
        assert ticket["kind"] == "appointment" and ticket["queue"] == "B"
        again = admin(url, "import-appointments", str(tmp_path / "a.json"))
        assert "1 already checked in and kept" in again
        bad = {
            "appointments": [
                {"code": "NEW1", "queue": "B", "day": today},
                {"code": "X", "queue": "B", "day": today},
            ]
        }
        (tmp_path / "bad.json").write_text(json.dumps(bad), encoding="utf-8")
        done = subprocess.run(
            hall_server_cmd("import-appointments", str(tmp_path / "bad.json")),
            env={**os.environ, "HALL_SERVER_DATABASE_URL": url},
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 2 and "appointment 2: code must be 4 to 20" in done.stderr
        with db.sessions() as s:
            assert s.get(AppointmentRow, "NEW1") is None  # the whole file refused
    finally:
        db.dispose()
