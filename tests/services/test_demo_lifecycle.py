"""The demo hall opens on real work: its worklist has cases overdue, due soon, stopped and waiting
to be collected, and its cases hold a late completion with its reason and an extension."""

from __future__ import annotations

from pathlib import Path

from counter_app.domain.case import CaseState
from counter_app.services.context import open_context
from counter_app.services.demo import DEMO_SETTINGS, seed_demo
from counter_app.services.worklist import Urgency, Worklist
from counter_app.store.models import CaseRow


def test_the_demo_worklist_shows_every_kind_of_work(tmp_path: Path) -> None:
    ctx = open_context(tmp_path, dict(DEMO_SETTINGS))
    try:
        seed_demo(ctx)
        view = Worklist(ctx).load()
        kinds = {r.urgency for r in view.rows}
        assert {Urgency.OVERDUE, Urgency.WARNING, Urgency.NORMAL, Urgency.STOPPED, Urgency.DONE} <= kinds
        assert view.overdue >= 1 and view.warning >= 1
        states = {r.case.state for r in view.rows}
        assert {CaseState.CORRECTION, CaseState.SUSPENDED, CaseState.DECIDED} <= states
        with ctx.db.reads() as s:
            lives = [row.lifecycle or {} for row in s.query(CaseRow).all()]
        completions = [life["completion"] for life in lives if "completion" in life]
        late = [c for c in completions if c["timeliness"] == "overdue"]
        assert late and all(c["overtime_reason"] for c in late)
        assert all(c["days_used"] >= 0 and c["days_promised"] >= 1 for c in completions)
        assert any(life.get("extensions") for life in lives)  # signed by a chief, offline
    finally:
        ctx.close()
