"""The window poll carries what the strip shows: the ticket's service and booked name, who waits
next, and the clerk's day (served, average service time, ratings); on both engines."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest

from hall_server.db import ServerDatabase, open_server_database
from hall_server.queue.calling import Clerk, act, call_next
from hall_server.queue.models import AppointmentRow, VisitRow
from hall_server.queue.tickets import check_in, issue_ticket
from hall_server.queue.window import window_view

NOON = datetime(2026, 11, 24, 12, 0)
B01 = Clerk("B01", "wangfang", "王芳")
B02 = Clerk("B02", "lina", "李娜")


@pytest.fixture
def db(hall_db: str) -> Iterator[ServerDatabase]:
    database = open_server_database(hall_db)
    yield database
    database.dispose()


def at(minutes: float) -> datetime:
    return NOON + timedelta(minutes=minutes)


def rate(db: ServerDatabase, clerk: Clerk, rating: int, minutes: float) -> None:
    with db.sessions() as s, s.begin():
        s.add(
            VisitRow(
                id=str(uuid.uuid4()),
                ticket_id=None,
                window_code=clerk.window_code,
                clerk=clerk.username,
                started_at=at(minutes),
                finished_at=at(minutes + 1),
                cases=[],
                consults=[],
                rating=rating,
                reasons=[],
            )
        )


def test_the_poll_names_the_service_the_booking_and_who_waits_next(db: ServerDatabase) -> None:
    with db.sessions() as s, s.begin():
        s.add(AppointmentRow(code="K7Q2", queue_code="B", day=NOON.date(), name="张三", phone=None))
    normal = [issue_ticket(db, "B", None, None, at(n))["display"] for n in range(3)]
    booked = check_in(db, "K7Q2", at(3))["display"]
    elderly = issue_ticket(db, "B", None, "elderly", at(4))["display"]
    view = window_view(db, B01, at(5))
    assert [t["display"] for t in view["next"]] == [booked, elderly, *normal]  # priority first
    assert view["next"][0]["kind"] == "appointment" and view["ticket"] is None
    ticket = call_next(db, B01, at(6))
    assert ticket is not None and ticket.display == booked
    act(db, B01, "recall", at(7))
    held = window_view(db, B01, at(8))["ticket"]
    assert held["service"] == "公安户政出入境" and held["name"] == "张三" and held["kind"] == "appointment"
    assert held["call_count"] == 2
    assert [t["display"] for t in window_view(db, B01, at(8))["next"]] == [elderly, *normal]


def test_the_clerks_day_counts_only_this_clerk_at_this_window_today(db: ServerDatabase) -> None:
    assert window_view(db, B01, NOON)["day"] == {
        "served": 0,
        "average_service_seconds": None,
        "ratings": 0,
        "satisfied": 0,
    }
    for n in range(3):
        issue_ticket(db, "B", None, None, at(n))
    for start, minutes in ((10, 4), (20, 8)):  # served 4 and 8 minutes after starting
        call_next(db, B01, at(start))
        act(db, B01, "start", at(start + 1))
        act(db, B01, "finish", at(start + 1 + minutes))
    call_next(db, B02, at(40))  # another window's ticket and rating are not this clerk's day
    act(db, B02, "finish", at(41))
    rate(db, B01, 1, 15)
    rate(db, B01, 5, 25)
    rate(db, B02, 1, 42)
    rate(db, B01, 1, -24 * 60)  # yesterday
    day = window_view(db, B01, at(50))["day"]
    assert day == {"served": 2, "average_service_seconds": 6 * 60, "ratings": 2, "satisfied": 1}
