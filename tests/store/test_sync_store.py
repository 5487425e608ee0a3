"""Applying the hall server's feed: slim changes, whole records fetched later, nothing lost."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import event

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


def _snapshot(count: int) -> dict[str, object]:
    cases = []
    for n in range(count):
        case = _whole(1, "accepted")
        case["id"] = f"6f1c2c1e-0000-4000-8000-{n:012d}"
        case["case_number"] = f"330100W0720261124{n:04d}"
        cases.append(case)
    return {"cursor": "0:99", "items": [], "cases": cases}


def test_a_snapshot_applies_its_cases_a_page_per_transaction_and_the_cursor_last(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from counter_app.store import sync_store

    db = open_database(tmp_path / "c.sqlite")
    store = SyncStore(db)
    commits: list[int] = []
    event.listen(db.engine, "commit", lambda _conn: commits.append(1))
    real, calls = sync_store.apply_cases, []

    def power_cut_on_the_third_page(*args: object) -> object:
        calls.append(1)
        if len(calls) == 3:
            raise OSError("power cut")
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(sync_store, "apply_cases", power_cut_on_the_third_page)
    with pytest.raises(OSError):
        store.apply_snapshot(_snapshot(250), page=100)
    assert len(commits) == 3  # the catalogue and settings, then two pages of cases
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM cases").scalar() == 200
    assert store.get("cursor") in (None, "")  # not reached: the next round reloads again

    monkeypatch.setattr(sync_store, "apply_cases", real)
    store.apply_snapshot(_snapshot(250), page=100)
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM cases").scalar() == 250
    assert store.get("cursor") == "0:99"
    db.dispose()
