"""Queue rules on both engines, through the functions behind the routes, on a controlled clock."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest

from hall_server.admin import set_setting
from hall_server.db import ServerDatabase, open_server_database
from hall_server.queue.calling import Clerk, act, call_chosen, call_next, pause, resume
from hall_server.queue.models import AppointmentRow
from hall_server.queue.tickets import QueueError, check_in, issue_ticket
from hall_server.queue.window import walk_in, window_view

NOON = datetime(2026, 11, 24, 12, 0)
B01 = Clerk("B01", "wangfang", "王芳")  # serves queue B only
B02 = Clerk("B02", "lina", "李娜")  # serves queue B only
A04 = Clerk("A04", "chenjun", "陈军")  # serves A, then C


@pytest.fixture
def db(hall_db: str) -> Iterator[ServerDatabase]:
    database = open_server_database(hall_db)
    yield database
    database.dispose()


def set_hall_setting(db: ServerDatabase, key: str, value: str) -> None:
    with db.sessions() as s, s.begin():
        set_setting(s, db, key, value)


def take(db: ServerDatabase, queue: str, minute: int, priority: str | None = None) -> str:
    return str(issue_ticket(db, queue, None, priority, NOON + timedelta(minutes=minute))["display"])


def called(db: ServerDatabase, clerk: Clerk, minute: int) -> str | None:
    ticket = call_next(db, clerk, NOON + timedelta(minutes=minute))
    if ticket is not None:
        act(db, clerk, "finish", NOON + timedelta(minutes=minute, seconds=30))
    return ticket.display if ticket else None


def test_numbers_run_per_queue_and_restart_each_day(db: ServerDatabase) -> None:
    assert [take(db, "B", 0), take(db, "B", 1), take(db, "C", 2)] == ["B001", "B002", "C001"]
    tomorrow = issue_ticket(db, "B", None, None, NOON + timedelta(days=1))
    assert tomorrow["display"] == "B001"
    # yesterday's waiting tickets are not called today (no carry-over by default)
    assert called(db, B01, 60 * 24 + 1) == "B001" and called(db, B01, 60 * 24 + 2) is None


def test_carry_over_keeps_yesterdays_waiting_tickets(db: ServerDatabase) -> None:
    take(db, "B", 0)
    set_hall_setting(db, "queue.carry_over", "true")
    assert called(db, B01, 60 * 24) == "B001"


def test_priority_goes_first_but_only_so_many_in_a_row_pass_a_normal_ticket(db: ServerDatabase) -> None:
    set_hall_setting(db, "queue.priority_run_limit", "2")
    take(db, "B", 0)  # B001 normal, waiting first
    for minute in (1, 2, 3):
        take(db, "B", minute, "elderly")  # B002-B004
    take(db, "B", 4)  # B005 normal
    order = [called(db, B01, 10 + n) for n in range(6)]
    assert order == ["B002", "B003", "B001", "B004", "B005", None]


def test_two_windows_never_get_the_same_ticket_and_one_window_never_holds_two(db: ServerDatabase) -> None:
    take(db, "B", 0)
    take(db, "B", 1)
    first = call_next(db, B01, NOON + timedelta(minutes=5))
    second = call_next(db, B02, NOON + timedelta(minutes=5))
    assert first and second and {first.display, second.display} == {"B001", "B002"}
    with pytest.raises(QueueError) as held:
        call_next(db, B01, NOON + timedelta(minutes=6))
    assert held.value.code == "ticket_held"


def test_no_show_park_and_automatic_recall(db: ServerDatabase) -> None:
    take(db, "B", 0)
    take(db, "B", 1)
    t = call_next(db, B01, NOON + timedelta(minutes=2))
    assert t and t.display == "B001"
    act(db, B01, "park", NOON + timedelta(minutes=3), minutes=10)
    nxt = call_next(db, B01, NOON + timedelta(minutes=4))
    assert nxt and nxt.display == "B002"
    act(db, B01, "no_show", NOON + timedelta(minutes=5))
    assert call_next(db, B01, NOON + timedelta(minutes=6)) is None  # parked, not due yet
    back = call_next(db, B01, NOON + timedelta(minutes=13))
    assert back and back.display == "B001"  # due: comes back to the window that parked it
    assert call_next(db, B02, NOON + timedelta(minutes=14)) is None  # never to another window


def test_transfer_keeps_the_number_and_reaches_the_named_queue_or_window(db: ServerDatabase) -> None:
    take(db, "B", 0)
    take(db, "A", 1)
    t = call_next(db, B01, NOON + timedelta(minutes=2))
    assert t and t.display == "B001"
    moved = act(db, B01, "transfer", NOON + timedelta(minutes=3), note="需要企业开办", to_queue="C")
    assert moved.display == "B001" and moved.queue_code == "C" and moved.status == "waiting"
    # A04 serves A then C; B001 waited longer than A001, so it comes first
    assert called(db, A04, 4) == "B001"
    t = call_next(db, A04, NOON + timedelta(minutes=5))
    assert t and t.display == "A001"
    act(db, A04, "transfer", NOON + timedelta(minutes=6), to_window="B02")
    assert called(db, B01, 7) is None  # sent to B02, not to B01
    assert called(db, B02, 7) == "A001"


def test_pause_needs_a_reason_and_blocks_calling(db: ServerDatabase) -> None:
    take(db, "B", 0)
    with pytest.raises(QueueError):
        pause(db, B01, "   ", NOON)
    pause(db, B01, "系统故障", NOON)
    view = window_view(db, B01, NOON + timedelta(minutes=1))
    assert view["status"] == "paused" and view["pause_reason"] == "系统故障"
    with pytest.raises(QueueError) as paused:
        call_next(db, B01, NOON + timedelta(minutes=2))
    assert paused.value.code == "window_paused"
    resume(db, B01, NOON + timedelta(minutes=3))
    assert called(db, B01, 4) == "B001"


def test_walk_in_chosen_ticket_and_served_count(db: ServerDatabase) -> None:
    chosen = issue_ticket(db, "B", "13800000000", None, NOON)
    take(db, "B", 1)
    w = walk_in(db, B01, NOON + timedelta(minutes=2))
    assert w.kind == "walk_in" and w.status == "serving"
    act(db, B01, "finish", NOON + timedelta(minutes=3))
    second = issue_ticket(db, "B", None, None, NOON + timedelta(minutes=4))
    t = call_chosen(db, B01, second["id"], NOON + timedelta(minutes=5))
    assert t.display == "B003"
    act(db, B01, "finish", NOON + timedelta(minutes=6))
    view = window_view(db, B01, NOON + timedelta(minutes=7))
    assert view["served_today"] == 2 and view["queues"] == [
        {"code": "B", "name": "公安户政出入境", "waiting": 2}
    ]
    assert chosen["waiting_ahead"] == 0


def test_appointment_check_in_once_on_its_day(db: ServerDatabase) -> None:
    with db.sessions() as s, s.begin():
        s.add(AppointmentRow(code="K7Q2", queue_code="B", day=NOON.date(), name="张三", phone=None))
        s.add(AppointmentRow(code="LATER", queue_code="B", day=NOON.date() + timedelta(days=1), name=""))
    take(db, "B", 0)
    ticket = check_in(db, "k7q2", NOON + timedelta(minutes=1))
    assert ticket["kind"] == "appointment" and ticket["display"] == "B002"
    for code, error in (
        ("K7Q2", "appointment_used"),
        ("LATER", "appointment_not_today"),
        ("NOPE", "unknown_appointment"),
    ):
        with pytest.raises(QueueError) as refused:
            check_in(db, code, NOON + timedelta(minutes=2))
        assert refused.value.code == error
    assert called(db, B01, 3) == "B002"  # an appointment is a priority ticket


def test_bad_kiosk_input_is_refused_and_changes_nothing(db: ServerDatabase) -> None:
    for queue, phone, priority, error in (
        ("Z", None, None, "unknown_queue"),
        ("B", "12345", None, "bad_phone"),
        ("B", "1380000000\x00", None, "bad_phone"),
        ("B", None, "vip", "bad_priority"),
        (None, None, None, "unknown_queue"),
    ):
        with pytest.raises(QueueError) as refused:
            issue_ticket(db, queue, phone, priority, NOON)
        assert refused.value.code == error
    assert take(db, "B", 1) == "B001"


def test_a_call_shows_at_once_in_the_same_second_and_only_the_servers_sessions_are_watched(
    db: ServerDatabase,
) -> None:
    from sqlalchemy import event
    from sqlalchemy.orm import Session

    from hall_server.queue import waiting

    take(db, "B", 0)
    take(db, "B", 0)
    now = NOON + timedelta(minutes=1)
    assert window_view(db, B01, now)["queues"][0]["waiting"] == 2
    call_next(db, B01, now)  # the same second: the cached count must not be served
    assert window_view(db, B01, now)["queues"][0]["waiting"] == 1
    assert event.contains(db.sessions, "after_commit", waiting._bump)
    assert not event.contains(Session, "after_commit", waiting._bump)
