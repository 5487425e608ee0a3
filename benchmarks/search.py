"""Case search on a large local cache: p95 per kind of query, and the memory of the process.

.venv/bin/python -m benchmarks.search benchmarks/data/1m
"""

from __future__ import annotations

import random
import resource
import sys
import time
from pathlib import Path

from benchmarks.common import summary
from counter_app.services.cases import CaseService
from counter_app.services.context import open_context


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
    for kind, pick in kinds.items():
        times = []
        for _ in range(rounds // 4):
            query = pick(rng.choice(sample))
            t0 = time.perf_counter()
            found = service.search(query)
            times.append((time.perf_counter() - t0) * 1000)
            assert found, query
        everything += times
        print("  " + summary(kind, times))
    times = []
    for _ in range(rounds // 4):
        t0 = time.perf_counter()
        service.today()
        times.append((time.perf_counter() - t0) * 1000)
    everything += times
    print("  " + summary("today at this window", times))
    print(summary("all searches", everything))
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory of this process (services, no GUI): {rss:.0f} MB")
    ctx.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]))
