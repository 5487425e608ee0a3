"""A case row names its item snapshot, stored once (hall_server/item_snapshots.py); the windows
still get each case whole, and a case written before migration 0014, its snapshot inline, is read
as before (real server, both engines)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
import requests
from sqlalchemy import delete, event, select, update

from counter_app.domain.canonical_json import snapshot_key
from hall_server import item_snapshots
from hall_server.cases import whole_cases
from hall_server.db import open_server_database
from hall_server.item_snapshots import item_snapshot
from hall_server.models import CaseRow, ItemSnapshotRow, UserRow
from hall_server.push import push
from hall_server.schemas import PushRequest
from hall_server.security import AccessClaims
from tests.hall_server.api import Device, enrol, op
from tests.hall_server.test_authority import ID_RENEWAL, accept
from tests.servers import ServerProcess

ID_CARD = {
    "code": ID_RENEWAL,
    "department": "GA",
    "name": "居民身份证换领",
    "pickup": "窗口领取",
    "materials": ["户口簿"] * 40,
}


def _whole(device: Device, ids: list[str]) -> dict[str, dict[str, Any]]:
    answer = device.post("/sync/cases", {"ids": ids})
    assert answer.status_code == 200, answer.text
    return {c["id"]: c for c in answer.json()["cases"]}


def _snapshot_feed(device: Device) -> dict[str, dict[str, Any]]:
    answer = requests.get(
        device.base + "/api/v1/sync/snapshot",
        params={"schema_version": 1},
        headers={"Authorization": f"Bearer {device.token}"},
        timeout=30,
    )
    assert answer.status_code == 200, answer.text
    return {c["id"]: c for c in answer.json()["cases"]}


def test_a_case_names_its_snapshot_stored_once_and_the_windows_get_it_whole(
    hall: ServerProcess, hall_db: str
) -> None:
    device = enrol(hall.url, hall_db)
    ops = [
        accept(device, 1, item_snapshot=ID_CARD),
        accept(device, 2, item_snapshot=ID_CARD),
        accept(device, 3, item_snapshot={}),
    ]
    assert [r["status"] for r in device.push(ops).json()["results"]] == ["applied"] * 3
    ids = [o["payload"]["case"]["id"] for o in ops]
    db = open_server_database(hall_db)
    try:
        with db.sessions() as s:
            rows = {r.id: (r.item_snapshot_key, r.data) for r in s.scalars(select(CaseRow))}
            stored = {r.key: r.data for r in s.scalars(select(ItemSnapshotRow))}
    finally:
        db.dispose()
    key = snapshot_key(ID_CARD)
    assert [rows[i][0] for i in ids] == [key, key, None]
    assert not any("item_snapshot" in rows[i][1] for i in ids[:2])  # in the row only by its key
    assert rows[ids[2]][1]["item_snapshot"] == {}  # none: the case as it came
    assert stored == {key: ID_CARD}

    for whole in (_whole(device, ids), _snapshot_feed(device)):
        assert [whole[i]["item_snapshot"] for i in ids] == [ID_CARD, ID_CARD, {}]
        assert not any("item_snapshot_key" in whole[i] for i in ids)


def test_a_case_written_before_0014_is_read_with_its_snapshot_inline(
    hall: ServerProcess, hall_db: str
) -> None:
    device = enrol(hall.url, hall_db)
    made = accept(device, 1, item_snapshot=ID_CARD)
    assert device.push([made]).json()["results"][0]["status"] == "applied"
    case_id, number = made["payload"]["case"]["id"], made["payload"]["case"]["case_number"]
    db = open_server_database(hall_db)
    try:
        with db.sessions() as s, s.begin():  # as the code before 0014 wrote it
            data = s.scalar(select(CaseRow.data).where(CaseRow.id == case_id))
            s.execute(
                update(CaseRow)
                .where(CaseRow.id == case_id)
                .values(item_snapshot_key=None, data={**data, "item_snapshot": ID_CARD})
            )
    finally:
        db.dispose()
    assert _whole(device, [case_id])[case_id]["item_snapshot"] == ID_CARD
    progress = requests.post(
        hall.url + "/api/v1/progress", json={"number": number, "tail": "0021"}, timeout=30
    )
    assert progress.status_code == 200 and progress.json()["item_name"] == "居民身份证换领", progress.text


def test_a_snapshot_is_read_inline_or_by_its_key_and_a_missing_one_is_an_error(
    hall_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(item_snapshots, "_KNOWN", {})  # nothing remembered: read from the table,
    monkeypatch.setattr(item_snapshots, "_remember", lambda _key, _snapshot: None)  # then by the session
    key = snapshot_key(ID_CARD)
    db = open_server_database(hall_db)
    try:
        with db.sessions() as s, s.begin():
            s.add(ItemSnapshotRow(key=key, data=ID_CARD))
        with db.sessions() as s:
            inline = CaseRow(id="old", data={"item_snapshot": ID_CARD})
            keyed = CaseRow(id="new", data={}, item_snapshot_key=key)
            bare = CaseRow(id="none", data={"item_snapshot": {}})
            assert item_snapshot(inline, s) == item_snapshot(keyed, s) == ID_CARD
            assert item_snapshot(bare, s) == {}
            s.execute(delete(ItemSnapshotRow))  # read once, then from memory
            assert item_snapshot(CaseRow(id="again", data={}, item_snapshot_key=key), s) == ID_CARD
            lost = CaseRow(id="lost", data={}, item_snapshot_key="0" * 64)
            with pytest.raises(RuntimeError, match="missing from item_snapshots"):
                item_snapshot(lost, s)
    finally:
        db.dispose()


def test_a_later_op_of_a_push_reads_the_snapshot_its_accept_stored_whatever_the_memory(
    hall: ServerProcess, hall_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A push writes its snapshots at the batch's end, and the process's memory of snapshots is a
    cache any thread may clear when full: the accept's deadlines and a later step of the same
    batch still read the snapshot the accept stored (they failed with a 500 when the memory was
    cleared in between)."""
    window = enrol(hall.url, hall_db)
    limits = ID_CARD | {"promised_limit_days": 5, "legal_limit_days": 20}
    first = accept(window, 1, item_snapshot=limits)
    case_id = first["payload"]["case"]["id"]
    review = op(
        2, "case.review", {"case_id": case_id, "from_state": "accepted", "on": "2026-11-25", "details": {}}
    )
    monkeypatch.setattr(item_snapshots, "_KNOWN", {})
    monkeypatch.setattr(item_snapshots, "_remember", lambda _key, _snapshot: None)  # forgotten at once
    db = open_server_database(hall_db)
    try:
        with db.sessions() as s:
            user_id = s.scalar(select(UserRow.id).where(UserRow.username == "wangfang"))
        claims = AccessClaims(user_id or 0, "wangfang", "clerk", window.device_id, 2**40)
        answer = push(db, claims, PushRequest.model_validate({"schema_version": 1, "ops": [first, review]}))
        assert [r["status"] for r in answer["results"]] == ["applied", "applied"], answer
        with db.sessions() as s:
            row = s.get(CaseRow, case_id)
            assert row is not None and row.promised_due is not None  # on the item's 5 days
            assert item_snapshot(row, s) == limits
    finally:
        db.dispose()


