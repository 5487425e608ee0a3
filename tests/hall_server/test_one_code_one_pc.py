"""One device code, one PC: a second PC under an active code is refused, a replacement carries the
numbering forward, and a number made twice anyway is kept, flagged and shown (real server, both
engines)."""

from __future__ import annotations

from typing import Any

import pytest
import requests
from sqlalchemy import select, update

from hall_server import admin as server_admin
from hall_server.db import open_server_database
from hall_server.models import CaseRow, CollisionRow, ConsultRow, DeviceRow
from hall_server.queue.tickets import hall_now
from tests.hall_server.api import Device, consult_op, device_number, enrol
from tests.hall_server.test_authority import accept, verdicts
from tests.servers import PASSWORD, ServerProcess, admin, enrollment_code


def _enrol_with(base: str, code: str) -> requests.Response:
    return requests.post(base + "/api/v1/enroll", json={"code": code, "hostname": "new-pc"}, timeout=30)


def _notify(device: Device, seq: int, number: str) -> dict[str, Any]:
    made = accept(device, seq, state="notified", case_number=None)
    made["op_type"] = "case.notify"
    made["payload"]["notices"] = [number]
    return made


def test_a_second_pc_under_an_active_code_is_refused_and_a_replacement_carries_the_numbers_on(
    hall: ServerProcess, hall_db: str
) -> None:
    early = enrollment_code(hall_db, "W01", "A01")  # made before the first PC used its own
    first = enrol(hall.url, hall_db, device="W01", window="A01")
    today = f"{hall_now('Asia/Shanghai'):%Y%m%d}"
    cases = [accept(first, n, case_number=f"330100W01{today}{n:04d}") for n in (1, 2, 3)]
    notice = _notify(first, 4, f"GZ330100W01{today}0005")
    assert [s for s, _ in verdicts(first, [*cases, notice])] == ["applied"] * 4

    refused = _enrol_with(hall.url, early)
    assert refused.status_code == 409 and refused.json()["error"] == "device_code_in_use"
    assert "--replace" in refused.json()["message"]
    assert first.pull("0:0").status_code == 200  # the PC in use goes on

    # IT's command refuses a code for an active device code, unless it says --replace
    with pytest.raises(RuntimeError, match="in use by the PC"):
        admin(hall_db, "enroll-code", "--device", "W01", "--window", "A01")
    code = admin(hall_db, "enroll-code", "--device", "W01", "--window", "A01", "--replace")
    replaced = _enrol_with(hall.url, code)
    assert replaced.status_code == 200, replaced.text
    numbering = replaced.json()["numbering"]
    assert numbering == {f"CASE:{today}": 3, f"ONE_TIME_NOTICE:{today}": 5}
    # the old PC stops at once, but for pushing: what it recorded before (receipts in applicants'
    # hands) still arrives, under numbers the new PC does not make again
    assert first.pull("0:0").status_code == 403
    window = requests.get(
        hall.url + "/api/v1/queue/window", headers={"Authorization": f"Bearer {first.token}"}, timeout=30
    )
    assert window.status_code == 403
    again = first.post(
        "/refresh",
        {"device_id": first.device_id, "device_secret": first.secret, "refresh_token": first.refresh},
    )
    assert again.status_code == 200
    late = accept(first, 5, case_number=f"330100W01{today}0004")  # made offline before the swap
    assert verdicts(first, [late], token=again.json()["access_token"])[0][0] == "applied"
    signed_in = first.post(
        "/login",
        {
            "device_id": first.device_id,
            "device_secret": first.secret,
            "username": "wangfang",
            "password": PASSWORD,
        },
    )
    assert signed_in.status_code == 403  # nobody signs in there any more


def test_a_number_made_twice_is_kept_flagged_and_shown(hall: ServerProcess, hall_db: str) -> None:
    one = enrol(hall.url, hall_db, device="W01", window="A01")
    two = enrol(hall.url, hall_db, device="W02", window="A01")
    boss = enrol(hall.url, hall_db, device="W03", user="zhaolei", window="A02")
    db = open_server_database(hall_db)
    try:
        # as the issue found it: IT gave the replacement PC the same code before this release
        with db.sessions() as s, s.begin():
            s.execute(update(DeviceRow).where(DeviceRow.id == two.device_id).values(device_code="W01"))
        two.device_code = "W01"
        number = device_number("W01")
        gz, zx = device_number("W01", "GZ"), device_number("W01", "ZX")
        assert [s for s, _ in verdicts(one, [accept(one, 1, case_number=number), _notify(one, 2, gz)])] == [
            "applied",
            "applied",
        ]
        assert verdicts(one, [consult_op(3, number=zx)])[0][0] == "applied"
        clash = accept(two, 1, case_number=number)
        answer = two.push([clash, _notify(two, 2, gz), consult_op(3, number=zx)]).json()["results"]
        assert [r["status"] for r in answer] == ["applied"] * 3
        assert answer[0]["result"]["collision"] == number
        alias = answer[0]["result"]["case_number"]
        assert alias == f"{number}-2"
        assert answer[1]["result"]["notice_collisions"] == [gz]
        assert answer[2]["result"] == {
            "consult_id": answer[2]["result"]["consult_id"],
            "collision": zx,
            "number": f"{zx}-2",
        }
        with db.sessions() as s:
            kept = s.get(CaseRow, clash["payload"]["case"]["id"])
            assert kept is not None and kept.case_number == alias and kept.receipt_number == number
            assert kept.data["receipt_number"] == number and kept.data["case_number"] == alias
            assert s.scalar(select(ConsultRow.receipt_number).where(ConsultRow.number == f"{zx}-2")) == zx
            kinds = sorted(s.scalars(select(CollisionRow.kind)))
            assert kinds == ["case", "consult", "notice"]
        # the supervisors see it, and so does IT's export
        alerts = requests.get(
            hall.url + "/api/v1/queue/monitor", headers={"Authorization": f"Bearer {boss.token}"}, timeout=30
        ).json()["alerts"]
        shown = {(a["case_number"], a.get("reason")) for a in alerts if a["kind"] == "number_collision"}
        assert shown == {(number, alias), (gz, ""), (zx, f"{zx}-2")}
        exported = server_admin.export(db)
        assert {c["number"] for c in exported["collisions"]} == {number, gz, zx}
        # a case that is later moved keeps its alias, and a replay of the op changes nothing
        again = two.push([clash]).json()["results"][0]
        assert again["duplicate"] and again["result"]["case_number"] == alias
    finally:
        db.dispose()
