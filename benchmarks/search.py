"""Case search on a large local cache: p95 per kind of query beside its floor, and the memory.

.venv/bin/python -m benchmarks.search benchmarks/data/1m

The floor of each search is the same statements with the same parameters (recorded from the search
itself, on another connection) run on a raw sqlite3 connection opened once, every row fetched as a
tuple: the storage's work with no Python of ours around it. Each query is timed both ways one
after the other; neither connection has just read the query's pages (the OS has them both times).
"""

from __future__ import annotations

import random
import resource
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import Any

from benchmarks.common import percentile
from counter_app.services.cases import CaseService
from counter_app.services.context import open_context
from counter_app.store import case_search

Statements = list[tuple[str, Any]]


def recorded(con: sqlite3.Connection, work: Callable[[case_search.Run], object]) -> Statements:
    """The statements *work* runs, with their parameters."""
    statements: Statements = []

    def run(sql: str, params: Any) -> list[tuple[Any, ...]]:
        statements.append((sql, params))
        return con.execute(sql, params).fetchall()

    work(run)
    return statements


def floor_ms(con: sqlite3.Connection, statements: Statements) -> float:
    t0 = time.perf_counter()
    for sql, params in statements:
        con.execute(sql, params).fetchall()
    return (time.perf_counter() - t0) * 1000


def side_by_side(kind: str, ours: list[float], floor: list[float]) -> str:
    p95, f95 = percentile(ours, 95), percentile(floor, 95)
    p50, f50 = statistics.median(ours), statistics.median(floor)
    return (
        f"{kind}: median {p50:.3f} ms, p95 {p95:.3f} ms | floor median {f50:.3f} ms, p95 {f95:.3f} ms"
        f" | ratio of medians {p50 / f50:.1f}x, of p95s {p95 / f95:.1f}x"
    )


def main(folder: Path, rounds: int = 200) -> None:
    ctx = open_context(folder)
    service = CaseService(ctx)
    rng = random.Random(7)
    with ctx.db.engine.connect() as conn:
        total = conn.exec_driver_sql("SELECT count(*) FROM cases").scalar() or 0
        sample = conn.exec_driver_sql(
            "SELECT case_number, applicant_name, applicant_id_number, applicant_phone, item_name FROM cases"
            " WHERE case_number IS NOT NULL AND rowid IN (SELECT abs(random()) % ? FROM cases LIMIT 400)",
            (total,),
        ).fetchall()
        notices = [r[0] for r in conn.exec_driver_sql("SELECT number FROM notices LIMIT 2000")]
    kinds = {
        "case number": lambda r: r[0],
        "case number prefix (date)": lambda r: r[0][:17],
        "notice number": lambda r: rng.choice(notices),
        "applicant name": lambda r: r[1],
        "surname only": lambda r: r[1][0],
        "ID number": lambda r: r[2],
        "phone": lambda r: r[3],
        "item name": lambda r: r[4][:4],
    }
    print(f"{total:,} cases in {folder}")
    everything: list[float] = []
    floors: list[float] = []
    # statements recorded on one connection and replayed on another: like the search's own
    # connection, the floor's has not just read the query's pages into its private cache
    with closing(sqlite3.connect(ctx.db.path)) as con, closing(sqlite3.connect(ctx.db.path)) as raw:
        for kind, pick in kinds.items():
            times, floor = [], []
            for _ in range(rounds // 4):
                query = pick(rng.choice(sample))
                statements = recorded(con, lambda run, q=query: case_search.search(run, q))
                floor.append(floor_ms(raw, statements))
                t0 = time.perf_counter()
                found = service.search(query)
                times.append((time.perf_counter() - t0) * 1000)
                assert found, query
            everything += times
            floors += floor
            print("  " + side_by_side(kind, times, floor))
        times, floor = [], []
        since, window = ctx.clock().replace(hour=0, minute=0), ctx.settings["window_code"]
        for _ in range(rounds // 4):
            statements = recorded(con, lambda run: case_search.updated_since(run, since, window, 500))
            floor.append(floor_ms(raw, statements))
            t0 = time.perf_counter()
            service.today()
            times.append((time.perf_counter() - t0) * 1000)
        everything += times
        floors += floor
        print("  " + side_by_side("today at this window", times, floor))
    print(side_by_side("all searches", everything, floors))
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory of this process (services, no GUI): {rss:.0f} MB")
    ctx.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]))
