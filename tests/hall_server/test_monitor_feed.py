"""The monitor's feed: the newest picture at once, read again behind the screens, one read at a
time; on a real hall database, the clock and the picture's age in the test's hand."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

import pytest
import requests

from hall_server.db import ServerDatabase, open_server_database
from hall_server.queue.monitor_feed import FRESH_SECONDS, STALE_SECONDS, MonitorFeed
from hall_server.queue.tickets import issue_ticket
from tests.hall_server.api import enrol
from tests.servers import ServerProcess

NOON = datetime(2026, 11, 24, 12, 0)


class Hall:
    """The hall's clock (one second later at every read, so each read is a new picture) and the
    feed's monotonic ticks, both set by the test."""

    def __init__(self) -> None:
        self.reads = 0
        self.ticks = 0.0

    def clock(self) -> datetime:
        self.reads += 1
        return NOON + timedelta(seconds=self.reads)


@pytest.fixture
def db(hall_db: str) -> Iterator[ServerDatabase]:
    database = open_server_database(hall_db)
    yield database
    database.dispose()


def _feed(db: ServerDatabase, hall: Hall) -> MonitorFeed:
    return MonitorFeed(db, hall.clock, ticks=lambda: hall.ticks)


def _waiting(picture: dict[str, Any], queue: str) -> int:
    return next(q["waiting"] for q in picture["queues"] if q["code"] == queue)


def _newer(feed: MonitorFeed, than: dict[str, Any]) -> dict[str, Any]:
    """The picture the read behind the screens made (bounded wait for its thread)."""
    for _ in range(600):
        picture = feed.picture()
        if picture is not than:
            return picture
        time.sleep(0.05)
    raise AssertionError("no read behind the screens in 30 s")


def test_a_young_picture_is_served_without_a_read(db: ServerDatabase) -> None:
    hall = Hall()
    feed = _feed(db, hall)
    first = feed.picture()
    assert hall.reads == 1 and first["server_time"] == (NOON + timedelta(seconds=1)).isoformat()
    issue_ticket(db, "B", None, None, NOON)
    hall.ticks = FRESH_SECONDS / 2
    assert feed.picture() is first and hall.reads == 1  # the screens of one second share a read


def test_an_older_picture_is_served_at_once_and_read_again_behind(db: ServerDatabase) -> None:
    hall = Hall()
    feed = _feed(db, hall)
    first = feed.picture()
    issue_ticket(db, "B", None, None, NOON)
    hall.ticks = FRESH_SECONDS + 0.5
    assert feed.picture() is first  # no wait: what the process has, with its own server_time
    second = _newer(feed, first)
    assert _waiting(second, "B") == _waiting(first, "B") + 1
    assert second["server_time"] > first["server_time"] and hall.reads == 2
    assert feed.picture() is second and hall.reads == 2  # read at the same ticks: young again


def test_a_picture_too_old_is_not_served(db: ServerDatabase) -> None:
    hall = Hall()
    feed = _feed(db, hall)
    first = feed.picture()
    issue_ticket(db, "C", None, None, NOON)
    hall.ticks = STALE_SECONDS
    now = feed.picture()  # read before answering
    assert now is not first and _waiting(now, "C") == _waiting(first, "C") + 1 and hall.reads == 2


def test_a_read_begun_before_a_supervisors_action_is_not_kept(db: ServerDatabase) -> None:
    """A read behind the screens is under way when a supervisor moves a ticket: what it read may
    be from before the move, so their next look reads again rather than take it."""
    hall, inside, go_on = Hall(), threading.Event(), threading.Event()

    def clock() -> datetime:
        moment = hall.clock()
        if hall.reads == 2:  # the read behind the screens: held until the action is done
            inside.set()
            assert go_on.wait(30)
        return moment

    feed = MonitorFeed(db, clock, ticks=lambda: hall.ticks)
    first = feed.picture()
    hall.ticks = FRESH_SECONDS + 0.5
    assert feed.picture() is first and inside.wait(30)
    feed.forget()
    go_on.set()
    after = feed.picture()  # waits for the read in flight, drops it, reads anew
    assert hall.reads == 3 and after["server_time"] == (NOON + timedelta(seconds=3)).isoformat()


def test_screens_asking_together_share_one_read(db: ServerDatabase) -> None:
    hall = Hall()
    feed = _feed(db, hall)
    pictures: list[dict[str, Any]] = []
    asks = [threading.Thread(target=lambda: pictures.append(feed.picture())) for _ in range(8)]
    for ask in asks:
        ask.start()
    for ask in asks:
        ask.join(60)
    assert len(pictures) == 8 and hall.reads == 1
    assert all(p is pictures[0] for p in pictures)


def test_a_supervisors_move_shows_on_their_next_look(hall: ServerProcess, hall_db: str) -> None:
    """Over HTTP on the server's own clock: the monitor a supervisor loads right after moving a
    ticket shows it moved, though a picture of a moment before was at hand."""
    boss = enrol(hall.url, hall_db, device="W02", user="zhaolei", window="B02")
    api = hall.url + "/api/v1/queue"
    as_boss = {"Authorization": f"Bearer {boss.token}"}
    ticket = requests.post(api + "/tickets", json={"queue": "B", "phone": None}, timeout=30).json()["ticket"]
    before = requests.get(api + "/monitor", headers=as_boss, timeout=30).json()
    assert (_waiting(before, "B"), _waiting(before, "C")) == (1, 0)
    moved = requests.post(
        api + f"/tickets/{ticket['id']}/move", headers=as_boss, json={"to_queue": "C"}, timeout=30
    )
    assert moved.status_code == 200
    after = requests.get(api + "/monitor", headers=as_boss, timeout=30).json()
    assert (_waiting(after, "B"), _waiting(after, "C")) == (0, 1)
