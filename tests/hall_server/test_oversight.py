"""电子监察 on a real server (SQLite and PostgreSQL): overdue and due-soon cases per department,
late completions with their reasons, extensions with their approver, stopped clocks, on-time rates.

The server judges on its own clock, so the cases are dated from the hall's today."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import requests

from tests.hall_server.api import enrol, op
from tests.hall_server.test_reports import ID_FIRST, ID_RENEWAL, TZ, Window, _case
from tests.servers import ServerProcess


def _day(offset: int) -> str:
    return (datetime.now(ZoneInfo(TZ)).date() + timedelta(days=offset)).isoformat()


def test_the_supervision_view_lists_what_broke_its_promise_and_why(hall: ServerProcess, hall_db: str) -> None:
    clerk = Window(enrol(hall.url, hall_db, device="W01", window="B01"))
    boss_device = enrol(hall.url, hall_db, device="W03", user="zhaolei", window="A01")
    boss = Window(boss_device)
    today = _day(0)
    overdue = clerk.case(_case("case.accept", "accepted", ID_RENEWAL, "B01", _day(-30), _day(-10)))
    clerk.case(_case("case.accept", "accepted", ID_RENEWAL, "B01", _day(-1), _day(40)))  # in time
    soon = clerk.case(_case("case.accept", "accepted", ID_RENEWAL, "B01", _day(-5), today))  # due today
    stopped = clerk.case(_case("case.accept", "accepted", ID_RENEWAL, "B01", _day(-3), _day(20)))
    clerk.push("case.review", {"case_id": stopped, "from_state": "accepted", "on": today, "details": {}})
    correction = {"materials": [{"name": "居民户口簿", "problem": "复印件不清晰"}], "note": ""}
    clerk.push(
        "case.correction",
        {"case_id": stopped, "from_state": "under_review", "on": today, "details": correction},
    )
    late = clerk.case(_case("case.accept", "accepted", ID_FIRST, "B01", _day(-20), None, (1, 20)))
    for step, was, details in (
        ("case.review", "accepted", {}),
        ("case.decide", "under_review", {"decision": "grant"}),
        ("case.complete", "decided", {"result": "准予", "fee_fen": 0, "overtime_reason": "等待外省协查回函"}),
    ):
        clerk.push(step, {"case_id": late, "from_state": was, "on": today, "details": details})
    extended = clerk.case(_case("case.accept", "accepted", ID_FIRST, "B01", _day(-2), None, (15, 20)))
    boss.push(
        "case.extend",
        {
            "case_id": extended,
            "from_state": "accepted",
            "on": today,
            "details": {"days": 5, "reason": "需现场核查"},
        },
    )

    def ask(token: str) -> requests.Response:
        return requests.get(
            hall.url + "/api/v1/queue/oversight", headers={"Authorization": f"Bearer {token}"}, timeout=30
        )

    assert ask(clerk.device.token).status_code == 403  # a clerk does not supervise
    answer = ask(boss_device.token)
    assert answer.status_code == 200, answer.text
    body = answer.json()
    ga = next(d for d in body["departments"] if d["department"] == "GA")
    assert ga["name"] == "示范市公安局"
    assert (ga["open"], ga["overdue"], ga["warning"], ga["stopped"]) == (5, 1, 1, 1)
    assert (ga["completed"], ga["ahead"], ga["on_time"], ga["late"], ga["on_time_rate"]) == (1, 0, 0, 1, 0.0)

    assert body["overdue"]["total"] == 1
    (past,) = body["overdue"]["cases"]
    assert past["id"] == overdue and past["promised_due"] == _day(-10) and past["working_days_late"] >= 5
    assert soon not in [c["id"] for c in body["overdue"]["cases"]]

    (done,) = body["late_completions"]["cases"]
    assert (done["id"], done["overtime_reason"], done["completed_on"]) == (late, "等待外省协查回函", today)
    assert done["days_promised"] == 1 and done["days_used"] > 1

    (grant,) = body["extensions"]["cases"]
    assert (grant["id"], grant["days"], grant["reason"]) == (extended, 5, "需现场核查")
    assert grant["approved_by"] == "赵磊"

    (clock,) = body["stopped"]["cases"]
    assert (clock["id"], clock["kind"], clock["since"]) == (stopped, "correction", today)

    month = requests.get(
        hall.url + "/api/v1/queue/oversight",
        params={"month": "2026-13"},
        headers={"Authorization": f"Bearer {boss_device.token}"},
        timeout=30,
    )
    assert month.status_code == 422 and month.json()["error"] == "bad_date"
    assert date.fromisoformat(body["today"]) == datetime.now(ZoneInfo(TZ)).date()


def test_an_extension_asked_at_the_window_is_decided_from_the_supervision_view(
    hall: ServerProcess, hall_db: str
) -> None:
    clerk = Window(enrol(hall.url, hall_db, device="W01", window="B01"))
    boss = enrol(hall.url, hall_db, device="W03", user="zhaolei", window="A01")
    today = _day(0)
    asked = clerk.case(_case("case.accept", "accepted", ID_FIRST, "B01", _day(-2), None, (15, 20)))
    refused = clerk.case(_case("case.accept", "accepted", ID_FIRST, "B01", _day(-2), None, (15, 20)))
    for case_id in (asked, refused):
        clerk.push(
            "case.extend_request",
            {
                "case_id": case_id,
                "from_state": "accepted",
                "on": today,
                "details": {"days": 5, "reason": "需调取档案"},
            },
        )

    def oversight() -> dict[str, Any]:
        answer = requests.get(
            hall.url + "/api/v1/queue/oversight",
            headers={"Authorization": f"Bearer {boss.token}"},
            timeout=30,
        )
        assert answer.status_code == 200, answer.text
        return dict(answer.json())

    def decide(device_token: str, case_id: str, **body: Any) -> requests.Response:
        return requests.post(
            hall.url + f"/api/v1/queue/oversight/extensions/{case_id}",
            json=body,
            headers={"Authorization": f"Bearer {device_token}"},
            timeout=30,
        )

    requests_seen = oversight()["extension_requests"]
    assert requests_seen["total"] == 2
    first = next(c for c in requests_seen["cases"] if c["id"] == asked)
    assert (first["days"], first["reason"], first["requested_by"]) == (5, "需调取档案", "王芳")
    extend = {
        "case_id": asked,
        "from_state": "accepted",
        "on": today,
        "details": {"days": 5, "reason": "需调取档案"},
    }
    early = clerk.device.push([op(clerk.seq + 1, "case.extend", extend)]).json()["results"][0]
    assert early["status"] == "rejected" and "role" in early["reason"]  # not approved yet: refused
    clerk.seq += 1

    assert decide(clerk.device.token, asked, approve=True).status_code == 403  # a clerk does not decide
    assert decide(boss.token, asked, approve="yes").status_code == 422
    assert decide(boss.token, refused, approve=False).status_code == 422  # a refusal says why
    assert (
        decide(boss.token, refused, approve=False, note="材料齐全，应按期办结").json()["status"] == "refused"
    )
    approved = decide(boss.token, asked, approve=True)
    assert approved.status_code == 200 and approved.json()["decided_by"] == "赵磊"
    assert decide(boss.token, asked, approve=True).status_code == 409  # decided already
    assert oversight()["extension_requests"]["total"] == 0

    wrong_days = extend | {"details": {"days": 9, "reason": "需调取档案"}}
    assert (
        clerk.device.push([op(clerk.seq + 1, "case.extend", wrong_days)]).json()["results"][0]["status"]
        == "rejected"
    )
    clerk.seq += 1
    clerk.push("case.extend", extend)  # the days approved: the clerk takes the extension
    refused_extend = extend | {"case_id": refused}
    answer = clerk.device.push([op(clerk.seq + 1, "case.extend", refused_extend)]).json()["results"][0]
    assert answer["status"] == "rejected"
    clerk.seq += 1
    (grant,) = [c for c in oversight()["extensions"]["cases"] if c["id"] == asked]
    assert (grant["days"], grant["approved_by"]) == (5, "赵磊")  # the clerk's op, 赵磊's approval
