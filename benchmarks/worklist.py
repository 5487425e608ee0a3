"""The worklist of a department with 50,000 open cases, and a step after acceptance (a 补正 with
its notice PDF), each beside its floor measured in the same run:

- worklist: ``Worklist.load()`` (counts of the whole list, the first page in order with each
  clock read, the item filter's choices) vs the same three statements with raw sqlite3 through
  the same partial index, and, for scale, every open row read raw;
- step: ``CaseWork.take`` (transaction + audit + outbox + notice) and the notice's PDF vs a 3-row
  WAL/FULL transaction plus a bare reportlab page with the same font and a Code128.

.venv/bin/python -m benchmarks.worklist [OPEN_CASES]      (default 50000)
"""

from __future__ import annotations

import sqlite3
import sys
import tempfile
import time
import uuid
from datetime import timedelta
from pathlib import Path

from benchmarks.common import percentile, summary
from benchmarks.floors import transaction_and_page
from counter_app.domain.case_clock import warn_before
from counter_app.domain.case_steps import Step
from counter_app.services.casework import CaseWork
from counter_app.services.context import DB_FILE, AppContext, open_context
from counter_app.services.demo import DEMO_SETTINGS, all_received, person, seed_demo
from counter_app.services.intake import ApplicationDraft, IntakeService
from counter_app.services.notices import NoticeService
from counter_app.services.worklist import Worklist

STATES = ["accepted", "under_review", "under_review", "decided", "correction", "completed"]


def fill(ctx: AppContext, count: int) -> None:
    """*count* open cases of the 公安 department, copied from one real acceptance, due over 60 days."""
    item = next(i for i in ctx.catalogue.items if i.name == "居民身份证换领")
    draft = ApplicationDraft(
        item, person("李建国", "33010619800101201"), None, ctx_mode(), all_received(item)
    )
    model = IntakeService(ctx).accept(draft).case
    db = sqlite3.connect(ctx.data_dir / DB_FILE)
    columns = [r[1] for r in db.execute("PRAGMA table_info(cases)")]
    row = db.execute(f"SELECT {', '.join(columns)} FROM cases WHERE id = ?", (model.id,)).fetchone()
    base = dict(zip(columns, row, strict=True))
    rows = []
    for n in range(count):
        copy = dict(base)
        copy["id"] = str(uuid.uuid4())
        copy["case_number"] = f"{base['case_number'][:-4]}{n:09d}"
        copy["state"] = STATES[n % len(STATES)]
        copy["applicant_name"] = f"申请人{n}"
        due = model.accepted_on + timedelta(days=n % 60 - 20) if model.accepted_on else None
        copy["promised_due"] = due.isoformat() if due else None
        if copy["state"] == "correction":
            copy["lifecycle"] = (
                f'{{"stops": [{{"kind": "correction", "started_on": "{model.accepted_on}", "ended_on": null}}]}}'
            )
        if copy["state"] == "completed":
            copy["lifecycle"] = '{"completion": {"result": "准予"}}'
        rows.append(tuple(copy[c] for c in columns))
    db.executemany(f"INSERT INTO cases ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})", rows)
    db.commit()
    db.close()


def ctx_mode():  # type: ignore[no-untyped-def]
    from counter_app.domain.case import ServiceMode

    return ServiceMode.WINDOW


OPEN = (
    "state IN ('accepted', 'under_review', 'correction', 'suspended', 'decided') "
    "OR (state = 'completed' AND json_extract(lifecycle, '$.completion') IS NOT NULL)"
)
COLUMNS = (
    "id, case_number, state, item_code, item_name, department, applicant_name, "
    "applicant_id_number, clerk, accepted_on, promised_due, deadline_provisional"
)
RUNNING = "state IN ('accepted', 'under_review', 'decided')"


