"""A clerk's save while the window applies a full reload (snapshot) of a department's open cases.

    .venv/bin/python -m benchmarks.snapshot_saves [OPEN_CASES]      (default 50000)

The sync thread applies a snapshot of OPEN_CASES whole cases (a page of ``SNAPSHOT_PAGE`` per
transaction) while the clerk accepts an application every 50 ms (transaction + acceptance notice,
no PDF). Beside it, in the same run: the same acceptances with nothing else going on (the floor).
Printed: both latencies (median, p95, max) and the ratio of their p95 and max; a save must never
wait more than 100 ms behind the reload.
"""

from __future__ import annotations

import copy
import json
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any

from benchmarks.common import percentile, summary
from counter_app.domain.case import ServiceMode
from counter_app.services.context import AppContext, open_context
from counter_app.services.demo import DEMO_SETTINGS, all_received, demo_catalogue_path, person, seed_demo
from counter_app.services.intake import ApplicationDraft, IntakeService

EVERY = 0.05


def snapshot(count: int) -> dict[str, Any]:
    """*count* open cases of the 公安 department as the server sends them: whole records."""
    doc = json.loads(demo_catalogue_path().read_text(encoding="utf-8"))
    item = next(i for i in doc["items"] if i["name"] == "居民身份证换领")
    base = {
        "state": "under_review",
        "item_code": item["code"],
        "item_version": item["version"],
        "item_name": item["name"],
        "department": item["department"],
        "item_snapshot": item,
        "service_mode": "window",
        "applicant": {
            "kind": "person",
            "name": "",
            "id_type": "resident_id",
            "id_number": "11010519491231002X",
        },
        "agent": None,
        "materials": [{"name": m["name"], "status": "received", "note": ""} for m in item["materials"]],
        "window_code": "B01",
        "device_code": "W07",
        "clerk": "李娜",
        "created_at": "2026-11-24T09:00:00",
        "accepted_on": "2026-11-24",
        "promised_due": "2026-12-15",
        "legal_due": "2027-02-16",
        "lifecycle": {"review_started_on": "2026-11-25"},
        "server_version": 3,
    }
    cases = []
    for n in range(count):
        case = copy.deepcopy(base)
        case["id"] = str(uuid.uuid4())
        case["case_number"] = f"330100W0720261124{n:05d}"
        case["applicant"]["name"] = f"申请人{n}"
        cases.append(case)
    return {"cursor": "0:99", "items": doc["items"], "cases": cases}


def saves(ctx: AppContext, until: threading.Event | None, count: int) -> list[float]:
    item = next(i for i in ctx.catalogue.items if i.name == "居民身份证换领")
    draft = ApplicationDraft(
        item, person("李建国", "33010619800101201"), None, ServiceMode.WINDOW, all_received(item)
    )
    intake, took = IntakeService(ctx), []
    while (until is None and len(took) < count) or (until is not None and not until.is_set()):
        t0 = time.perf_counter()
        intake.accept(draft)
        took.append((time.perf_counter() - t0) * 1000)
        time.sleep(EVERY)
    return took


def main(count: int) -> None:
    snap = snapshot(count)
    with tempfile.TemporaryDirectory() as tmp:
        ctx = open_context(Path(tmp), dict(DEMO_SETTINGS))
        seed_demo(ctx)
        saves(ctx, None, 10)  # warm
        floor = saves(ctx, None, 100)
        done = threading.Event()
        applied: list[float] = []

        def reload() -> None:
            t0 = time.perf_counter()
            ctx.sync_store.apply_snapshot(snap)
            applied.append(time.perf_counter() - t0)
            done.set()

        thread = threading.Thread(target=reload)
        thread.start()
        ours = saves(ctx, done, 0)
        thread.join()
        print(
            f"snapshot of {count:,} open cases applied in {applied[0]:.1f} s while the clerk saved {len(ours)} times"
        )
        print("  " + summary("accept during the reload", ours))
        print("  " + summary("floor: the same accepts, nothing else running", floor))
        print(
            f"  ratio p95: {percentile(ours, 95) / percentile(floor, 95):.1f}x, "
            f"max: {max(ours) / max(floor):.1f}x; worst wait behind the reload: "
            f"{max(ours) - percentile(floor, 50):.0f} ms"
        )
        ctx.close()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50_000)
