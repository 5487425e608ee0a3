"""Who did it and where comes from the token and the enrolment, never from an op's payload;
revocation and a replayed refresh token end access at once (real server, SQLite and PostgreSQL)."""

from __future__ import annotations

import uuid
from typing import Any

import requests

from hall_server import admin as server_admin
from hall_server.db import open_server_database
from hall_server.queue.tickets import hall_now
from tests.hall_server.api import Device, consult_op, device_number, enrol, op
from tests.servers import PASSWORD, ServerProcess

ID_RENEWAL = "010700100000"  # 居民身份证换领, department GA


def accept(device: Device, seq: int, actor: str = "", **case: Any) -> dict[str, Any]:
    """A 受理 op as *device*'s window makes it; *case* overrides fields of the case."""
    number = device_number(device.device_code)
    body = {
        "id": str(uuid.uuid4()),
        "case_number": number,
        "state": "accepted",
        "item_code": ID_RENEWAL,
        "department": "GA",
        "window_code": device.window_code,
        "device_code": device.device_code,
        "item_snapshot": {"code": ID_RENEWAL, "department": "GA"},
        "applicant": {"name": "张三", "id_number": "110105194912310021"},
        "accepted_on": "2026-11-24",
        "created_at": "2026-11-24T03:00:00",
        **case,
    }
    made = op(seq, "case.accept", {"case": body, "from_state": None, "notices": [body["case_number"]]})
    made["actor"] = actor
    return made


def verdicts(device: Device, ops: list[dict[str, Any]], token: str | None = None) -> list[tuple[str, str]]:
    answer = device.push(ops, token=token)
    assert answer.status_code == 200, answer.text
    return [(r["status"], r["reason"]) for r in answer.json()["results"]]


def login(device: Device, username: str) -> str:
    answer = device.post(
        "/login",
        {
            "device_id": device.device_id,
            "device_secret": device.secret,
            "username": username,
            "password": PASSWORD,
        },
    )
    assert answer.status_code == 200, answer.text
    return str(answer.json()["access_token"])


def test_an_op_is_recorded_under_the_token_s_user_or_one_the_server_signed_in_on_that_pc(
    hall: ServerProcess, hall_db: str
) -> None:
    db = open_server_database(hall_db)
    try:
        server_admin.create_user(db, "lina", "李娜", "clerk", PASSWORD)
    finally:
        db.dispose()
    clerk = enrol(hall.url, hall_db, device="W01", window="A01")
    boss = enrol(hall.url, hall_db, device="W02", user="zhaolei", window="A02")

    # a supervisor's token pushing intake under a clerk's name who never signed in on that PC
    [(status, reason)] = verdicts(boss, [accept(boss, 1, actor="wangfang")])
    assert status == "rejected" and "never signed in on this PC" in reason
    # a clerk pushing under another clerk's name, under "admin" and under a name nobody has
    got = verdicts(clerk, [accept(clerk, 1, actor="lina"), accept(clerk, 2, actor="admin")])
    assert got[0][0] == "rejected" and "never signed in on this PC" in got[0][1]
    assert got[1] == ("rejected", "unknown user 'admin'")
    case = accept(clerk, 3)
    assert verdicts(clerk, [case])[0][0] == "applied"
    case_id = case["payload"]["case"]["id"]
    note = op(4, "notice.reprint", {"case_id": case_id, "number": case["payload"]["case"]["case_number"]})
    note["actor"] = "nobody"
    assert verdicts(clerk, [note]) == [("rejected", "unknown user 'nobody'")]

    # 李娜 signs in on W01 (online, so the server knows it), then works there offline: her
    # queued ops go out under whoever signs in next, and keep her name
    login(clerk, "lina")
    replayed = accept(clerk, 5, actor="lina")
    assert verdicts(clerk, [replayed])[0][0] == "applied"
    assert verdicts(clerk, [accept(clerk, 6, actor="lina")])[0][0] == "applied"


def test_a_pc_creates_only_at_its_own_window_under_its_own_numbers(hall: ServerProcess, hall_db: str) -> None:
    w01 = enrol(hall.url, hall_db, device="W01", window="A01")
    w02 = enrol(hall.url, hall_db, device="W02", window="A02")
    got = verdicts(
        w01,
        [
            accept(w01, 1, window_code="A02"),
            accept(w01, 2, case_number=device_number("W02")),
            accept(w01, 3, device_code="W02"),
            consult_op(4, window="A02"),
            consult_op(5, number=device_number("W02", "ZX")),
            consult_op(6, number=device_number("W01", "GZ")),
        ],
    )
    assert [s for s, _ in got] == ["rejected"] * 6
    assert "enrolled at window A01, not A02" in got[0][1]
    assert "was not made by device W01" in got[1][1]
    assert "enrolled as device W01, not W02" in got[2][1]
    assert "enrolled at window A01, not A02" in got[3][1]
    assert "was not made by device W01" in got[4][1] and "was not made by device W01" in got[5][1]
    # a notice number of another device inside a case of this one
    stolen = accept(w01, 7)
    stolen["payload"]["notices"] = [device_number("W02", "GZ")]
    assert "notice number" in verdicts(w01, [stolen])[0][1]
    # the same ops from their own windows are applied
    assert verdicts(w02, [accept(w02, 1), consult_op(2, device="W02", window="A02")])[0][0] == "applied"


