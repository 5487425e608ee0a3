"""Business refusals reach the clerk's "needs attention" list and never block the ops behind."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from hall_server import admin as server_admin
from hall_server.db import open_server_database
from tests.conftest import Clock
from tests.servers import ServerProcess
from tests.sync_helpers import window_client


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


def test_two_pcs_with_one_device_code_collide_loudly_never_merge(
    hall: ServerProcess, hall_db: str, tmp_path: Path
) -> None:
    clock = Clock(datetime(2026, 11, 24, 10, 0))
    one = window_client(tmp_path / "a", hall.url, hall_db, device="W05", clock=clock)
    two = window_client(tmp_path / "b", hall.url, hall_db, device="W05", clock=clock)
    try:
        first = one.accept("甲")
        second = two.accept("乙")
        assert first.case.case_number == second.case.case_number  # misconfigured: same series
        one.sync()
        report = two.sync()
        assert report.rejected == 1
        [item] = two.store.attention()
        assert "already used by another case" in item.reason
        assert two.ctx.cases.get(second.case.id) is not None  # kept locally, never merged
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