def test_a_feed_of_more_items_than_memory_holds_reads_their_snapshots_in_a_few_statements(
    hall_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A window's snapshot or an export may name more item snapshots than the process remembers
    (a big hall's open cases span hundreds of items): they are read ahead in a few statements,
    not one per case."""
    monkeypatch.setattr(item_snapshots, "_KNOWN", {})
    at = datetime(2026, 11, 24, 3, 0)
    items = [{"code": f"ITEM{n:04d}", "name": f"事项{n}"} for n in range(item_snapshots._MEMO_MAX + 344)]
    db = open_server_database(hall_db)
    try:
        with db.sessions() as s, s.begin():
            for n, item in enumerate(items):
                s.add(ItemSnapshotRow(key=snapshot_key(item), data=item))
                s.add(CaseRow(id=f"case-{n:04d}", state="accepted", item_code=item["code"], department="GA", window_code="A01", device_id="d", applicant_name="张三", applicant_id_number="110105194912310021", created_at=at, updated_at=at, data={"id": f"case-{n:04d}"}, item_snapshot_key=snapshot_key(item)))  # fmt: skip
        statements: list[str] = []
        event.listen(db.engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
        with db.sessions() as s:
            rows = s.scalars(select(CaseRow).order_by(CaseRow.id)).all()
            wire = whole_cases(s, rows)
        assert [c["item_snapshot"] for c in wire] == items
        reads = [st for st in statements if st.lstrip().upper().startswith("SELECT")]
        assert len(reads) == 3  # the cases, then the 600 snapshots in chunks of 500
    finally:
        db.dispose()
