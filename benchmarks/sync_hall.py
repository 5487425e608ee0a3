"""300 windows syncing every 2 s against one hall-server process: request latency.

    .venv/bin/python -m benchmarks.sync_hall [windows] [seconds] [postgresql|sqlite] [server processes]

Each simulated window keeps one HTTP/1.1 connection (as ``requests`` does) and every 2 s pulls
from its cursor; one round in ten it first pushes a case.accept of its own department (one intake per window
every 20 s: 15 intakes a second across the hall, a very busy hall). The windows are spread over
the demo hall's 19 windows, so each sees the cases of the departments it serves. Devices and tokens are made in the
database directly, so the run measures sync, not sign-in. Latency is measured per request, from
the first byte sent to the last byte of the answer, on an asyncio client that costs little CPU.

The floor, in the same run after it: the same windows, connections and pacing against the same
server process, every request a ``GET /api/v1/hello`` (the server's HTTP, routing and
JSON, no sync work, no database), answered to the window as an empty page.
"""

from __future__ import annotations

import asyncio
import json
import random
import statistics
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.common import client_without_pauses, percentile
from benchmarks.sync_common import accept_op, hall
from counter_app.services.demo import demo_catalogue_path
from counter_app.sync.wire import json_body
from hall_server.changes import utcnow
from hall_server.db import open_server_database
from hall_server.models import DeviceRow
from hall_server.security import AccessClaims, sign_access_token
from tests.servers import hall_signing_key

INTERVAL = 2.0
PUSHES: list[float] = []
PULLS: list[float] = []
WARMING: list[float] = []
LAG: list[float] = []


def _devices(
    url: str, count: int, windows: list[str], role: str = "clerk", first: int = 0
) -> list[tuple[str, str]]:
    """(device code, bearer token) for *count* devices enrolled round the hall's windows."""
    key = hall_signing_key(url)
    db = open_server_database(url)
    try:
        with db.sessions() as s, s.begin():
            out = []
            for n in range(first, first + count):
                device = DeviceRow(
                    id=str(uuid.uuid4()),
                    device_code=f"H{n:03d}",
                    window_code=windows[n % len(windows)],
                    hostname="bench",
                    secret_hash="-",
                    enrolled_at=utcnow(),
                    last_seq=0,
                    client_schema=1,
                )
                s.add(device)
                token = sign_access_token(
                    key,
                    AccessClaims(
                        1 if role == "clerk" else 2,
                        "wangfang" if role == "clerk" else "zhaolei",
                        role,
                        device.id,
                        int(time.time()) + 7200,
                    ),
                )
                out.append((device.device_code, token))
            return out
    finally:
        db.dispose()


class Connection:
    def __init__(self, port: int, token: str) -> None:
        self.port, self.token = port, token
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def request(self, method: str, path: str, body: bytes = b"") -> tuple[int, bytes, float]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
        assert self.reader is not None
        auth = f"Authorization: Bearer {self.token}\r\n" if self.token else ""  # a kiosk sends none
        head = (
            f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n{auth}"
            f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
        ).encode()
        t0 = time.perf_counter()
        self.writer.write(head + body)
        await self.writer.drain()
        status_line = await self.reader.readline()
        length = 0
        while (line := await self.reader.readline()) not in (b"\r\n", b""):
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        payload = await self.reader.readexactly(length)
        return int(status_line.split()[1]), payload, (time.perf_counter() - t0) * 1000


class FloorConnection(Connection):
    """The floor: every request a ``GET /hello``; a pull is told it has reached the end."""

    async def request(self, method: str, path: str, body: bytes = b"") -> tuple[int, bytes, float]:
        status, _, ms = await super().request("GET", "/api/v1/hello")
        return status, b'{"cursor": "0:0", "more": false}', ms


@dataclass
class Window:
    code: str
    token: str
    window_code: str
    item: dict[str, Any]
    cursor: str = "0:0"
    seq: int = 0


