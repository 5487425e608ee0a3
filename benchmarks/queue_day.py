"""A simulated hall day on one server process: call-next latency and the monitor's data.

    .venv/bin/python -m benchmarks.queue_day [windows] [tickets] [seconds] [postgresql|sqlite] [processes]

The hall has ten queues (A-J); window n serves queue n mod 10 first and the next queue second.
The day's tickets are laid down first: most already served this morning (so the monitor reads
a full day), the rest waiting, with the windows' state as the morning left it. Then, for *seconds*: every window calls the next ticket, serves
it for 4-12 s, finishes it and calls again, and polls its own view every 5 s meanwhile (its
heartbeat, as the window client does); two kiosks issue 10 tickets a second between them; three supervisors load the
monitor every 2 s (their answers timed, and the figures' age at the answer). Before the clock starts, every window and supervisor is signed in: connected
and one poll made, as their clients do from sign-in on (the hall opens on windows already
polling); so the windows' first calls (all within its first 3 s) are the opening rush of calls,
not of connections. Latency is measured per request on an asyncio client (see sync_hall).
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
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from benchmarks.common import client_without_pauses, percentile
from benchmarks.sync_common import hall
from benchmarks.sync_hall import Connection, _devices
from hall_server.db import open_server_database
from hall_server.queue.layout import import_layout
from hall_server.queue.models import TicketCounterRow, TicketRow, WindowStateRow
from hall_server.security import AccessClaims, sign_access_token  # noqa: F401  (tokens via _devices)

QUEUES = "ABCDEFGHIJ"
HALL_ZONE = ZoneInfo("Asia/Shanghai")
POLL_SECONDS = 5.0


def _layout(windows: int) -> dict[str, object]:
    return {
        "format": "hall-queues",
        "format_version": 1,
        "queues": [{"code": q, "name": f"服务区{q}", "departments": []} for q in QUEUES],
        "windows": {f"Q{n:03d}": [QUEUES[n % 10], QUEUES[(n + 1) % 10]] for n in range(windows)},
    }


def _lay_down_the_day(url: str, tickets: int, waiting: int) -> None:
    now = datetime.now(HALL_ZONE).replace(tzinfo=None, microsecond=0)
    opening = max(now.replace(hour=8, minute=30, second=0), now - timedelta(hours=8))
    span = max(60.0, (now - opening).total_seconds() - 600)
    rows, numbers = [], dict.fromkeys(QUEUES, 0)
    for n in range(tickets):
        queue = QUEUES[n % 10]
        numbers[queue] += 1
        issued = opening + timedelta(seconds=span * n / tickets)
        done = n < tickets - waiting
        called = issued + timedelta(seconds=random.uniform(60, 1500)) if done else None
        rows.append(
            {
                "id": str(uuid.uuid4()),
                "day": now.date(),
                "queue_code": queue,
                "number": numbers[queue],
                "display": f"{queue}{numbers[queue]:03d}",
                "kind": "elderly" if n % 17 == 0 else "normal",
                "status": "done" if done else "waiting",
                "phone": None,
                "appointment_code": None,
                "issued_at": issued,
                "queued_at": issued,
                "target_window": None,
                "held_by": None,
                "window_code": f"Q{n % 300:03d}" if done else None,
                "clerk": "wangfang" if done else None,
                "called_at": called,
                "first_called_at": called,
                "started_at": called,
                "finished_at": called + timedelta(seconds=random.uniform(120, 600)) if called else None,
                "recall_at": None,
                "call_count": 1 if done else 0,
                "note": "",
            }
        )
    # the windows that served those tickets this morning, as the morning left them
    windows: dict[str, dict[str, object]] = {}
    for row in rows:
        if row["window_code"]:
            seen = windows.setdefault(
                str(row["window_code"]),
                {
                    "window_code": row["window_code"],
                    "status": "idle",
                    "served_day": now.date(),
                    "served_today": 0,
                },
            )
            seen["served_today"] = int(str(seen["served_today"])) + 1
            seen["seen_at"] = row["finished_at"]
    db = open_server_database(url)
    try:
        with db.sessions() as s, s.begin():
            s.execute(TicketRow.__table__.insert(), rows)
            s.execute(WindowStateRow.__table__.insert(), list(windows.values()))
            s.execute(
                TicketCounterRow.__table__.insert(),
                [{"day": now.date(), "queue_code": q, "last": last} for q, last in numbers.items()],
            )
        if db.is_postgres:  # as autovacuum would have done during the morning
            with db.engine.connect() as conn:
                conn.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql("ANALYZE")
    finally:
        db.dispose()


class FloorConnection(Connection):
    """The floor: the same clients, connections and pacing, every request a ``GET /hello`` (the
    server's HTTP, routing and JSON with no queue work), answered as the queue route would
    answer so the simulated window goes on the same way."""

    async def request(self, method: str, path: str, body: bytes = b"") -> tuple[int, bytes, float]:
        status, _, ms = await super().request("GET", "/api/v1/hello")
        if path.endswith("/call-next"):
            return status, b'{"ticket": {}}', ms
        return (201 if status == 200 and path.endswith("/tickets") else status), b"{}", ms


CONNECTION: type[Connection] = Connection
CALLS: list[float] = []
CALLS_AFTER_START: list[float] = []  # the calls made once every window has made its first
START_SECONDS = 5.0  # the windows' first calls all fall within the first 3 s (see window())
STARTED = [0.0]
MONITOR: list[float] = []
# the figures' age as the supervisor's screen gets them: the hall's clock at the answer less the
# answer's server_time (when the server read them; whole seconds, so up to 1 s too old)
MONITOR_AGE: list[float] = []
OTHER: list[float] = []
ERRORS: list[str] = []


async def window(conn: Connection, until: float) -> None:
    await asyncio.sleep(random.uniform(0, 3))
    while time.perf_counter() < until:
        sent = time.perf_counter()
        status, payload, ms = await conn.request("POST", "/api/v1/queue/call-next")
        CALLS.append(ms)
        if sent - STARTED[0] > START_SECONDS:
            CALLS_AFTER_START.append(ms)
        if status != 200:
            ERRORS.append(f"call {status} {payload[:100]!r}")
            await asyncio.sleep(3)
            continue
        serving = json.loads(payload)["ticket"] is not None
        service_ends = time.perf_counter() + (random.uniform(4, 12) if serving else 3)
        while time.perf_counter() < min(service_ends, until):
            await asyncio.sleep(min(POLL_SECONDS, max(0.0, service_ends - time.perf_counter())))
            status, _, ms = await conn.request("GET", "/api/v1/queue/window")
            OTHER.append(ms)
        if serving:
            status, _, ms = await conn.request("POST", "/api/v1/queue/ticket/finish", b"{}")
            OTHER.append(ms)
            if status != 200:
                ERRORS.append(f"finish {status}")


async def kiosk(conn: Connection, until: float, per_second: float) -> None:
    while time.perf_counter() < until:
        started = time.perf_counter()
        body = json.dumps({"queue": random.choice(QUEUES)}).encode()
        status, _, ms = await conn.request("POST", "/api/v1/queue/tickets", body)
        OTHER.append(ms)
        if status != 201:
            ERRORS.append(f"ticket {status}")
        await asyncio.sleep(max(0.0, 1 / per_second - (time.perf_counter() - started)))


async def supervisor(conn: Connection, until: float) -> None:
    await asyncio.sleep(random.uniform(0, 2))
    while time.perf_counter() < until:
        started = time.perf_counter()
        status, payload, ms = await conn.request("GET", "/api/v1/queue/monitor")
        MONITOR.append(ms)
        if status != 200:
            ERRORS.append(f"monitor {status}")
        elif CONNECTION is Connection:
            read_at = datetime.fromisoformat(json.loads(payload)["server_time"])
            MONITOR_AGE.append(
                (datetime.now(HALL_ZONE).replace(tzinfo=None) - read_at).total_seconds() * 1000
            )
        await asyncio.sleep(max(0.0, 2 - (time.perf_counter() - started)))


async def signed_in(port: int, tokens: list[str], first: str) -> list[Connection]:
    """Connections as the hall opens: every window and supervisor signed in before the doors
    open, connected and already polling (a window's client keeps one connection and sends its
    heartbeat from sign-in on), so the first calls find warm connections, as at 8:30 in a hall;
    the kiosks connected. Not measured."""
    conns = [CONNECTION(port, t) for t in tokens]
    await asyncio.gather(*(c.request("GET", first) for c in conns))
    return conns


async def run(port: int, windows: list[str], supervisors: list[str], seconds: float) -> None:
    clerks = await signed_in(port, windows, "/api/v1/queue/window")
    bosses = await signed_in(port, supervisors, "/api/v1/queue/monitor")
    kiosks = await signed_in(port, ["", ""], "/api/v1/queue/services")
    await asyncio.sleep(1)
    STARTED[0] = time.perf_counter()
    until = STARTED[0] + seconds
    with client_without_pauses():
        await asyncio.gather(
            *(window(c, until) for c in clerks),
            *(kiosk(c, until, 5) for c in kiosks),
            *(supervisor(c, until) for c in bosses),
        )


def _line(name: str, sample: list[float]) -> str:
    return (
        f"  {name}: {len(sample)}, p50 {statistics.median(sample):.1f} ms, p95 {percentile(sample, 95):.1f} ms, "
        f"p99 {percentile(sample, 99):.1f} ms, max {max(sample):.1f} ms"
    )


def main(windows: int, tickets: int, seconds: float, engine: str, workers: int = 1) -> None:
    # two kiosks at 5 tickets/s from one address: the kiosk limits (docs/queue.md) are not measured here
    os.environ["HALL_SERVER_KIOSK_TICKETS_PER_MINUTE"] = "0"
    os.environ["HALL_SERVER_HALL_TICKETS_PER_MINUTE"] = "0"
    with tempfile.TemporaryDirectory() as tmp, hall(Path(tmp), engine, workers) as (server, url):
        db = open_server_database(url)
        import_layout(db, _layout(windows))
        db.dispose()
        _lay_down_the_day(url, tickets, waiting=min(tickets // 4, 4000))
        codes = [f"Q{n:03d}" for n in range(windows)]
        clerks = [token for _, token in _devices(url, windows, codes)]
        bosses = [token for _, token in _devices(url, 3, codes, role="supervisor", first=windows)]
        global CONNECTION
        figures = []
        for CONNECTION in (Connection, FloorConnection):
            for sample in (CALLS, CALLS_AFTER_START, MONITOR, MONITOR_AGE, OTHER, ERRORS):
                sample.clear()
            try:
                asyncio.run(run(server.port, clerks, bosses, seconds))
            except (OSError, IndexError):
                print((Path(tmp) / "server.log").read_text()[-3000:])
                raise
            floor = CONNECTION is FloorConnection
            print(
                f"{'floor (the same clients, every request GET /hello)' if floor else 'a hall day'} on "
                f"{workers} server process(es) ({engine}): {windows} windows, {tickets} tickets laid "
                f"down, {seconds:.0f} s, errors {len(ERRORS)} {ERRORS[:3]}"
            )
            print(_line("call-next", CALLS))
            print(_line(f"  of which after the first {START_SECONDS:.0f} s", CALLS_AFTER_START))
            print(_line("monitor", MONITOR))
            if MONITOR_AGE:
                print(
                    _line("  the monitor's figures' age at the answer (server_time in whole s)", MONITOR_AGE)
                )
            print(_line("other requests (window polls, finishes, kiosk)", OTHER))
            requests = CALLS + MONITOR + OTHER
            figures.append((percentile(CALLS, 99), percentile(requests, 99), len(requests) / seconds))
        (call, every, rate), (call_floor, every_floor, rate_floor) = figures
        print(
            f"call-next p99 {call:.1f} ms, floor {call_floor:.1f} ms: {call / call_floor:.1f}x; every request "
            f"p99 {every:.1f} ms, floor {every_floor:.1f} ms: {every / every_floor:.1f}x; "
            f"{rate:.0f} requests/s (floor {rate_floor:.0f}/s)"
        )


if __name__ == "__main__":
    args = sys.argv[1:]
    main(
        int(args[0]) if args else 300,
        int(args[1]) if len(args) > 1 else 20000,
        float(args[2]) if len(args) > 2 else 60.0,
        args[3] if len(args) > 3 else "postgresql",
        int(args[4]) if len(args) > 4 else 1,
    )