def floor_worklist(path: Path, departments: list[str], today: str, soon: str) -> tuple[float, float]:
    """(the same counts, first page and item list, raw; every open row, raw) in ms."""
    db = sqlite3.connect(path)
    where = f"department IN ({', '.join('?' * len(departments))}) AND ({OPEN})"
    t0 = time.perf_counter()
    db.execute(
        f"SELECT count(*), sum({RUNNING} AND promised_due >= ? AND promised_due < ?), "
        f"sum({RUNNING} AND promised_due < ?) FROM cases WHERE {where}",
        (today, soon, today, *departments),
    ).fetchone()
    db.execute(
        f"SELECT {COLUMNS} FROM cases WHERE {where} ORDER BY CASE WHEN {RUNNING} THEN 0 "
        "WHEN state IN ('correction', 'suspended') THEN 1 ELSE 2 END, promised_due, case_number LIMIT 200",
        departments,
    ).fetchall()
    db.execute(
        f"SELECT DISTINCT item_code, item_name FROM cases WHERE {where} ORDER BY item_name", departments
    ).fetchall()
    same = (time.perf_counter() - t0) * 1000
    t0 = time.perf_counter()
    db.execute(f"SELECT {COLUMNS} FROM cases WHERE {where}", departments).fetchall()
    every = (time.perf_counter() - t0) * 1000
    db.close()
    return same, every


def main(count: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        ctx = open_context(Path(tmp), dict(DEMO_SETTINGS))
        seed_demo(ctx)
        fill(ctx, count)
        worklist = Worklist(ctx)
        departments = worklist.departments()
        today = ctx.clock().date()
        soon = warn_before(ctx.calendar, today, int(ctx.settings["warning_working_days"]))
        for _ in range(3):
            worklist.load()
        ours, floor, every = [], [], []
        for _ in range(30):
            t0 = time.perf_counter()
            view = worklist.load()
            ours.append((time.perf_counter() - t0) * 1000)
            same, whole = floor_worklist(
                Path(tmp) / DB_FILE, departments, today.isoformat(), soon.isoformat()
            )
            floor.append(same)
            every.append(whole)
        print(f"worklist of {view.total:,} open cases ({view.overdue:,} overdue, {view.warning:,} due soon)")
        print("  " + summary("Worklist.load (counts + first page + items)", ours))
        print("  " + summary("floor: raw sqlite3, the same three statements", floor))
        print(f"  ratio p95: {percentile(ours, 95) / percentile(floor, 95):.1f}x")
        print("  " + summary("for scale: every open row read raw", every))

        from counter_app.printing.fonts import register_fonts

        font = register_fonts()
        item = next(i for i in ctx.catalogue.items if i.name == "居民身份证换领")
        draft = ApplicationDraft(
            item, person("李建国", "33010619800101201"), None, ctx_mode(), all_received(item)
        )
        work, notices = CaseWork(ctx), NoticeService(ctx)
        cases = [IntakeService(ctx).accept(draft).case.id for _ in range(110)]
        for case_id in cases:
            work.take(case_id, Step.START_REVIEW, {})
        correction = {"materials": [{"name": "居民户口簿", "problem": "复印件不清晰"}]}
        steps, floors = [], []
        for n, case_id in enumerate(cases):
            t0 = time.perf_counter()
            done = work.take(case_id, Step.REQUEST_CORRECTION, correction)
            notices.pdf(done.notices[0], for_output=False)
            took = (time.perf_counter() - t0) * 1000
            floor_took = transaction_and_page(
                Path(tmp) / "floor.db", font, "补正通知书 经审查，申请材料需要补正。"
            )
            if n >= 10:  # warm-up
                steps.append(took)
                floors.append(floor_took)
        print("  " + summary("step (补正) + its notice PDF", steps))
        print(
            "  " + summary("floor: 3-row WAL/FULL transaction + reportlab page, same font, Code128", floors)
        )
        print(f"  ratio p95: {percentile(steps, 95) / percentile(floors, 95):.1f}x")
        ctx.close()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50_000)
