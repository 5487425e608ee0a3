"""The plain read connections behind case search: one transaction each, read-only, reusable."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from counter_app.store.plain_reads import PlainReads


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    path = tmp_path / "c.sqlite"
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("CREATE TABLE t (n INTEGER)")
    con.execute("INSERT INTO t VALUES (1), (2)")
    con.close()
    return path


def test_a_read_sees_one_snapshot_though_a_writer_commits_between_its_statements(cache: Path) -> None:
    reads = PlainReads(cache)
    writer = sqlite3.connect(cache, isolation_level=None)
    with reads.transaction() as run:
        assert run("SELECT count(*) FROM t", ()) == [(2,)]
        writer.execute("INSERT INTO t VALUES (3)")
        assert run("SELECT count(*) FROM t", ()) == [(2,)]
    with reads.transaction() as run:
        assert run("SELECT count(*) FROM t", ()) == [(3,)]
    writer.close()
    reads.close()


def test_these_connections_cannot_write(cache: Path) -> None:
    reads = PlainReads(cache)
    with pytest.raises(sqlite3.OperationalError), reads.transaction() as run:
        run("INSERT INTO t VALUES (9)", ())
    with reads.transaction() as run:
        assert run("SELECT max(n) FROM t", ()) == [(2,)]
    reads.close()


def test_a_read_that_fails_half_way_leaves_the_next_one_working(cache: Path) -> None:
    reads = PlainReads(cache)
    for _ in range(3):
        with pytest.raises(sqlite3.OperationalError), reads.transaction() as run:
            run("SELECT n FROM t", ())
            run("SELECT nothing FROM nowhere", ())
        with reads.transaction() as run:
            assert run("SELECT n FROM t ORDER BY n", ()) == [(1,), (2,)]
    reads.close()


def test_no_read_after_the_cache_is_closed(cache: Path) -> None:
    reads = PlainReads(cache)
    with reads.transaction() as run:
        run("SELECT 1", ())
    reads.close()
    with pytest.raises(RuntimeError), reads.transaction():
        pass
