"""A window offline for a simulated week: 5,000 intakes, a catalogue update and an expired
token in between; it drains completely once the server is back, nothing lost or doubled."""

from __future__ import annotations

import json
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from counter_app.domain.catalogue_format import parse_catalogue
from counter_app.services.demo import demo_catalogue_path
from counter_app.sync.engine import Session
from hall_server import admin
from hall_server.db import open_server_database
from hall_server.models import UserRow
from hall_server.security import AccessClaims, sign_access_token
from tests.conftest import Clock
from tests.faults.ledger import tally
from tests.servers import ServerProcess, hall_signing_key
from tests.sync_helpers import window_client

INTAKES = 5000


def _update_catalogue(url: str) -> str:
    """The hall raises the fee text of one item (a new version) while the window is offline."""
    doc = json.loads(demo_catalogue_path().read_text(encoding="utf-8"))
    item = next(i for i in doc["items"] if i["name"] == "居民身份证换领")
    item["version"] += 1
    item["fees"][0]["standard"] = "换领每证20元（2026年12月起新标准）"
    db = open_server_database(url)
    try:
        admin.import_catalogue(db, parse_catalogue(doc))
    finally:
        db.dispose()
    return str(item["code"])


def _expired_token(url: str, device_id: str) -> str:
    db = open_server_database(url)
    try:
        with db.sessions() as s:
            user = s.scalar(select(UserRow).where(UserRow.username == "wangfang"))
            assert user is not None
            claims = AccessClaims(user.id, user.username, user.role, device_id, int(time.time()) - 3600)
        return sign_access_token(hall_signing_key(url), claims)
    finally:
        db.dispose()


@pytest.mark.parametrize("hall_db", ["postgresql"], indirect=True)
def test_a_week_offline_drains_completely(hall: ServerProcess, hall_db: str, tmp_path: Path) -> None:
    clock = Clock(datetime(2026, 11, 23, 8, 30))
    window = window_client(tmp_path / "w", hall.url, hall_db, clock=clock)
    try:
        assert window.sync().error == ""
        hall.stop()
        for n in range(INTAKES):
            if n % 1000 == 999:  # a new working day (Mon 23 to Fri 27 November)
                clock.now += timedelta(days=1)
                assert window.sync().online is False
            window.accept(f"离线{n}")
        code = _update_catalogue(hall_db)
        hall.start()
        # the token the window holds expired during the week: the server says so, the window refreshes
        window.engine.session = Session(
            _expired_token(hall_db, window.store.get("device_id")), time.time() + 3600
        )
        rounds = 0
        report = window.sync()
        while report.waiting and rounds < 50:
            report = window.sync()
            rounds += 1
        assert report.error == "" and report.waiting == 0
        result = tally(window.ctx.data_dir / "counter.sqlite", hall_db, faults=2)
        print("\n" + result.line("offline week"))
        assert result.ops == INTAKES
        assert (result.lost, result.duplicated, result.out_of_order, result.stuck) == (0, 0, 0, 0)
        window.ctx.reload_catalogue()
        current = next(i for i in window.ctx.catalogue.items if i.code == code)
        assert current.version == 2 and "新标准" in current.fees[0].standard
    finally:
        window.close()
