"""日报 / 月报: a small known hall month on a real server (SQLite and PostgreSQL), exact figures.

Tickets are served in-process on a controlled hall clock; cases, consults and visits are pushed
as windows push them. The server stamps case events with its own clock when an op arrives, so
the test moves those stamps to the moments the story needs (``_received_at``).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import pytest
import requests
from sqlalchemy import update

from hall_server import admin as server_admin
from hall_server.db import ServerDatabase, open_server_database
from hall_server.models import CaseEventRow
from hall_server.queue.calling import Clerk, act, call_next
from hall_server.queue.tickets import issue_ticket
from hall_server.reports.figures import report
from tests.hall_server.api import Device, device_number, enrol, op
from tests.servers import PASSWORD, ServerProcess

TZ = "Asia/Shanghai"
DAY = date(2026, 11, 24)
B01 = Clerk("B01", "wangfang", "王芳")
B02 = Clerk("B02", "lina", "李娜")
ID_RENEWAL = "010700100000"  # 居民身份证换领: GA, promised, one fee
ID_FIRST = "010700200000"  # 居民身份证首次申领: GA, promised, one fee
ID_TEMPORARY = "010700300000"  # 临时居民身份证申领: GA, instant, one fee
COMPANY = "020100100000"  # 企业设立登记: SCJG, promised, no fee
SOLE_TRADER = "020100200000"  # 个体工商户登记: SCJG, instant, no fee
DEPARTMENTS = {ID_RENEWAL: "GA", ID_FIRST: "GA", ID_TEMPORARY: "GA", COMPANY: "SCJG", SOLE_TRADER: "SCJG"}


def _case(
    op_type: str,
    state: str,
    item: str,
    window: str,
    accepted_on: str | None = None,
    promised_due: str | None = None,
    limits: tuple[int, int] | None = None,
) -> dict[str, Any]:
    """A window's case op; without *limits* (promised, legal working days) the snapshot has none,
    so the server keeps the due date."""
    snapshot: dict[str, Any] = {"code": item}
    if limits:
        snapshot |= {"promised_limit_days": limits[0], "legal_limit_days": limits[1]}
    return {
        "case": {
            "id": str(uuid.uuid4()),
            "case_number": f"N{uuid.uuid4().hex[:12]}",
            "state": state,
            "item_code": item,
            "department": DEPARTMENTS[item],
            "window_code": window,
            "item_snapshot": snapshot,
            "applicant": {"name": "张三", "id_number": "110105194912310021"},
            "accepted_on": accepted_on,
            "promised_due": promised_due,
            "created_at": "2026-11-24T03:00:00",
        },
        "from_state": None,
        "_type": op_type,
    }


@dataclass
class Window:
    device: Device
    seq: int = 0

    def push(self, op_type: str, payload: dict[str, Any]) -> None:
        self.seq += 1
        # numbered as this window's device numbers them: the server refuses any other number
        if "case" in payload:
            payload["case"]["case_number"] = device_number(self.device.device_code)
        elif op_type == "consult.record":
            payload["number"] = device_number(self.device.device_code, "ZX")
        answer = self.device.push([op(self.seq, op_type, payload)])
        assert answer.status_code == 200, answer.text
        assert answer.json()["results"][0]["status"] == "applied", answer.json()

    def case(self, op: dict[str, Any]) -> str:
        op_type = op.pop("_type")
        self.push(op_type, op)
        return str(op["case"]["id"])


def _received_at(db: ServerDatabase, case_id: str, action: str, at: str) -> None:
    """When the server received the op (its UTC clock), as the story needs it."""
    with db.sessions() as s, s.begin():
        s.execute(
            update(CaseEventRow)
            .where(CaseEventRow.case_id == case_id, CaseEventRow.action == action)
            .values(at=datetime.fromisoformat(at))
        )


def _serve(db: ServerDatabase, clerk: Clerk, called: str, started: str, finished: str) -> Any:
    ticket = call_next(db, clerk, datetime.fromisoformat(called))
    assert ticket is not None
    act(db, clerk, "start", datetime.fromisoformat(started))
    act(db, clerk, "finish", datetime.fromisoformat(finished))
    return ticket


@dataclass
class Hall:
    db: ServerDatabase
    server: ServerProcess
    clerk: Device
    boss: Device
    window: Window  # the clerk's, numbering its ops on from the story's


@pytest.fixture
def hall_month(hall: ServerProcess, hall_db: str) -> Iterator[Hall]:
    """November 2026 in a small hall; the figures the tests expect are worked out beside each step."""
    db = open_server_database(hall_db)
    server_admin.create_user(db, "lina", "李娜", "clerk", PASSWORD)
    w01 = Window(enrol(hall.url, hall_db, device="W01", window="B01"))
    w02 = Window(enrol(hall.url, hall_db, device="W02", user="lina", window="C01"))
    boss = enrol(hall.url, hall_db, device="W03", user="zhaolei", window="A01")
    # tickets, hall time: t1 waits 600 s, served 240 s at B01; t2 660 s / 1800 s at B02;
    # t3 840 s / 600 s at B01; on the 26th t4 300 s / 300 s at B01
    for minute in range(3):
        issue_ticket(db, "B", None, None, datetime(2026, 11, 24, 12, minute))
    t1 = _serve(db, B01, "2026-11-24T12:10", "2026-11-24T12:11", "2026-11-24T12:15")
    _serve(db, B02, "2026-11-24T12:12", "2026-11-24T12:12", "2026-11-24T12:42")
    t3 = _serve(db, B01, "2026-11-24T12:16", "2026-11-24T12:16", "2026-11-24T12:26")
    issue_ticket(db, "B", None, None, datetime(2026, 11, 24, 13, 0))  # still waiting: not served
    issue_ticket(db, "B", None, None, datetime(2026, 11, 26, 10, 0))
    _serve(db, B01, "2026-11-26T10:05", "2026-11-26T10:05", "2026-11-26T10:10")
    # ratings: t1 非常不满意, t3 满意
    for ticket, rating, started in ((t1, 5, "2026-11-24T12:11:00"), (t3, 2, "2026-11-24T12:16:00")):
        visit = {
            "id": str(uuid.uuid4()),
            "ticket_id": ticket.id,
            "ticket_display": ticket.display,
            "window_code": "B01",
            "started_at": started,
            "finished_at": started,
            "cases": [],
            "consults": [],
        }
        w01.push("visit.record", visit)
        reasons = ["等候时间长"] if rating > 3 else []
        w01.push(
            "visit.rated",
            {"visit_id": visit["id"], "rating": rating, "reasons": reasons, "rated_at": started},
        )
    # one consult at B01 (the window's clock, UTC: 09:00 hall time)
    w01.push(
        "consult.record",
        {
            "id": str(uuid.uuid4()),
            "number": f"ZX{uuid.uuid4().hex[:12]}",
            "item_code": None,
            "item_name": "",
            "question": "换领身份证要带什么？",
            "answer": "户口簿和旧证",
            "window_code": "B01",
            "clerk": "王芳",
            "created_at": "2026-11-24T01:00:00",
        },
    )
    # B01 (wangfang), GA items
    c1 = w01.case(_case("case.accept", "accepted", ID_RENEWAL, "B01", "2026-11-24", "2026-12-15"))
    _received_at(db, c1, "case.accept", "2026-11-23T16:10:00")  # 00:10 on the 24th, hall time
    c2 = w01.case(
        _case("case.complete_instant", "completed", ID_TEMPORARY, "B01", "2026-11-24", "2026-11-24")
    )
    _received_at(db, c2, "case.complete_instant", "2026-11-24T03:00:00")
    c5 = w01.case(_case("case.accept", "accepted", ID_RENEWAL, "B01", "2026-11-20", "2026-11-23"))
    _received_at(db, c5, "case.accept", "2026-11-20T02:00:00")
    w01.push("case.transition", {"case_id": c5, "from_state": "accepted", "to_state": "completed"})
    _received_at(db, c5, "case.transition", "2026-11-23T16:30:00")  # 00:30 on the 24th: one day late
    # 2 working days from Friday the 20th: due Tuesday the 24th
    c10 = w01.case(_case("case.accept", "accepted", ID_FIRST, "B01", "2026-11-20", "2026-11-24", (2, 20)))
    _received_at(db, c10, "case.accept", "2026-11-20T02:00:00")
    for step, was, details in (  # completed through the worklist's steps
        ("case.review", "accepted", {}),
        ("case.decide", "under_review", {"decision": "grant"}),
        ("case.complete", "decided", {"result": "准予", "fee_fen": 2000, "overtime_reason": "核查"}),
    ):
        w01.push(step, {"case_id": c10, "from_state": was, "on": "2026-11-24", "details": details})
    _received_at(db, c10, "case.complete", "2026-11-24T15:30:00")  # 23:30 on the 24th: on time
    # C01 (lina), SCJG items
    for action, state, item, at in (
        ("case.notify", "notified", COMPANY, "2026-11-24T02:00:00"),  # c3
        ("case.refuse", "refused", SOLE_TRADER, "2026-11-24T02:30:00"),  # c4
        ("case.notify", "notified", COMPANY, "2026-11-24T15:30:00"),  # c6: 23:30 on the 24th
        ("case.refuse", "refused", COMPANY, "2026-11-24T16:30:00"),  # c7: 00:30 on the 25th
        ("case.notify", "notified", COMPANY, "2026-11-30T16:30:00"),  # c8: 1 December
        ("case.notify", "notified", COMPANY, "2026-10-31T16:30:00"),  # c9: 1 November
    ):
        case_id = w02.case(_case(action, state, item, "C01"))
        _received_at(db, case_id, action, at)
    yield Hall(db, hall, w01.device, boss, w01)
    db.dispose()


def _figures(answer: dict[str, Any]) -> dict[str, dict[str, Any]]:
    rows = {r["key"]: r for r in answer["rows"]}
    rows["total"] = answer["total"]
    return rows


ZERO = {
    "consults": 0,
    "received": 0,
    "accepted": 0,
    "notified": 0,
    "refused": 0,
    "completed": 0,
    "completed_on_time": 0,
    "instant": 0,
    "instant_share": None,
    "fee_cases": 0,
    "completed_ahead": 0,
    "completed_overdue": 0,
    "average_days_promised": None,
    "average_days_used": None,
    "fees_charged_fen": 0,
}
C10_DONE = {"average_days_promised": 2.0, "average_days_used": 2.0, "fees_charged_fen": 2000}
NO_VISITS = {
    "tickets": 0,
    "average_wait_seconds": None,
    "average_service_seconds": None,
    "ratings": 0,
    "satisfaction_rate": None,
}
B01_DAY = {
    "tickets": 2,
    "average_wait_seconds": 720,
    "average_service_seconds": 420,
    "consults": 1,
    "received": 2,
    "accepted": 2,
    "notified": 0,
    "refused": 0,
    "completed": 3,
    "completed_on_time": 2,
    "instant": 1,
    "instant_share": 0.5,
    "fee_cases": 2,
    "ratings": 2,
    "satisfaction_rate": 0.5,
    "completed_ahead": 0,
    "completed_overdue": 0,
    **C10_DONE,
}
C01_DAY = {**ZERO, **NO_VISITS, "received": 3, "notified": 2, "refused": 1}


def test_a_day_by_window_over_http_and_by_clerk(hall_month: Hall) -> None:
    answer = requests.get(
        hall_month.server.url + "/api/v1/queue/reports",
        params={"period": "day", "date": "2026-11-24", "by": "window"},
        headers={"Authorization": f"Bearer {hall_month.boss.token}"},
        timeout=30,
    )
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert (body["period"], body["start"], body["end"], body["by"]) == (
        "day",
        "2026-11-24",
        "2026-11-24",
        "window",
    )
    assert body["columns"][:3] == ["tickets", "average_wait_seconds", "average_service_seconds"]
    rows = _figures(body)
    assert [r["key"] for r in body["rows"]] == ["B01", "B02", "C01"]
    assert rows["B01"] == {"key": "B01", "name": "公安户政窗口", **B01_DAY}
    assert rows["B02"] == {
        "key": "B02",
        "name": "公安出入境窗口",
        **ZERO,
        **NO_VISITS,
        "tickets": 1,
        "average_wait_seconds": 660,
        "average_service_seconds": 1800,
    }
    assert rows["C01"] == {"key": "C01", "name": "企业开办专区窗口", **C01_DAY}
    assert rows["total"] == {
        "key": "",
        "name": "合计",
        "tickets": 3,
        "average_wait_seconds": 700,
        "average_service_seconds": 880,
        "consults": 1,
        "received": 5,
        "accepted": 2,
        "notified": 2,
        "refused": 1,
        "completed": 3,
        "completed_on_time": 2,
        "instant": 1,
        "instant_share": 0.5,
        "fee_cases": 2,
        "ratings": 2,
        "satisfaction_rate": 0.5,
        "completed_ahead": 0,
        "completed_overdue": 0,
        **C10_DONE,
    }
    assert any("金额" in note for note in body["notes"])
    assert body["note_keys"] == ["time", "fees", "rate", "on_time"]  # one key per note, in its order
    by_clerk = _figures(report(hall_month.db, "day", DAY, "clerk", TZ))
    assert by_clerk["wangfang"] == {"key": "wangfang", "name": "王芳", **B01_DAY}
    assert by_clerk["lina"] == {
        **{"key": "lina", "name": "李娜"},
        **C01_DAY,
        "tickets": 1,
        "average_wait_seconds": 660,
        "average_service_seconds": 1800,
    }


def test_department_item_month_and_the_hall_midnight(hall_month: Hall) -> None:
    db = hall_month.db
    by_department = report(db, "day", DAY, "department", TZ)
    assert "tickets" not in by_department["columns"] and "satisfaction_rate" not in by_department["columns"]
    departments = _figures(by_department)
    assert departments["GA"] == {
        "key": "GA",
        "name": "示范市公安局",
        **ZERO,
        "received": 2,
        "accepted": 2,
        "completed": 3,
        "completed_on_time": 2,
        "instant": 1,
        "instant_share": 0.5,
        "fee_cases": 2,
        **C10_DONE,
    }
    assert departments["SCJG"] == {
        "key": "SCJG",
        "name": "示范市市场监督管理局",
        **ZERO,
        "received": 3,
        "notified": 2,
        "refused": 1,
    }
    assert departments[""] == {"key": "", "name": "（未指定）", **ZERO, "consults": 1}  # no item chosen
    items = _figures(report(db, "day", DAY, "item", TZ))
    assert items[ID_RENEWAL] == {
        **{"key": ID_RENEWAL, "name": "居民身份证换领"},
        **ZERO,
        "received": 1,
        "accepted": 1,
        "completed": 1,
        "fee_cases": 1,
        "instant_share": 0.0,
    }
    assert items[ID_TEMPORARY] == {
        **{"key": ID_TEMPORARY, "name": "临时居民身份证申领"},
        **ZERO,
        "received": 1,
        "accepted": 1,
        "completed": 1,
        "completed_on_time": 1,
        "instant": 1,
        "instant_share": 1.0,
        "fee_cases": 1,
    }
    assert items[ID_FIRST]["completed_on_time"] == 1 and items[SOLE_TRADER]["refused"] == 1
    assert {k: items[ID_FIRST][k] for k in C10_DONE} == C10_DONE
    assert items[COMPANY]["notified"] == 2
    # the 25th: only the refusal received at 00:30 hall time (16:30 UTC on the 24th)
    next_day = _figures(report(db, "day", date(2026, 11, 25), "window", TZ))
    assert next_day["C01"] == {
        "key": "C01",
        "name": "企业开办专区窗口",
        **C01_DAY,
        "received": 1,
        "notified": 0,
    }
    # November: the 20th's acceptances, the 25th's refusal, the 26th's ticket, the 1st's notice
    # (16:30 UTC on 31 October); not the notice of 1 December (16:30 UTC on 30 November)
    month = report(db, "month", date(2026, 11, 1), "window", TZ)
    assert (month["start"], month["end"]) == ("2026-11-01", "2026-11-30")
    rows = _figures(month)
    assert rows["B01"] == {
        **{"key": "B01", "name": "公安户政窗口"},
        **B01_DAY,
        "tickets": 3,
        "average_wait_seconds": 580,
        "average_service_seconds": 380,
        "received": 4,
        "accepted": 4,
        "instant_share": 0.25,
        "fee_cases": 4,
    }
    assert rows["C01"] == {
        "key": "C01",
        "name": "企业开办专区窗口",
        **C01_DAY,
        "received": 5,
        "notified": 3,
        "refused": 2,
    }
    assert rows["total"]["tickets"] == 4 and rows["total"]["average_wait_seconds"] == 600
    assert rows["total"]["average_service_seconds"] == 735 and rows["total"]["received"] == 9
    assert _figures(report(db, "month", date(2026, 12, 1), "window", TZ))["C01"]["notified"] == 1


def test_only_supervisors_and_clear_errors_for_bad_parameters(hall_month: Hall) -> None:
    url = hall_month.server.url + "/api/v1/queue/reports"

    def ask(device: Device, **params: str) -> requests.Response:
        return requests.get(
            url, params=params, headers={"Authorization": f"Bearer {device.token}"}, timeout=30
        )

    refused = ask(hall_month.clerk, period="day", date="2026-11-24", by="window")
    assert refused.status_code == 403 and refused.json()["error"] == "role"
    assert requests.get(url, params={"date": "2026-11-24"}, timeout=30).status_code == 401
    for params, code in (
        ({"period": "week", "date": "2026-11-24"}, "bad_period"),
        ({"period": "day", "date": "2026-11-31"}, "bad_date"),
        ({"period": "day", "date": "2026-11"}, "bad_date"),
        ({"period": "month", "date": "2026-11-24"}, "bad_date"),
        ({"period": "month", "date": "2026-13"}, "bad_date"),
        ({"period": "day", "date": "2026-11-24", "by": "queue"}, "bad_grouping"),
    ):
        answer = ask(hall_month.boss, **params)
        assert (answer.status_code, answer.json()["error"]) == (422, code), params
    month = ask(hall_month.boss, period="month", date="2026-11", by="clerk")
    assert month.status_code == 200 and month.json()["start"] == "2026-11-01"


def test_completions_ahead_and_late_with_their_working_days_and_fees(hall_month: Hall) -> None:
    w = hall_month.window
    # accepted Tuesday 1 December, 2 working days promised: due Thursday the 3rd
    ahead = w.case(_case("case.accept", "accepted", ID_FIRST, "B01", "2026-12-01", "2026-12-03", (2, 20)))
    late = w.case(_case("case.accept", "accepted", ID_FIRST, "B01", "2026-12-01", "2026-12-03", (2, 20)))
    for case_id, on, details in (
        (ahead, "2026-12-02", {"result": "准予", "fee_fen": 1250}),
        (late, "2026-12-04", {"result": "准予", "fee_fen": 99_999_999, "overtime_reason": "专家评审延误"}),
    ):
        for step, was, d in (
            ("case.review", "accepted", {}),
            ("case.decide", "under_review", {"decision": "grant"}),
            ("case.complete", "decided", details),
        ):
            w.push(step, {"case_id": case_id, "from_state": was, "on": on, "details": d})
        _received_at(hall_month.db, case_id, "case.complete", "2026-12-04T03:00:00")
    row = _figures(report(hall_month.db, "day", date(2026, 12, 4), "item", TZ))[ID_FIRST]
    assert (row["completed"], row["completed_on_time"]) == (2, 1)  # judged by the step's date
    assert (row["completed_ahead"], row["completed_overdue"]) == (1, 1)
    assert row["average_days_promised"] == 2.0
    assert row["average_days_used"] == 2.0  # 1 (the 2nd) and 3 (2nd, 3rd, 4th)
    assert row["fees_charged_fen"] == 100_001_249  # 12.50 + 999,999.99 yuan, to the fen
