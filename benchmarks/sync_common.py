"""A hall on a real PostgreSQL (or SQLite) with a server process, for the sync benchmarks."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import requests

from counter_app.sync.wire import json_body, snapshots_apart
from tests.servers import PASSWORD, ServerProcess, enrollment_code, postgres, prepare_hall


@contextmanager
def hall(folder: Path, engine: str = "postgresql", workers: int = 1) -> Iterator[tuple[ServerProcess, str]]:
    if engine == "sqlite":
        url = f"sqlite:///{folder / 'hall.sqlite'}"
        prepare_hall(url)
        server = ServerProcess(url, folder / "server.log").start()
        try:
            yield server, url
        finally:
            server.stop()
        return
    with postgres(folder / "pg") as pg:
        url = pg.create_database("bench")
        prepare_hall(url)
        server = ServerProcess(url, folder / "server.log", workers=workers).start()
        try:
            yield server, url
        finally:
            server.stop()


def run_threads(work: Callable[[int], None], count: int) -> float:
    """Seconds for *count* threads running ``work(0)`` ... ``work(count - 1)`` at once."""
    threads = [threading.Thread(target=work, args=(n,)) for n in range(count)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.perf_counter() - t0


def post_ops(
    session: requests.Session, base: str, ops: list[dict[str, Any]], schema: int, timeout: float
) -> Any:
    """A batch pushed as the window sends it to a server that takes item snapshots by key:
    compact UTF-8 JSON (``wire.json_body``), each snapshot once (``wire.snapshots_apart``)."""
    slim, snapshots = snapshots_apart(ops)
    return session.post(
        base + "/api/v1/sync/push",
        data=json_body({"schema_version": schema, "ops": slim, "snapshots": snapshots}),
        headers={"Content-Type": "application/json"},
        timeout=timeout,
    )


def device_session(base: str, db_url: str, device: str) -> tuple[requests.Session, str]:
    """An enrolled, signed-in device: an HTTP session with its bearer token."""
    code = enrollment_code(db_url, device, "A01")
    s = requests.Session()
    enrolled = s.post(base + "/api/v1/enroll", json={"code": code, "hostname": device}, timeout=30).json()
    login = s.post(
        base + "/api/v1/login",
        json={
            "device_id": enrolled["device_id"],
            "device_secret": enrolled["device_secret"],
            "username": "wangfang",
            "password": PASSWORD,
        },
        timeout=30,
    ).json()
    s.headers["Authorization"] = "Bearer " + login["access_token"]
    return s, enrolled["device_id"]


def accept_op(seq: int, device: str, snapshot: dict[str, Any]) -> dict[str, Any]:
    """A case.accept op as a window writes it (the whole case with its item snapshot)."""
    case_id = str(uuid.uuid4())
    # {hall}{device}{yyyymmdd}{seq:04d}, as the device numbers them (a day of 9999 numbers at most)
    number = f"330100{device}{20261124 + (seq - 1) // 9999}{(seq - 1) % 9999 + 1:04d}"
    return {
        "op_id": str(uuid.uuid4()),
        "seq": seq,
        "op_type": "case.accept",
        "schema_version": 1,
        "actor": "wangfang",
        "payload": {
            "from_state": None,
            "notices": [number],
            "case": {
                "id": case_id,
                "case_number": number,
                "state": "accepted",
                "item_code": snapshot["code"],
                "item_version": snapshot["version"],
                "item_snapshot": snapshot,
                "service_mode": "window",
                "applicant": {
                    "kind": "person",
                    "name": f"压测{seq}",
                    "id_type": "resident_id",
                    "id_number": "11010519491231002X",
                    "phone": "13800138000",
                    "address": "示范市",
                },
                "agent": None,
                "materials": [
                    {"name": m["name"], "status": "received", "note": ""} for m in snapshot["materials"]
                ],
                "window_code": "A01",
                "device_code": device,
                "clerk": "王芳",
                "created_at": "2026-11-24T09:00:00",
                "accepted_on": "2026-11-24",
                "promised_due": "2026-12-15",
                "legal_due": "2027-02-16",
                "deadline_provisional": True,
                "completed_at": None,
                "refusal": None,
            },
        },
    }
