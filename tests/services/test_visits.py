"""一次办事 and 好差评 without a window: each is one transaction with its outbox op and audit row."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from counter_app.domain.messages import DomainError
from counter_app.services.context import AppContext
from counter_app.services.visits import VisitInProgress, rate_visit, record_visit
from counter_app.sync.wire import OP_TYPES
from hall_server.op_shapes import validate


def ops(ctx: AppContext) -> list[tuple[str, dict[str, object]]]:
    with ctx.db.engine.connect() as conn:
        rows = conn.exec_driver_sql("select op_type, payload from outbox order by seq").fetchall()
    return [(t, p if isinstance(p, dict) else json.loads(p)) for t, p in rows]


def test_a_visit_and_its_bad_rating_go_to_the_outbox(ctx: AppContext) -> None:
    visit = VisitInProgress("t-1", "A001", datetime(2026, 3, 2, 9, 0, 0))
    visit.add_case("c-1")
    visit.add_case("c-1")  # saved twice (notified, then accepted): listed once
    visit.add_consult("q-1")
    visit_id = record_visit(ctx, visit)
    rate_visit(ctx, visit_id, 5, ["服务态度差", "not a reason"])
    (kind, recorded), (rated_kind, rated) = ops(ctx)
    assert (kind, rated_kind) == ("visit.record", "visit.rated") and {kind, rated_kind} <= OP_TYPES
    assert recorded["id"] == visit_id and recorded["cases"] == ["c-1"] and recorded["consults"] == ["q-1"]
    assert recorded["ticket_display"] == "A001" and recorded["started_at"][:19] == "2026-03-02T09:00:00"
    assert rated == {
        "visit_id": visit_id,
        "rating": 5,
        "reasons": ["服务态度差"],
        "rated_at": rated["rated_at"],
    }
    for op_type, payload in ops(ctx):
        validate(op_type, payload)  # what the hall server accepts
    with ctx.db.engine.connect() as conn:
        audited = [a for (a,) in conn.exec_driver_sql("select action from audit_log order by id")]
    assert audited[-2:] == ["visit.record", "visit.rated"]


def test_a_bad_rating_without_a_reason_writes_nothing(ctx: AppContext) -> None:
    with pytest.raises(DomainError) as refused:
        rate_visit(ctx, "v-1", 4, [])
    assert refused.value.field == "reasons"
    with pytest.raises(DomainError):
        rate_visit(ctx, "v-1", 6, [])
    assert ops(ctx) == []
