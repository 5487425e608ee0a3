"""Business refusals reach the clerk's "needs attention" list and never block the ops behind."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from counter_app.store.sync_store import SyncStore
from hall_server import admin as server_admin
from hall_server.db import open_server_database
from tests.conftest import Clock
from tests.servers import ServerProcess, enrollment_code
from tests.sync_helpers import window_client


def _diagnose(data_dir: Path, tmp_path: Path) -> str:
    """What IT reads: ``counter-app diagnose`` as its own process (it may start Qt for the printers)."""
    from tests.test_cli import run

    home = tmp_path / "home"
    done = run("--data-dir", str(data_dir), "diagnose", system_settings=tmp_path / "none.ini", home=home)
    return done.stdout


def _revoke(url: str, username: str) -> None:
    db = open_server_database(url)
    try:
        server_admin.revoke_user(db, username)
    finally:
        db.dispose()


def test_ops_of_a_revoked_user_are_rejected_shown_and_do_not_block(
    hall: ServerProcess, hall_db: str, tmp_path: Path
) -> None:
    window = window_client(tmp_path / "w", hall.url, hall_db)
    try:
        window.sync()
        made = window.accept("被撤销")
        _revoke(hall_db, "wangfang")  # revoked after the intake, before the push
        report = window.sync()
        assert report.needs_login  # the session ended: the op waits, nothing lost
        assert report.waiting == 1
        # another clerk signs in on this PC and the queued op is pushed and re-authorised
        from counter_app.sync.account import sign_in

        server_admin_db = open_server_database(hall_db)
        server_admin.create_user(server_admin_db, "lina", "李娜", "clerk", "counter-pass-2")
        server_admin_db.dispose()
        from counter_app.services.context import SignedInUser

        who = sign_in(window.store, window.engine, "lina", "counter-pass-2")
        window.ctx.user = SignedInUser(who.username, who.display_name, who.role)
        later = window.accept("后来的")
        report = window.sync()
        assert report.rejected == 1 and report.pushed == 1 and report.waiting == 0
        [item] = window.store.attention()
        assert "revoked" in item.reason and "被撤销" in item.summary
        assert made.case.case_number in item.summary
        assert later.case.id != made.case.id
    finally:
        window.close()


def test_one_device_code_one_pc_and_a_replacement_goes_on_from_its_numbers(
    hall: ServerProcess, hall_db: str, tmp_path: Path
) -> None:
    import pytest

    from counter_app.domain.messages import DomainError
    from counter_app.services.context import open_context
    from counter_app.sync.account import MSG_DEVICE_CODE_IN_USE, enroll
    from counter_app.sync.credentials import Credentials
    from counter_app.sync.engine import SyncEngine
    from counter_app.sync.http import HallClient
    from hall_server.queue.tickets import hall_now

    clock = Clock(hall_now("Asia/Shanghai"))
    early = enrollment_code(hall_db, "W05", "A01")  # IT made two codes for W05 by mistake
    one = window_client(tmp_path / "a", hall.url, hall_db, device="W05", clock=clock)
    stray = open_context(tmp_path / "b", {"device_code": "W05", "window_code": "A01"})
    two = None
    try:
        first = one.accept("甲")
        assert one.sync().pushed == 1
        # the second PC is told, in words the clerk can act on, and nothing is stored
        store = SyncStore(stray.db)
        engine = SyncEngine(store, HallClient(hall.url), Credentials(str(tmp_path / "b")))
        with pytest.raises(DomainError) as refused:
            enroll(store, engine, hall.url, early)
        assert refused.value.message == MSG_DEVICE_CODE_IN_USE and not store.get("device_id")
        # IT moves W05 to the new PC: it goes on after the old one's numbers, the old one stops
        two = window_client(tmp_path / "c", hall.url, hall_db, device="W05", clock=clock, replace=True)
        second = two.accept("乙")
        assert first.case.case_number and second.case.case_number
        assert int(second.case.case_number[-4:]) == int(first.case.case_number[-4:]) + 1
        report = two.sync()
        assert (report.pushed, report.rejected) == (1, 0)
        assert "revoked" in one.sync().error
    finally:
        one.close()
        stray.close()
        if two is not None:
            two.close()


def test_a_number_made_twice_is_kept_under_an_alias_and_the_clerk_is_told(
    hall: ServerProcess, hall_db: str, tmp_path: Path
) -> None:
    from sqlalchemy import update

    from counter_app.services.notices import NoticeService
    from hall_server.models import DeviceRow
    from tests.printing.reading import text_of

    clock = Clock(datetime(2026, 11, 24, 10, 0))
    one = window_client(tmp_path / "a", hall.url, hall_db, device="W07", clock=clock)
    two = window_client(tmp_path / "b", hall.url, hall_db, device="W07", clock=clock, replace=True)
    try:
        # as halls had it before this release: two active PCs under one device code
        db = open_server_database(hall_db)
        try:
            with db.sessions() as s, s.begin():
                s.execute(
                    update(DeviceRow)
                    .where(DeviceRow.id == one.store.get("device_id"))
                    .values(revoked_at=None)
                )
        finally:
            db.dispose()
        first = one.accept("甲")
        second = two.accept("乙")
        number = first.case.case_number
        assert number and second.case.case_number == number  # misconfigured: the same series
        one.sync()
        report = two.sync()
        assert (report.pushed, report.rejected) == (1, 0)  # kept by the hall, not refused
        [item] = two.store.attention()
        assert item.collision == (number, f"{number}-2")
        assert two.store.counts()[1] == 1
        report_for_it = _diagnose(tmp_path / "b", tmp_path)
        assert f"NEEDS ATTENTION: op #1 case.accept: number collision: {number}" in report_for_it
        # the pull brought the alias: a reprint shows it, the receipt's number stays on record
        found = two.ctx.cases.get(second.case.id)
        assert found is not None
        case, notices, _events = found
        assert case.case_number == f"{number}-2"
        assert {n.number for n in notices} == {f"{number}-2"}
        assert all(n.payload["receipt_number"] == number for n in notices)
        reprint = text_of(NoticeService(two.ctx).pdf(notices[0], for_output=False)).replace(" ", "")
        assert f"{number}-2" in reprint
        # the first PC also holds the first case under its number, never merged
        assert one.ctx.cases.get(first.case.id) is not None
        two.store.acknowledge(item.seq)
        assert two.store.attention() == [] and two.store.counts()[1] == 0
    finally:
        one.close()
        two.close()


def test_offline_sign_in_only_for_users_known_here(hall: ServerProcess, hall_db: str, tmp_path: Path) -> None:
    import pytest

    from counter_app.domain.messages import DomainError
    from counter_app.sync.account import sign_in
    from tests.servers import PASSWORD

    window = window_client(tmp_path / "w", hall.url, hall_db)
    try:
        hall.stop()
        who = sign_in(window.store, window.engine, "wangfang", PASSWORD)
        assert who.offline and who.display_name == "王芳"
        with pytest.raises(DomainError, match="not signed in online"):
            sign_in(window.store, window.engine, "zhaolei", PASSWORD)
        for _ in range(5):
            with pytest.raises(DomainError, match="Wrong user name or password"):
                sign_in(window.store, window.engine, "wangfang", "wrong-password")
        with pytest.raises(DomainError, match="locked"):
            sign_in(window.store, window.engine, "wangfang", PASSWORD)
        # what was done offline waits, then is pushed when the server is back
        window.accept("离线受理")
        assert window.sync().online is False
        hall.start()
        sign_in(window.store, window.engine, "wangfang", PASSWORD)
        report = window.sync()
        assert report.pushed == 1 and report.waiting == 0
    finally:
        window.close()


def test_an_op_the_server_refuses_as_malformed_needs_attention_and_keeps_its_place(
    hall: ServerProcess, hall_db: str, tmp_path: Path
) -> None:
    """An op this program wrote but the hall server's bounds refuse (versions that disagree): the ops
    before it go through, it stays queued in order, the clerk and IT are told; nothing is dropped."""
    from counter_app.store.unit_of_work import unit_of_work

    window = window_client(tmp_path / "w", hall.url, hall_db)
    try:
        window.accept("甲")
        actor = window.ctx.actor
        with unit_of_work(window.ctx.db, actor) as uow:  # as an older or newer program might write it
            uow.outbox("notice.print_failed", {"case_id": "c-1", "reason": "纸" * 600, "number": "N1"})
        window.accept("乙")
        report = window.sync()
        assert report.pushed == 1 and report.waiting == 2  # the first went through, in order
        [item] = window.store.attention()
        assert item.waiting and item.op_type == "notice.print_failed" and "malformed" in item.reason
        assert window.store.counts() == (2, 1)
        assert "NEEDS ATTENTION: the hall server refuses op #2" in _diagnose(tmp_path / "w", tmp_path)
        again = window.sync()  # retried alone, still refused, nothing skipped or dropped
        assert again.pushed == 0 and again.waiting == 2
    finally:
        window.close()


def test_a_local_database_locked_past_its_timeout_fails_the_round_not_the_program(
    hall: ServerProcess, hall_db: str, tmp_path: Path
) -> None:
    """Another process holds the window's database (a second program on the folder, a backup
    tool): the round says so and the next one does the work, with nothing lost or sent twice."""
    import sqlite3

    from counter_app.services.context import DB_FILE

    window = window_client(tmp_path / "w", hall.url, hall_db)
    try:
        window.accept("甲")
        other = sqlite3.connect(tmp_path / "w" / DB_FILE, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")  # held past the window's busy timeout
        try:
            report = window.sync()
        finally:
            other.execute("ROLLBACK")
            other.close()
        assert "local database is busy" in report.error
        again = window.sync()
        assert again.error == "" and again.waiting == 0
        assert window.sync().pushed == 0  # sent once, nothing left
    finally:
        window.close()
