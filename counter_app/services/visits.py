"""A visit (一次办事) at the window and the applicant's evaluation of it (好差评).

A visit runs from the moment the window calls (or starts) a ticket until the clerk finishes it; the
cases and consults recorded meanwhile belong to it. Both the visit and its rating travel to the hall
server through the outbox (``visit.record`` and ``visit.rated``), each written in one transaction.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime

from counter_app.domain.messages import QT_TRANSLATE_NOOP, DomainError
from counter_app.services.context import AppContext
from counter_app.store.unit_of_work import unit_of_work

# 1 非常满意 ... 5 非常不满意; from BAD_RATING on the applicant says why
RATINGS = (1, 2, 3, 4, 5)
BAD_RATING = 4

# the reasons an applicant may tick for a bad rating, as they travel and as supervisors read them
# (the hall's record is Chinese whatever the window's language; the evaluation screen words them)
REASONS = ("等候时间长", "服务态度差", "一次性告知不清楚", "材料要求不合理", "办理时间长", "其他")


@dataclass
class VisitInProgress:
    """The ticket being served and what was recorded for it so far."""

    ticket_id: str | None
    ticket_display: str
    started_at: datetime
    cases: list[str] = field(default_factory=list)
    consults: list[str] = field(default_factory=list)

    def add_case(self, case_id: str) -> None:
        if case_id not in self.cases:
            self.cases.append(case_id)

    def add_consult(self, consult_id: str) -> None:
        if consult_id not in self.consults:
            self.consults.append(consult_id)


def _stamp(moment: datetime) -> str:
    """This PC's time with its UTC offset: the server puts it on the hall's clock (a PC set to
    another time zone still counts its visits on the hall's day)."""
    return moment.replace(microsecond=0).astimezone().isoformat()


def record_visit(ctx: AppContext, visit: VisitInProgress, finished_at: datetime | None = None) -> str:
    """Write the finished visit and its ``visit.record`` op; returns the visit's id."""
    ctx.require_recorder()
    visit_id = str(uuid.uuid4())
    finished = finished_at or ctx.clock()
    with unit_of_work(ctx.db, ctx.actor) as uow:
        uow.audit("visit.record", "visit", visit_id, ticket=visit.ticket_display, cases=len(visit.cases))
        uow.outbox(
            "visit.record",
            {
                "id": visit_id,
                "ticket_id": visit.ticket_id,
                "ticket_display": visit.ticket_display,
                "window_code": uow.actor.window_code,
                "started_at": _stamp(visit.started_at),
                "finished_at": _stamp(finished),
                "cases": list(visit.cases),
                "consults": list(visit.consults),
            },
        )
    return visit_id


def rate_visit(ctx: AppContext, visit_id: str, rating: int, reasons: list[str]) -> None:
    """The applicant's evaluation: one ``visit.rated`` op (the server keeps the first only)."""
    ctx.require_recorder()
    if rating not in RATINGS:
        raise DomainError(QT_TRANSLATE_NOOP("messages", "Choose one of the five ratings."), "rating")
    reasons = [r for r in reasons if r in REASONS]
    if rating >= BAD_RATING and not reasons:
        raise DomainError(QT_TRANSLATE_NOOP("messages", "Tick at least one reason."), "reasons")
    if rating < BAD_RATING:
        reasons = []
    with unit_of_work(ctx.db, ctx.actor) as uow:
        uow.audit("visit.rated", "visit", visit_id, rating=rating)
        uow.outbox(
            "visit.rated",
            {
                "visit_id": visit_id,
                "rating": rating,
                "reasons": reasons,
                "rated_at": _stamp(ctx.clock()),
            },
        )
