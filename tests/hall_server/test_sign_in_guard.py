"""Guessing is slowed and stopped: sign-in per user name and per device, enrolment codes per
address; unknown, wrong and revoked users get one answer (real server, SQLite and PostgreSQL)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from sqlalchemy import update

from hall_server import admin as server_admin
from hall_server.changes import utcnow
from hall_server.db import ServerDatabase, open_server_database
from hall_server.models import SignInGuardRow
from tests.hall_server.api import Device, enrol
from tests.servers import PASSWORD, ServerProcess, admin, enrollment_code


@pytest.fixture
def db(hall_db: str) -> Iterator[ServerDatabase]:
    database = open_server_database(hall_db)
    yield database
    database.dispose()


def _sign_in(device: Device, username: str, password: str) -> requests.Response:
    return device.post(
        "/login",
        {
            "device_id": device.device_id,
            "device_secret": device.secret,
            "username": username,
            "password": password,
        },
    )


def _time_passes(db: ServerDatabase) -> None:
    """Every delay has run out (the story moves the stamps instead of sleeping)."""
    with db.sessions() as s, s.begin():
        s.execute(update(SignInGuardRow).values(blocked_until=utcnow()))


def _wait(answer: requests.Response) -> int:
    assert answer.status_code == 429, answer.text
    found = re.search(r"try again in (\d+) s", answer.json()["message"])
    assert found, answer.text
    return int(found[1])


def test_failures_bring_growing_delays_and_every_user_name_fails_alike(
    hall: ServerProcess, hall_db: str, db: ServerDatabase
) -> None:
    pc = enrol(hall.url, hall_db, device="W01", window="A01")
    server_admin.create_user(db, "lina", "李娜", "clerk", PASSWORD)
    server_admin.revoke_user(db, "lina")
    wrong = [
        _sign_in(pc, "wangfang", "wrong-1"),
        _sign_in(pc, "nobody", "wrong-2"),
        _sign_in(pc, "lina", "x"),
    ]
    # a wrong password, an unknown name and a revoked user with a wrong password: one answer
    assert {(r.status_code, r.text) for r in wrong} == {
        (401, '{"error":"bad_password","message":"wrong user name or password"}')
    }
    # three failures on this PC: it must wait, even with the right password
    first = _wait(_sign_in(pc, "wangfang", PASSWORD))
    _time_passes(db)
    assert _sign_in(pc, "wangfang", "wrong-3").status_code == 401
    assert _wait(_sign_in(pc, "zhaolei", PASSWORD)) > first  # the delay grows with each failure
    _time_passes(db)
    # a revoked user learns it only with the right password
    assert _sign_in(pc, "lina", PASSWORD).json()["error"] == "user_revoked"
    assert _sign_in(pc, "wangfang", PASSWORD).status_code == 200

    # enrolment codes: three wrong ones from an address, then even a right one waits
    def enrol_with(code: str) -> requests.Response:
        return requests.post(hall.url + "/api/v1/enroll", json={"code": code, "hostname": "pc"}, timeout=30)

    for guess in ("AAAA-BBBB-CCCC", "AAAA-BBBB-CCCD", "AAAA-BBBB-CCCE"):
        assert enrol_with(guess).status_code == 403
    good = enrollment_code(hall_db, "W09", "A02")
    _wait(enrol_with(good))
    _time_passes(db)
    assert enrol_with(good).status_code == 200


def test_a_user_name_is_locked_until_a_supervisor_unlocks_it(
    hall_db: str, db: ServerDatabase, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HALL_SERVER_SIGN_IN_DELAY_AFTER", "100")
    monkeypatch.setenv("HALL_SERVER_SIGN_IN_LOCK_AFTER", "4")
    server = ServerProcess(hall_db, tmp_path / "server.log").start()
    try:
        clerk_pc = enrol(server.url, hall_db, device="W01", window="A01")
        boss = enrol(server.url, hall_db, device="W02", user="zhaolei", window="A02")
        for n in range(4):
            assert _sign_in(clerk_pc, "wangfang", f"wrong-{n}").status_code == 401
        locked = _sign_in(clerk_pc, "wangfang", PASSWORD)
        assert locked.status_code == 403 and locked.json()["error"] == "locked"
        assert "until a supervisor unlocks it" in locked.json()["message"]
        # a clerk may not lift it; a supervisor may, and the clerk signs in again
        assert clerk_pc.post("/users/unlock", {"username": "wangfang"}).status_code in (401, 403)
        lifted = boss.post("/users/unlock", {"username": "wangfang"})
        assert lifted.status_code == 200 and lifted.json()["was_locked"] is True
        assert _sign_in(clerk_pc, "wangfang", PASSWORD).status_code == 200
        # locked again, and lifted by IT's command this time
        for n in range(4):
            assert _sign_in(clerk_pc, "wangfang", f"wrong-{n}").status_code == 401
        assert _sign_in(clerk_pc, "wangfang", PASSWORD).json()["error"] == "locked"
        assert admin(hall_db, "unlock-user", "wangfang") == "user wangfang unlocked"
        assert _sign_in(clerk_pc, "wangfang", PASSWORD).status_code == 200
    finally:
        server.stop()
