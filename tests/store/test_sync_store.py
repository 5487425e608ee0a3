"""Applying the hall server's feed: slim changes, whole records fetched later, nothing lost."""

from __future__ import annotations

from pathlib import Path

from counter_app.store.db import open_database
from counter_app.store.sync_store import SyncStore

CASE_ID = "6f1c2c1e-0000-4000-8000-000000000001"


def _whole(version: int, state: str) -> dict[str, object]:
    return {
        "id": CASE_ID,
        "case_number": "330100W07202611240001",
        "state": state,
        "item_code": "010700100000",
        "item_version": 1,
        "item_snapshot": {"code": "010700100000", "name": "居民身份证换领", "version": 1, "department": "GA"},
        "applicant": {"name": "联办件", "id_number": "11010519491231002X"},
        "materials": [],
        "window_code": "B07",
        "device_code": "W07",
        "clerk": "李娜",
        "created_at": "2026-11-24T09:00:00",
        "accepted_on": "2026-11-24",
        "promised_due": "2026-12-15",
        "server_version": version,
    }


def test_a_slim_change_of_an_unknown_case_is_remembered_until_its_record_arrives(tmp_path: Path) -> None:
    db = open_database(tmp_path / "c.sqlite")
    store = SyncStore(db)
    slim = {
        "id": CASE_ID,
        "slim": True,
        "state": "under_review",
        "server_version": 2,
        "case_number": "330100W07202611240001",
    }
    store.apply_page([{"kind": "case", "key": CASE_ID, "data": slim}], "0:10")
    assert store.get("cursor") == "0:10"
    assert store.missing_cases() == [CASE_ID]
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM cases").scalar() == 0  # never half a record

    store.apply_whole_cases([_whole(2, "under_review")], [CASE_ID])
    assert store.missing_cases() == []
    with db.engine.connect() as conn:
        row = conn.exec_driver_sql("SELECT state, applicant_name, server_version FROM cases").one()
    assert tuple(row) == ("under_review", "联办件", 2)

    # an older whole record never overwrites a newer state
    store.apply_whole_cases([_whole(1, "accepted")], [CASE_ID])
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT state FROM cases").scalar() == "under_review"
    db.dispose()


def test_a_window_that_serves_other_departments_now_asks_for_a_reload(tmp_path: Path) -> None:
    db = open_database(tmp_path / "c.sqlite")
    store = SyncStore(db)
    store.put(window_code="A01")
    same = {"code": "A01", "name": "综合受理1号窗口", "departments": ["GA"]}
    assert not store.apply_page([{"kind": "window", "key": "A01", "data": same}], "0:1").reload  # first sight
    assert not store.apply_page([{"kind": "window", "key": "A01", "data": same}], "0:2").reload
    other = {"code": "B02", "name": "其他窗口", "departments": ["SC"]}
    assert not store.apply_page([{"kind": "window", "key": "B02", "data": other}], "0:3").reload
    more = {**same, "departments": ["GA", "MZ"]}
    assert store.apply_page([{"kind": "window", "key": "A01", "data": more}], "0:4").reload
    db.dispose()
