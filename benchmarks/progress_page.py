"""The public progress query (POST /api/v1/progress) on one server process, beside its floors
measured in the same run:

- progress: CLIENTS connections asking for SECONDS, four in five with the right pair (the rest
  wrong: "not found"), over CASES cases laid down in the database; every query is stored and
  checked against the per-number limit (the per-address limit is off: every client here is
  127.0.0.1);
- floor 1: the same connections on ``GET /api/v1/hello`` (the same process's bare HTTP);
- floor 2: the query's own statements raw, on one connection (limit count, lookup, insert, commit).

.venv/bin/python -m benchmarks.progress_page [cases] [clients] [seconds] [postgresql|sqlite] [rate] [workers]
(rate: queries a second all clients together, 0 = as fast as they can; workers: server processes)
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import insert, text

from benchmarks.common import client_without_pauses, percentile
from benchmarks.sync_common import hall
from benchmarks.sync_hall import Connection
from hall_server.changes import utcnow
from hall_server.db import open_server_database
from hall_server.models import CaseRow

NUMBER = "330100W01202612{day:02d}{seq:04d}"


def _cases(count: int) -> list[tuple[str, str]]:
    return [(NUMBER.format(day=1 + n // 10000, seq=n % 10000), f"{n % 10000:04d}") for n in range(count)]


def lay_down(url: str, pairs: list[tuple[str, str]]) -> None:
    db = open_server_database(url)
    now, today = utcnow(), date.today()
    rows = [
        {
            "id": str(uuid.uuid4()),
            "case_number": number,
            "state": "under_review",
            "item_code": "010700100000",
            "department": "GA",
            "window_code": "A01",
            "device_id": "bench",
            "applicant_name": "李建国",
            "applicant_id_number": f"33010619800101{tail}",
            "accepted_on": today,
            "promised_due": today + timedelta(days=20),
            "deadline_provisional": False,
            "created_at": now,
            "updated_at": now,
            "version": 1,
            "data": {"item_snapshot": {"name": "居民身份证换领"}, "applicant": {"phone": "13800138000"}},
        }
        for number, tail in pairs
    ]
    try:
        with db.sessions() as s, s.begin():
            for start in range(0, len(rows), 5000):
                s.execute(insert(CaseRow), rows[start : start + 5000])
    finally:
        db.dispose()


async def _pace(every: float, sent: int, started: float) -> None:
    """With a fixed rate, each client sends on its own schedule (late sends go at once)."""
    if every > 0:
        await asyncio.sleep(max(0.0, started + sent * every - time.perf_counter()))


async def asking(
    port: int,
    pairs: list[tuple[str, str]],
    until: float,
    out: list[float],
    bad: list[str],
    every: float = 0.0,
) -> None:
    conn = Connection(port, "")
    started, sent = time.perf_counter() + random.uniform(0, every), 0
    while time.perf_counter() < until:
        await _pace(every, sent, started)
        sent += 1
        number, tail = random.choice(pairs)
        if random.random() < 0.2:
            tail = "9999" if tail != "9999" else "0000"
        status, payload, ms = await conn.request(
            "POST", "/api/v1/progress", json.dumps({"number": number, "tail": tail}).encode()
        )
        out.append(ms)
        if status != 200:
            bad.append(f"{status} {payload[:80]!r}")


async def hello(port: int, until: float, out: list[float], bad: list[str], every: float = 0.0) -> None:
    conn = Connection(port, "")
    started, sent = time.perf_counter() + random.uniform(0, every), 0
    while time.perf_counter() < until:
        await _pace(every, sent, started)
        sent += 1
        status, _, ms = await conn.request("GET", "/api/v1/hello")
        out.append(ms)
        if status != 200:
            bad.append(str(status))


def raw(url: str, pairs: list[tuple[str, str]], n: int) -> list[float]:
    """The query's statements on one connection, without HTTP, JSON or the ORM."""
    db = open_server_database(url)
    out = []
    try:
        with db.engine.connect() as conn:
            for _ in range(n):
                number, _tail = random.choice(pairs)
                t0 = time.perf_counter()
                with conn.begin():
                    since = utcnow() - timedelta(hours=1)
                    conn.execute(
                        text(
                            "SELECT count(*), min(at) FROM progress_queries WHERE at >= :s AND case_number = :n AND outcome = 'unmatched'"
                        ),
                        {"s": since, "n": number},
                    ).one()
                    conn.execute(
                        text("SELECT * FROM cases WHERE case_number = :n OR receipt_number = :n LIMIT 1"),
                        {"n": number},
                    ).first()
                    conn.execute(
                        text(
                            "INSERT INTO progress_queries (at, address, case_number, outcome) VALUES (:a, '127.0.0.1', :n, 'answered')"
                        ),
                        {"a": utcnow(), "n": number},
                    )
                out.append((time.perf_counter() - t0) * 1000)
    finally:
        db.dispose()
    return out


def _line(name: str, sample: list[float], seconds: float) -> str:
    return (
        f"  {name}: {len(sample) / seconds:,.0f}/s, p50 {statistics.median(sample):.1f} ms, "
        f"p99 {percentile(sample, 99):.1f} ms, max {max(sample):.1f} ms"
    )


def main(cases: int, clients: int, seconds: float, engine: str, rate: float = 0.0, workers: int = 1) -> None:
    """*rate* > 0: the clients together send that many queries a second (else as fast as they
    can); *workers*: server processes."""
    os.environ["HALL_SERVER_PROGRESS_QUERIES_PER_MINUTE"] = "0"  # one address asks for everyone here
    os.environ["HALL_SERVER_PROGRESS_MISSES_PER_HOUR"] = "1000000"  # a wrong pair in five, all from here
    pairs = _cases(cases)
    every = clients / rate if rate > 0 else 0.0
    with tempfile.TemporaryDirectory() as tmp, hall(Path(tmp), engine, workers) as (server, url):
        lay_down(url, pairs)
        asked: list[float] = []
        floor: list[float] = []
        bad: list[str] = []

        async def both() -> None:
            until = time.perf_counter() + seconds
            await asyncio.gather(
                *(asking(server.port, pairs, until, asked, bad, every) for _ in range(clients))
            )
            until = time.perf_counter() + seconds
            await asyncio.gather(*(hello(server.port, until, floor, bad, every) for _ in range(clients)))

        with client_without_pauses():
            asyncio.run(both())
        statements = raw(url, pairs, 2000)
        print(
            f"progress queries on {workers} server process(es) ({engine}): {cases:,} cases, {clients} clients, "
            f"{seconds:.0f} s each, {f'{rate:.0f} a second' if rate else 'as fast as they can'}, "
            f"errors {len(bad)} {bad[:3]}"
        )
        print(_line("POST /api/v1/progress", asked, seconds))
        print(_line("floor: GET /api/v1/hello, same clients", floor, seconds))
        print(f"  ratio of throughput: {len(floor) / max(1, len(asked)):.1f}x")
        print(
            f"  floor: the statements raw on one connection: median {statistics.median(statements):.2f} ms, "
            f"p99 {percentile(statements, 99):.2f} ms"
        )


if __name__ == "__main__":
    args = sys.argv[1:]
    main(
        int(args[0]) if args else 20000,
        int(args[1]) if len(args) > 1 else 16,
        float(args[2]) if len(args) > 2 else 15.0,
        args[3] if len(args) > 3 else "postgresql",
        float(args[4]) if len(args) > 4 else 0.0,
        int(args[5]) if len(args) > 5 else 1,
    )
