"""Schema changes: from empty, and from an earlier schema with data in it (backup kept)."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import datetime
from pathlib import Path

import pytest

from counter_app.store.db import (
    HEAD_REVISION,
    DatabaseTooNew,
    current_revision,
    head_revision,
    make_engine,
    needs_upgrade,
    open_database,
)


def test_from_empty_to_head(tmp_path: Path) -> None:
    db = open_database(tmp_path / "c.sqlite")
    assert current_revision(db.engine) == head_revision()
    with closing(sqlite3.connect(tmp_path / "c.sqlite")) as con:
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"cases", "notices", "outbox", "audit_log", "consults", "service_items"} <= tables
    assert not (tmp_path / "backups").exists()  # nothing to back up in a new database
    db.dispose()


def test_pragmas_on_every_connection(tmp_path: Path) -> None:
    db = open_database(tmp_path / "c.sqlite")
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    db.dispose()


def test_from_0001_with_data(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    old = open_database(path, target="0001")
    assert current_revision(old.engine) == "0001"
    now = datetime(2026, 11, 23, 9, 0).isoformat(sep=" ")
    with closing(sqlite3.connect(path)) as con, con:
        con.execute(
            "INSERT INTO cases (id, case_number, state, item_code, item_version, item_name, item_class,"
            " department, item_snapshot, service_mode, applicant, applicant_name, applicant_id_number,"
            " applicant_phone, materials, window_code, device_code, clerk, created_at, updated_at,"
            " deadline_provisional) VALUES ('c1', '330100W01202611230001', 'accepted', '000104001000', 1,"
            " '居民身份证换领', 'promised', 'GA', '{}', 'window', '{}', '张三', '110105194912311091', '',"
            " '[]', 'A01', 'W01', '测试员', ?, ?, 0)",
            (now, now),
        )
        con.execute(
            "INSERT INTO outbox (seq, op_id, op_type, schema_version, device_code, created_at, payload, status)"
            " VALUES (1, 'op-1', 'case.accept', 1, 'W01', ?, '{}', 'pending')",
            (now,),
        )
    old.dispose()

    new = open_database(path)
    assert current_revision(new.engine) == head_revision()
    with closing(sqlite3.connect(path)) as con, con:
        assert con.execute("SELECT case_number, applicant_name FROM cases").fetchall() == [
            ("330100W01202611230001", "张三")
        ]
        assert con.execute("SELECT op_id, status FROM outbox").fetchall() == [("op-1", "pending")]
        con.execute(
            "INSERT INTO consults (id, number, item_name, question, answer, window_code, clerk, created_at)"
            " VALUES ('q1', 'ZX1', '', '问', '答', 'A01', '测试员', ?)",
            (now,),
        )
        indexes = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='index'")}
        assert "ix_cases_window_updated" in indexes  # 0003
    backups = list((tmp_path / "backups").glob("*.sqlite"))
    assert len(backups) == 1
    with closing(sqlite3.connect(backups[0])) as con, con:  # the copy is the database as it was before
        assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001"
        assert con.execute("SELECT count(*) FROM cases").fetchone()[0] == 1
    new.dispose()


def test_from_0004_with_data_search_indexes(tmp_path: Path) -> None:
    """0005 swaps the name indexes for (name, created_at) ones; the cases stay and search finds them."""
    from counter_app.store.case_store import CaseStore
    from tests.store.case_rows import insert_cases, newest_matching

    path = tmp_path / "c.sqlite"
    open_database(path, target="0004").dispose()
    insert_cases(path, 1500)

    new = open_database(path)
    assert current_revision(new.engine) == head_revision()
    with closing(sqlite3.connect(path)) as con, con:
        indexes = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='index'")}
        assert {"ix_cases_applicant_name_created", "ix_cases_item_name_created"} <= indexes
        assert not {"ix_cases_applicant_name", "ix_cases_item_name"} & indexes
        assert con.execute("SELECT count(*) FROM cases").fetchone()[0] == 1500
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()
    store = CaseStore(new)
    for query in ("张", "居民身份证"):
        assert [c.id for c in store.search(query)] == newest_matching(path, query, 200)
    backups = list((tmp_path / "backups").glob("*-0004-*.sqlite"))
    assert len(backups) == 1
    new.dispose()


def test_newer_database_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    open_database(path).dispose()
    with closing(sqlite3.connect(path)) as con, con:
        con.execute("UPDATE alembic_version SET version_num = '9999'")
    before = path.read_bytes()
    engine = make_engine(path)
    engine.dispose()
    with pytest.raises(DatabaseTooNew):
        open_database(path)
    assert path.read_bytes() == before


def test_migrations_build_exactly_the_models(tmp_path: Path) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from counter_app.store.models import Base

    db = open_database(tmp_path / "c.sqlite")
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    db.dispose()
    assert diff == []


def test_the_build_knows_its_newest_migration() -> None:
    """A cache at HEAD_REVISION opens without Alembic: the constant must name the newest migration."""
    assert head_revision() == HEAD_REVISION


def test_an_upgrade_is_told_from_a_new_cache_before_opening(tmp_path: Path) -> None:
    """The start frame says "upgrading, do not turn off" only for a cache an older version left."""
    path = tmp_path / "c.sqlite"
    assert not needs_upgrade(path)  # nothing yet: a new cache is made in a moment
    open_database(path, target="0008").dispose()
    assert needs_upgrade(path)
    open_database(path).dispose()
    assert not needs_upgrade(path)
    with closing(sqlite3.connect(path)) as con, con:  # left by a newer build: refused, not upgraded
        con.execute("UPDATE alembic_version SET version_num = '9999'")
    assert not needs_upgrade(path)
