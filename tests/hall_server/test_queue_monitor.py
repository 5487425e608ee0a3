"""The supervisors' monitor and actions: in-process on a controlled clock, and over HTTP for roles."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta

import pytest
import requests

from hall_server.db import ServerDatabase, open_server_database
from hall_server.models import CaseRow
from hall_server.queue.calling import Clerk, act, call_next, pause
from hall_server.queue.monitor import monitor
from hall_server.queue.supervision import hall_tickets, send_message, supervise_ticket
from hall_server.queue.tickets import QueueError, issue_ticket
from hall_server.queue.window import window_view
from tests.hall_server.api import enrol
from tests.servers import ServerProcess

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


def _case(db: ServerDatabase, number: str, due: date) -> None:
    with db.sessions() as s, s.begin():
        s.add(
            CaseRow(
                id=number,
                case_number=number,
                state="accepted",
                item_code="X",
                department="GA",
                window_code="B01",
                device_id="d",
                applicant_name="张三",
                applicant_id_number="",
                promised_due=due,
                created_at=NOON,
                updated_at=NOON,
                data={},
            )
        )


def test_monitor_shows_windows_queues_alerts_and_curves(db: ServerDatabase) -> None:
    for minute in range(3):
        issue_ticket(db, "B", None, None, at(minute))
    served = call_next(db, B01, at(10))
    assert served is not None
    act(db, B01, "start", at(11))
    act(db, B01, "finish", at(15))
    call_next(db, B01, at(16))
    window_view(db, B02, at(5))
    pause(db, B02, "系统故障", at(6))
    _case(db, "NEAR", NOON.date() + timedelta(days=1))
    _case(db, "PAST", NOON.date() - timedelta(days=1))
    _case(db, "LATER", NOON.date() + timedelta(days=30))
    view = monitor(db, at(40))
    windows = {w["window_code"]: w for w in view["windows"]}
    assert windows["B01"]["status"] == "offline"  # last heard of 24 minutes ago (limit 60 s)
    view = monitor(db, at(16.5))
    windows = {w["window_code"]: w for w in view["windows"]}
    assert windows["B01"] | {"clerk": ""} == windows["B01"] | {
        "window_name": "公安户政窗口",
        "status": "idle",
        "ticket": "B002",
        "served_today": 1,
        "clerk": "",
    }
    assert windows["B01"]["clerk"] == "王芳"  # the user's name, not the login
    assert windows["B02"]["status"] == "offline"  # paused at 12:06, then silent for 10 minutes
    queue_b = next(q for q in view["queues"] if q["code"] == "B")
    assert queue_b["waiting"] == 1 and queue_b["served"] == 1
    assert queue_b["longest_wait_seconds"] == 14 * 60 + 30 and queue_b["average_service_seconds"] == 240
    assert queue_b["average_wait_seconds"] == (10 * 60 + 15 * 60) // 2
    # per department: 1 overdue, 1 due tomorrow (预警: 2 working days or fewer), naming the first due
    (deadlines,) = [a for a in view["alerts"] if a["kind"] == "department_deadlines"]
    assert deadlines == {
        "kind": "department_deadlines",
        "department": "示范市公安局",
        "overdue": 1,
        "warning": 1,
        "case_number": "PAST",
        "window": "B01",
        "due": "2026-11-23",
        "provisional": False,
    }
    curve = {p["at"]: p["waiting"] for p in view["curves"]["waiting"]}
    assert curve["12:00"] == 0 and curve["12:15"] == 2 and curve["11:45"] == 0  # waiting at that moment
    assert list(curve)[-1] == "12:16" and curve["12:16"] == 1  # and now
    assert view["curves"]["served_per_hour"] == [{"hour": 12, "served": 1}]
    pause_view = monitor(db, at(6.5))
    b02 = next(w for w in pause_view["windows"] if w["window_code"] == "B02")
    assert b02["status"] == "paused" and b02["pause_reason"] == "系统故障" and b02["paused_seconds"] == 30
    late = monitor(db, at(60))
    assert any(a["kind"] == "long_wait" and a["queue"] == "B" for a in late["alerts"])


def test_supervisor_moves_cancels_reactivates_and_messages(db: ServerDatabase) -> None:
    first = issue_ticket(db, "B", None, None, at(0))
    second = issue_ticket(db, "B", None, None, at(1))
    moved = supervise_ticket(db, "zhaolei", first["id"], "move", at(2), to_queue="C")
    assert moved.queue_code == "C" and moved.display == "B001"
    supervise_ticket(db, "zhaolei", second["id"], "cancel", at(3))
    assert call_next(db, B01, at(4)) is None
    with pytest.raises(QueueError):
        supervise_ticket(db, "zhaolei", second["id"], "move", at(5), to_queue="A")
    supervise_ticket(db, "zhaolei", second["id"], "reactivate", at(6))
    again = call_next(db, B01, at(7))
    assert again is not None and again.display == "B002"
    message = send_message(db, "zhaolei", "B01", "请尽快处理B002的材料", at(8))
    seen = window_view(db, B01, at(9))
    assert [m["text"] for m in seen["messages"]] == ["请尽快处理B002的材料"]
    assert window_view(db, B01, at(10), read_up_to=message)["messages"] == []
    with pytest.raises(QueueError):
        send_message(db, "zhaolei", "NOPE", "x", at(11))


def test_supervisor_looks_tickets_up_by_status_queue_and_number(db: ServerDatabase) -> None:
    ids = [issue_ticket(db, q, None, None, at(n))["id"] for n, q in enumerate("BBC")]
    supervise_ticket(db, "zhaolei", ids[1], "cancel", at(3))
    today = NOON.date()
    assert [t.display for t in hall_tickets(db, today, "waiting")] == ["B001", "C001"]
    assert [t.display for t in hall_tickets(db, today, "waiting", queue="C")] == ["C001"]
    assert [t.display for t in hall_tickets(db, today, "cancelled", number="b002")] == ["B002"]
    assert hall_tickets(db, today + timedelta(days=1), "waiting") == []  # numbers restart each day
    with pytest.raises(QueueError) as refused:
        hall_tickets(db, today, "done")
    assert refused.value.code == "invalid_request"


def test_routes_check_roles_and_act_for_the_callers_window(hall: ServerProcess, hall_db: str) -> None:
    clerk = enrol(hall.url, hall_db, device="W01", window="B01")
    boss = enrol(hall.url, hall_db, device="W02", user="zhaolei", window="B02")
    api = hall.url + "/api/v1/queue"
    ticket = requests.post(api + "/tickets", json={"queue": "B", "phone": None}, timeout=30)
    assert ticket.status_code == 201 and ticket.json()["ticket"]["display"] == "B001"
    as_boss = {"Authorization": f"Bearer {boss.token}"}
    as_clerk = {"Authorization": f"Bearer {clerk.token}"}
    assert requests.post(api + "/call-next", headers=as_boss, timeout=30).status_code == 403
    assert requests.get(api + "/monitor", headers=as_clerk, timeout=30).status_code == 403
    assert requests.get(api + "/monitor/tickets", headers=as_clerk, timeout=30).status_code == 403
    looked_up = requests.get(api + "/monitor/tickets", headers=as_boss, params={"queue": "B"}, timeout=30)
    assert [t["display"] for t in looked_up.json()["tickets"]] == ["B001"]
    called = requests.post(api + "/call-next", headers=as_clerk, timeout=30).json()["ticket"]
    assert called["display"] == "B001" and called["status"] == "called"
    shown = requests.get(api + "/display", params={"after": 0}, timeout=30).json()
    assert shown["now"][:2] == "20" and "T" in shown["now"]  # the hall's clock, for the pages
    listed = requests.get(api + "/windows", timeout=30).json()["windows"]
    assert {"code": "A04", "name": "综合受理4号窗口（帮办代办）", "queues": ["A", "C"]} in listed
    assert [(c["display"], c["window_code"], c["window_name"]) for c in shown["calls"]] == [
        ("B001", "B01", "公安户政窗口")
    ]
    grid = requests.get(api + "/monitor", headers=as_boss, timeout=30).json()
    b01 = next(w for w in grid["windows"] if w["window_code"] == "B01")
    assert b01["ticket"] == "B001" and b01["status"] == "idle" and b01["clerk"] == "王芳"
    bad = requests.post(api + "/ticket/transfer", headers=as_clerk, json={"to_queue": "ZZ"}, timeout=30)
    assert bad.status_code == 422 and bad.json()["error"] == "invalid_request"
    assert (
        requests.post(api + "/ticket/finish", headers=as_clerk, json={}, timeout=30).json()["ticket"][
            "status"
        ]
        == "done"
    )
    assert requests.post(api + "/ticket/finish", headers=as_clerk, json={}, timeout=30).status_code == 409


def test_a_window_sees_its_queue_shorten_at_once_after_a_call(db: ServerDatabase) -> None:
    """The hall's waiting counts are read once a second for all windows; a call made in this
    process starts a new read, even within the same second."""
    for minute in range(3):
        issue_ticket(db, "B", None, None, at(minute))
    counts = lambda: {q["code"]: q["waiting"] for q in window_view(db, B01, at(5))["queues"]}  # noqa: E731
    assert counts()["B"] == 3
    call_next(db, B02, at(5))
    assert counts()["B"] == 2
    issue_ticket(db, "B", None, None, at(5))
    assert counts()["B"] == 3
