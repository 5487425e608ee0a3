"""Case search by name: the newest matches, whichever way the store finds them."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from typing import Any

import pytest

from counter_app.store import case_search
from counter_app.store.case_store import CaseStore
from counter_app.store.db import Database, open_database
from tests.store.case_rows import insert_cases, newest_matching

QUERIES = (
    "张",  # a common surname: hundreds of distinct names, a third of the cases
    "张伟",  # a few names
    "王秀英",  # one name, a few cases
    "居民身份证",  # an item name prefix: two items
    "不动产",  # three items
    "居",  # item names and applicant names (居 is a surname here too)
    "建设工程规划许可",  # an item, and no applicant
    "赵",  # nobody
)

# thresholds of the store, overridden to take each way to the newest cases
WAYS: dict[str, dict[str, int]] = {
    "as shipped": {},
    "always sort": {"_FEW_NAMES": 0, "_MERGE_MAX": 0},
    "always merge": {"_FEW_NAMES": 10_000, "_MERGE_MAX": 10_000, "_MERGE_ARMS": 400},  # SQLite: 500
    "merge in small batches": {"_FEW_NAMES": 10_000, "_MERGE_MAX": 10_000, "_MERGE_ARMS": 3},
    "merge when many cases": {"_FEW_NAMES": 0, "_MERGE_MAX": 10_000, "_SCAN_MAX": 1},
    "sort when few cases": {"_FEW_NAMES": 0, "_MERGE_MAX": 10_000, "_SCAN_MAX": 10**9},
}


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    path = tmp_path_factory.mktemp("search") / "c.sqlite"
    open_database(path).dispose()
    insert_cases(path, 4000)
    db = open_database(path)
    yield db
    db.dispose()


@pytest.mark.parametrize("way", WAYS)
@pytest.mark.parametrize("query", QUERIES)
def test_newest_matches_in_order(
    cache: Database, query: str, way: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in WAYS[way].items():
        monkeypatch.setattr(case_search, name, value)
    store = CaseStore(cache)
    for limit in (200, 7):
        found = store.search(query, limit=limit)
        assert [c.id for c in found] == newest_matching(cache.path, query, limit)
        assert all(query in (c.applicant_name[: len(query)], c.item_name[: len(query)]) for c in found)


def test_common_surname_has_many_names_and_ties(cache: Database) -> None:
    """The data above exercises what it should: more names than one statement merges, and ties."""
    with closing(sqlite3.connect(cache.path)) as con, con:
        names = con.execute(
            "SELECT count(DISTINCT applicant_name) FROM cases WHERE applicant_name LIKE '张%'"
        )
        assert names.fetchone()[0] > case_search._MERGE_ARMS
        ties = con.execute(
            "SELECT count(*) FROM (SELECT created_at FROM cases GROUP BY created_at HAVING count(*) > 1)"
        )
        assert ties.fetchone()[0] > 100
    con.close()


def test_summary_rows_carry_the_notice_number(cache: Database) -> None:
    found = CaseStore(cache).search("张", limit=200)
    with closing(sqlite3.connect(cache.path)) as con, con:
        numbers = dict(con.execute("SELECT case_id, number FROM notices").fetchall())
    con.close()
    assert [c.notice_number for c in found] == [numbers.get(c.id) for c in found]
    assert any(c.notice_number for c in found)


@pytest.mark.parametrize("query", ["张", "居民身份证", "330100W0120251101"])
def test_search_reads_no_case_table_in_full(cache: Database, query: str) -> None:
    """Every statement finds its cases through an index: no scan of the cases table, and no walk
    of every case by date either."""
    statements: list[tuple[str, Any]] = []
    with closing(sqlite3.connect(cache.path)) as con, con:

        def recording(sql: str, params: Any) -> list[tuple[Any, ...]]:
            statements.append((sql, params))
            return con.execute(sql, params).fetchall()

        assert case_search.search(recording, query)
        assert len(statements) >= 2
        for statement, params in statements:
            plan = [r[3] for r in con.execute("EXPLAIN QUERY PLAN " + statement, params)]
            assert not [p for p in plan if p.startswith("SCAN cases")], (statement, plan)
    con.close()


def test_search_never_waits_for_a_writer(cache: Database) -> None:
    """A search is a plain read transaction: a save holding the write lock does not hold it up
    (a writer's BEGIN IMMEDIATE here would wait out the busy timeout and fail)."""
    store = CaseStore(cache)
    before = [c.id for c in store.search("张", limit=5)]
    writer = sqlite3.connect(cache.path, isolation_level=None, timeout=0.1)
    try:
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("UPDATE cases SET applicant_phone = applicant_phone WHERE rowid = 1")
        assert [c.id for c in store.search("张", limit=5)] == before
        writer.execute("ROLLBACK")
    finally:
        writer.close()
