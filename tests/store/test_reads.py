"""Reads never wait for a writer: the window's searches go on while a sync page is written."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import event
from sqlalchemy.exc import OperationalError

from counter_app.store.case_store import CaseStore
from counter_app.store.db import open_database
from counter_app.store.sync_store import SyncStore


def test_reads_go_on_while_another_connection_writes(tmp_path: Path) -> None:
    db = open_database(tmp_path / "c.sqlite")
    SyncStore(db).put(cursor="0:1")
    writer = sqlite3.connect(db.path, isolation_level=None, timeout=0.1)
    try:
        writer.execute("BEGIN IMMEDIATE")  # a sync page being written by another thread
        writer.execute("INSERT INTO sync_state (key, value) VALUES ('x', 'y')")
        assert CaseStore(db).search("张") == [] and CaseStore(db).count() == 0
        assert SyncStore(db).get("cursor") == "0:1"  # the committed state, not the writer's
        event.listen(db.engine, "connect", lambda conn, _r: conn.execute("PRAGMA busy_timeout=100"))
        db.engine.dispose()  # new connections give up on the write lock after 0.1 s
        with pytest.raises(OperationalError, match="locked"):
            SyncStore(db).put(cursor="0:2")  # a second writer still waits for the first
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    db.dispose()