def test_a_visit_is_recorded_once_at_its_window_and_rated_only_there(
    hall: ServerProcess, hall_db: str
) -> None:
    w01 = enrol(hall.url, hall_db, device="W01", window="B01")
    w02 = enrol(hall.url, hall_db, device="W02", window="B02")
    now = hall_now("Asia/Shanghai").isoformat()
    visit = {
        "id": str(uuid.uuid4()),
        "ticket_id": None,
        "ticket_display": "",
        "window_code": "B01",
        "started_at": now,
        "finished_at": now,
        "cases": [],
        "consults": [],
    }
    assert verdicts(w02, [op(1, "visit.record", visit)])[0][0] == "rejected"  # another window's visit
    assert verdicts(w01, [op(1, "visit.record", visit)])[0][0] == "applied"
    rewrite = op(2, "visit.record", {**visit, "cases": ["forged"], "finished_at": None})
    [(status, reason)] = verdicts(w01, [rewrite])
    assert status == "rejected" and "never rewritten" in reason
    rating = {"visit_id": visit["id"], "rating": 5, "reasons": ["态度差"], "rated_at": now}
    [(status, reason)] = verdicts(w02, [op(2, "visit.rated", rating)])
    assert status == "rejected" and "recorded at window B01" in reason
    assert verdicts(w01, [op(3, "visit.rated", {**rating, "rating": 1, "reasons": []})])[0][0] == "applied"


def test_a_case_moves_only_at_windows_serving_its_department(hall: ServerProcess, hall_db: str) -> None:
    b01 = enrol(hall.url, hall_db, device="W01", window="B01")  # 公安户政: GA
    e01 = enrol(hall.url, hall_db, device="W02", window="E01")  # 社会保障: RS only
    a02 = enrol(hall.url, hall_db, device="W03", window="A02")  # 综合受理: every department
    case = accept(b01, 1)
    assert verdicts(b01, [case])[0][0] == "applied"
    case_id = case["payload"]["case"]["id"]
    move = {"case_id": case_id, "from_state": "accepted", "to_state": "withdrawn", "reason": "申请人撤回"}
    [(status, reason)] = verdicts(e01, [op(1, "case.transition", move)])
    assert status == "rejected" and "does not serve department GA" in reason
    reprint = {"case_id": case_id, "number": case["payload"]["case"]["case_number"]}
    assert verdicts(e01, [op(2, "notice.reprint", reprint)])[0][0] == "rejected"
    assert verdicts(a02, [op(1, "notice.reprint", reprint)])[0][0] == "applied"
    assert verdicts(a02, [op(2, "case.transition", move)])[0][0] == "applied"

    # the applicant told what was missing at B01 comes back with it to A02: accepted there under
    # A02's number, the case still B01's; the receipt numbered by another PC is refused
    notified = accept(b01, 2, state="notified", case_number=None)
    notified["op_type"] = "case.notify"
    notified["payload"]["notices"] = [device_number("W01", "GZ")]
    assert verdicts(b01, [notified])[0][0] == "applied"
    back = notified["payload"]["case"] | {"state": "accepted", "case_number": device_number("W03")}
    forged = op(
        3, "case.accept", {"case": back | {"case_number": device_number("W02")}, "from_state": "notified"}
    )
    assert "was not made by device W03" in verdicts(a02, [forged])[0][1]
    resumed = op(4, "case.accept", {"case": back, "from_state": "notified", "notices": [back["case_number"]]})
    assert verdicts(a02, [resumed])[0][0] == "applied"


def test_an_actor_s_role_is_not_lent_to_another_s_token(hall: ServerProcess, hall_db: str) -> None:
    db = open_server_database(hall_db)
    try:
        server_admin.create_user(db, "chen", "陈主任", "chief", PASSWORD)
    finally:
        db.dispose()
    b01 = enrol(hall.url, hall_db, device="W01", window="B01")  # 公安户政: GA
    e01 = enrol(hall.url, hall_db, device="W02", window="E01")  # 社会保障: RS only
    case = accept(b01, 1)
    assert verdicts(b01, [case])[0][0] == "applied"
    login(e01, "chen")  # the chief once helped at E01: the server signed him in there
    move = {"case_id": case["payload"]["case"]["id"], "from_state": "accepted", "to_state": "withdrawn"}
    borrowed = op(1, "case.transition", move)
    borrowed["actor"] = "chen"  # the clerk's token, the chief's name: the chief's reach is not lent
    [(status, reason)] = verdicts(e01, [borrowed])
    assert status == "rejected" and "does not serve department GA" in reason
    e01.token = login(e01, "chen")  # the chief himself at E01 acts on any case
    assert verdicts(e01, [op(2, "case.transition", move)])[0][0] == "applied"


def test_a_revocation_stops_every_route_at_once(hall: ServerProcess, hall_db: str) -> None:
    clerk = enrol(hall.url, hall_db, device="W01", window="B01")
    other = enrol(hall.url, hall_db, device="W02", window="B02")
    queue = hall.url + "/api/v1/queue"

    def calls(device: Device) -> list[int]:
        auth = {"Authorization": f"Bearer {device.token}"}
        return [
            device.pull("0:0").status_code,
            requests.get(queue + "/window", headers=auth, timeout=30).status_code,
            requests.post(queue + "/call-next", headers=auth, timeout=30).status_code,
            device.push([consult_op(1, device=device.device_code, window=device.window_code)]).status_code,
        ]

    requests.post(queue + "/tickets", json={"queue": "B"}, timeout=30)
    assert clerk.pull("0:0").status_code == 200  # a standing read just now, not cached afterwards
    assert requests.get(queue + "/window", headers={"Authorization": f"Bearer {clerk.token}"}, timeout=30).ok
    db = open_server_database(hall_db)
    try:
        assert server_admin.revoke_device(db, "W01") == 1
        assert calls(clerk) == [403, 403, 403, 403]
        assert other.pull("0:0").status_code == 200
        server_admin.revoke_user(db, "wangfang")  # the user of the other PC too: its token stops
        assert calls(other) == [403, 403, 403, 403]
    finally:
        db.dispose()
