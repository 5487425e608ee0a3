"""Item snapshots kept once by content address: migration 0009 moves each case's own copy, and
every later write (the ORM, a pull page) refers to a stored one."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from counter_app.domain.canonical_json import snapshot_key
from counter_app.store.db import open_database
from counter_app.store.models import CaseRow
from counter_app.store.sync_cases import apply_cases

ID_CARD = {"code": "010700100000", "name": "居民身份证换领", "version": 1, "promised_limit_days": 7}
PERMIT = {"code": "010700200000", "name": "居住证签注", "version": 2, "promised_limit_days": 3}


def _old_case(con: sqlite3.Connection, case_id: str, snapshot_text: str, lifecycle: str | None) -> None:
    now = datetime(2026, 12, 1, 9, 0).isoformat(sep=" ")
    con.execute(
        "INSERT INTO cases (id, case_number, state, item_code, item_version, item_name, item_class,"
        " department, item_snapshot, service_mode, applicant, applicant_name, applicant_id_number,"
        " applicant_phone, materials, window_code, device_code, clerk, created_at, updated_at,"
        " deadline_provisional, lifecycle) VALUES (?, ?, 'accepted', 'X', 1, '居民身份证换领', 'promised',"
        " 'GA', ?, 'window', '{}', '张三', '110105194912311091', '', '[]', 'A01', 'W01', '测试员', ?, ?, 0, ?)",
        (case_id, f"N-{case_id}", snapshot_text, now, now, lifecycle),
    )


def test_0009_moves_each_cases_snapshot_into_one_stored_copy(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    open_database(path, target="0008").dispose()
    joint = json.dumps({"parts": [{"department": "ZJ", "state": "open", "due": "2026-12-09"}]})
    with closing(sqlite3.connect(path)) as con, con:
        con.execute("PRAGMA foreign_keys=ON")
        # the same item written with its keys in two orders (the canonical form sorts them)
        _old_case(con, "c1", json.dumps(ID_CARD, ensure_ascii=False), None)
        _old_case(con, "c2", json.dumps(dict(reversed(ID_CARD.items())), ensure_ascii=False), None)
        _old_case(con, "c3", json.dumps(PERMIT, ensure_ascii=False), joint)

    db = open_database(path)
    with db.reads() as s:
        rows = {r.id: r for r in s.scalars(select(CaseRow))}
        assert rows["c1"].item_snapshot == ID_CARD and rows["c2"].item_snapshot == ID_CARD
        assert rows["c3"].item_snapshot == PERMIT
        assert rows["c1"].item_snapshot_key == rows["c2"].item_snapshot_key == snapshot_key(ID_CARD)
    with closing(sqlite3.connect(path)) as con:
        assert con.execute("SELECT count(*) FROM item_snapshots").fetchone()[0] == 2
        assert "item_snapshot" not in {r[1] for r in con.execute("PRAGMA table_info(cases)")}
        # the joint parts' triggers and the worklist's partial index survived the column's removal
        triggers = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
        assert {"case_parts_insert", "case_parts_update"} <= triggers
        assert con.execute("SELECT department FROM case_parts WHERE case_id = 'c3'").fetchall() == [("ZJ",)]
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    backups = list((tmp_path / "backups").glob("*-0008-*.sqlite"))
    assert len(backups) == 1  # the copy holds the cases as they were, each with its snapshot
    with closing(sqlite3.connect(backups[0])) as con:
        assert (
            con.execute("SELECT count(*) FROM cases WHERE item_snapshot LIKE '%居民身份证换领%'").fetchone()[
                0
            ]
            == 2
        )
    db.dispose()


def _case(case_id: str, snapshot: dict[str, object]) -> dict[str, object]:
    return {
        "id": case_id,
        "case_number": f"N-{case_id}",
        "state": "accepted",
        "item_code": snapshot["code"],
        "item_snapshot": snapshot,
        "applicant": {"name": "李四"},
        "window_code": "B07",
        "created_at": "2026-12-01T09:00:00",
        "server_version": 1,
    }


def test_cases_written_by_the_orm_and_by_a_page_share_one_stored_snapshot(tmp_path: Path) -> None:
    db = open_database(tmp_path / "c.sqlite")
    now = datetime(2026, 12, 1, 9, 0)
    with db.sessions() as s, s.begin():
        for case_id in ("o1", "o2"):
            row = CaseRow(id=case_id, state="accepted", item_code="X", item_version=1, item_name="n")
            row.item_snapshot = dict(ID_CARD)
            row.item_class, row.department, row.service_mode = "promised", "GA", "window"
            row.applicant, row.applicant_name, row.applicant_id_number, row.applicant_phone = {}, "", "", ""
            row.materials, row.window_code, row.device_code, row.clerk = [], "A01", "W01", "测试员"
            row.created_at = row.updated_at = now
            s.add(row)
    with db.sessions() as s, s.begin():
        apply_cases(s, [_case("p1", dict(ID_CARD)), _case("p2", PERMIT)], set())
    with db.reads() as s:
        got = {r.id: r.item_snapshot for r in s.scalars(select(CaseRow))}
    assert got == {"o1": ID_CARD, "o2": ID_CARD, "p1": ID_CARD, "p2": PERMIT}
    with closing(sqlite3.connect(db.path)) as con:
        stored = dict(con.execute("SELECT key, data FROM item_snapshots").fetchall())
    assert {k: json.loads(v) for k, v in stored.items()} == {
        snapshot_key(ID_CARD): ID_CARD,
        snapshot_key(PERMIT): PERMIT,
    }
    db.dispose()


def test_a_downgrade_gives_each_case_its_copy_back_and_the_upgrade_takes_it_again(tmp_path: Path) -> None:
    from alembic import command

    from counter_app.store.db import _alembic_config

    path = tmp_path / "c.sqlite"
    open_database(path, target="0008").dispose()
    with closing(sqlite3.connect(path)) as con, con:
        _old_case(con, "c1", json.dumps(ID_CARD, ensure_ascii=False), None)
    db = open_database(path)
    command.downgrade(_alembic_config(db.engine), "0008")
    with closing(sqlite3.connect(path)) as con:
        assert json.loads(con.execute("SELECT item_snapshot FROM cases").fetchone()[0]) == ID_CARD
    with closing(sqlite3.connect(path)) as con, con:  # the older version takes new cases again
        con.execute("PRAGMA foreign_keys = ON")
        _old_case(con, "c2", json.dumps(PERMIT, ensure_ascii=False), None)
    command.upgrade(_alembic_config(db.engine), "head")
    with db.reads() as s:
        got = {r.id: r.item_snapshot for r in s.scalars(select(CaseRow))}
    assert got == {"c1": ID_CARD, "c2": PERMIT}
    db.dispose()