async def window(
    port: int, w: Window, until: float, latencies: list[float], errors: list[str], floor: bool = False
) -> None:
    conn = (FloorConnection if floor else Connection)(port, w.token)
    rounds = 0
    await asyncio.sleep(random.uniform(0, INTERVAL))
    while time.perf_counter() < until:
        started = time.perf_counter()
        if random.random() < 0.1:  # one round in ten, at random: intakes do not come in step
            w.seq += 1
            op = accept_op(w.seq, w.code, w.item)
            op["payload"]["case"]["window_code"] = w.window_code
            body = json_body({"schema_version": 1, "ops": [op]})
            status, _payload, ms = await conn.request("POST", "/api/v1/sync/push", body)
            latencies.append(ms)
            if latencies is not WARMING:
                PUSHES.append(ms)
            if status != 200:
                errors.append(f"push {status}")
        more = True
        while more:
            status, payload, ms = await conn.request(
                "GET", f"/api/v1/sync/pull?cursor={w.cursor}&schema_version=1"
            )
            latencies.append(ms)
            if latencies is not WARMING:
                PULLS.append(ms)
            if status != 200:
                errors.append(f"pull {status}")
                break
            page = json.loads(payload)
            more = page["more"]
            if not floor:
                w.cursor = page["cursor"]
        rounds += 1
        await asyncio.sleep(max(0.0, INTERVAL - (time.perf_counter() - started)))


async def run(
    port: int, windows: list[Window], seconds: float, floor: bool = False
) -> tuple[list[float], list[str]]:
    latencies: list[float] = []
    errors: list[str] = []
    if not floor:
        warm_until = time.perf_counter() + 10  # every window catches up with the feed first
        await asyncio.gather(*(window(port, w, warm_until, WARMING, errors) for w in windows))
    until = time.perf_counter() + seconds

    async def lag() -> None:
        while time.perf_counter() < until:
            t0 = time.perf_counter()
            await asyncio.sleep(0.001)
            LAG.append((time.perf_counter() - t0) * 1000 - 1)

    with client_without_pauses():
        await asyncio.gather(lag(), *(window(port, w, until, latencies, errors, floor) for w in windows))
    return latencies, errors


def main(windows: int, seconds: float, engine: str, workers: int = 1) -> None:
    doc = json.loads(demo_catalogue_path().read_text(encoding="utf-8"))
    hall_windows = {w["code"]: w["departments"] for w in doc["windows"]}
    by_department = {i["department"]: i for i in doc["items"]}
    codes = sorted(hall_windows)
    with tempfile.TemporaryDirectory() as tmp, hall(Path(tmp), engine, workers) as (server, db_url):
        devices = _devices(db_url, windows, codes)
        simulated = []
        for n, (code, token) in enumerate(devices):
            window_code = codes[n % len(codes)]
            item = by_department[hall_windows[window_code][0]]
            simulated.append(Window(code, token, window_code, item))
        latencies, errors = asyncio.run(run(server.port, simulated, seconds))
        print(
            f"{windows} windows syncing every {INTERVAL:.0f} s against {workers} server process(es) ({engine}), "
            f"{seconds:.0f} s: "
            f"{len(latencies)} requests ({len(latencies) / seconds:.0f}/s), errors {len(errors)}, "
            f"p50 {statistics.median(latencies):.1f} ms, p95 {percentile(latencies, 95):.1f} ms, "
            f"p99 {percentile(latencies, 99):.1f} ms, max {max(latencies):.1f} ms"
        )
        for name, sample in (("pushes", PUSHES), ("pulls", PULLS), ("client loop lag", LAG)):
            if sample:
                print(
                    f"  of which {name}: {len(sample)}, p50 {statistics.median(sample):.1f} ms, "
                    f"p95 {percentile(sample, 95):.1f} ms, p99 {percentile(sample, 99):.1f} ms"
                )
        LAG.clear()
        floor, floor_errors = asyncio.run(run(server.port, simulated, seconds, floor=True))
        print(
            f"floor (the same windows and pacing, every request GET /hello): {len(floor)} requests, "
            f"errors {len(floor_errors)}, p50 {statistics.median(floor):.1f} ms, p95 {percentile(floor, 95):.1f} ms, "
            f"p99 {percentile(floor, 99):.1f} ms | ratio of p99s {percentile(latencies, 99) / percentile(floor, 99):.1f}x"
        )


if __name__ == "__main__":
    args = sys.argv[1:]
    main(
        int(args[0]) if args else 300,
        float(args[1]) if len(args) > 1 else 30.0,
        args[2] if len(args) > 2 else "postgresql",
        int(args[3]) if len(args) > 3 else 1,
    )
