"""Push throughput into a hall server on PostgreSQL: case.accept ops per second.

    .venv/bin/python -m benchmarks.sync_push [devices] [ops_per_device] [postgresql|sqlite] [server processes]

Each device pushes its ops in batches of 200 (as the window does), devices in parallel threads,
against one ``hall-server serve`` process; PostgreSQL is a fresh cluster with fsync on.
"""

from __future__ import annotations

import json
import sys
import tempfile
import threading
import time
from pathlib import Path

from benchmarks.sync_common import accept_op, device_session, hall
from counter_app.services.demo import demo_catalogue_path

BATCH = 200


def main(devices: int, per_device: int, engine: str, workers: int) -> None:
    doc = json.loads(demo_catalogue_path().read_text(encoding="utf-8"))
    snapshot = next(i for i in doc["items"] if i["name"] == "居民身份证换领")
    with tempfile.TemporaryDirectory() as tmp, hall(Path(tmp), engine, workers) as (server, db_url):
        sessions = [device_session(server.url, db_url, f"P{n:03d}") for n in range(devices)]
        batches = [
            [
                [
                    accept_op(seq, f"P{n:03d}", snapshot)
                    for seq in range(b + 1, min(b + BATCH, per_device) + 1)
                ]
                for b in range(0, per_device, BATCH)
            ]
            for n in range(devices)
        ]
        errors: list[str] = []

        def push(n: int) -> None:
            s, _ = sessions[n]
            for ops in batches[n]:
                r = s.post(
                    server.url + "/api/v1/sync/push", json={"schema_version": 1, "ops": ops}, timeout=120
                )
                body = r.json()
                if r.status_code != 200 or any(x["status"] != "applied" for x in body["results"]):
                    errors.append(str(body)[:300])
                    return

        threads = [threading.Thread(target=push, args=(n,)) for n in range(devices)]
        t0 = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.perf_counter() - t0
        total = devices * per_device
        assert not errors, errors[:3]
        print(
            f"push into {engine} ({workers} server process(es)): {total} case.accept ops from {devices} devices "
            f"in {elapsed:.1f} s = {total / elapsed:,.0f} ops/s"
        )


if __name__ == "__main__":
    args = sys.argv[1:]
    main(
        int(args[0]) if args else 4,
        int(args[1]) if len(args) > 1 else 2000,
        args[2] if len(args) > 2 else "postgresql",
        int(args[3]) if len(args) > 3 else 1,
    )
