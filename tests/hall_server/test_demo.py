"""The demo hall `counter-app --demo` starts: seeded, serving, and gone when its client is."""

from __future__ import annotations

import json
import urllib.request
from datetime import datetime, timedelta
from pathlib import Path

from hall_server.db import open_server_database
from hall_server.demo import seed_demo
from hall_server.queue.demo_day import simulate_morning
from hall_server.queue.monitor import monitor
from tests.servers import demo_hall


def test_the_demo_hall_serves_and_ends_with_its_client(tmp_path: Path) -> None:
    with demo_hall(tmp_path / "hall") as info:
        assert info["username"] == "wangfang" and len(info["enrollment_code"]) == 14
        with urllib.request.urlopen(info["server_url"] + "/api/v1/hello", timeout=10) as answer:
            assert "server_time" in json.load(answer)
        with urllib.request.urlopen(info["server_url"] + "/api/v1/queue/services", timeout=10) as answer:
            assert [q["code"] for q in json.load(answer)["queues"]] == list("ABCDEFG")
        with urllib.request.urlopen(info["server_url"] + "/kiosk", timeout=10) as answer:
            assert "取号" in answer.read().decode("utf-8")


def test_the_demo_hall_has_a_morning_of_tickets_served_and_waiting(tmp_path: Path) -> None:
    db = open_server_database(f"sqlite:///{tmp_path / 'hall.sqlite'}")
    try:
        now = datetime(2026, 11, 24, 10, 30)
        seed_demo(db, tmp_path, "http://127.0.0.1:1", now)
        hall = monitor(db, now)
        queues = {q["code"]: q for q in hall["queues"]}
        assert sum(q["served"] for q in queues.values()) > 20
        assert queues["A"]["waiting"] > 3  # for the newcomer's window, A01, to call
        windows = {w["window_code"]: w for w in hall["windows"]}
        assert windows["A01"]["served_today"] == 0 and windows["A01"]["ticket"] is None
        assert windows["D01"]["pause_reason"] or windows["D01"]["ticket"]
        assert [p["at"] for p in hall["curves"]["waiting"]][-1] == "10:30"
        assert max(p["waiting"] for p in hall["curves"]["waiting"]) > 3
        before = len(hall["curves"]["served_per_hour"])
        seed_demo(db, tmp_path, "http://127.0.0.1:1", now + timedelta(minutes=5))  # a restart: once a day
        assert len(monitor(db, now + timedelta(minutes=5))["curves"]["served_per_hour"]) == before
        assert simulate_morning(db, now + timedelta(minutes=6)) == 0
    finally:
        db.dispose()


def test_just_after_midnight_the_demo_morning_is_today_s(tmp_path: Path) -> None:
    db = open_server_database(f"sqlite:///{tmp_path / 'hall.sqlite'}")
    try:
        now = datetime(2026, 11, 24, 0, 3)
        seed_demo(db, tmp_path, "http://127.0.0.1:1", now)
        hall = monitor(db, now)
        assert sum(q["served"] for q in hall["queues"]) > 20
        assert sum(q["waiting"] for q in hall["queues"]) > 3
        assert all(q["average_wait_seconds"] >= 0 for q in hall["queues"])  # called after taken
    finally:
        db.dispose()
