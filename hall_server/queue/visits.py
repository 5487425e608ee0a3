"""A window's record of one applicant served (the ticket, the cases and consults recorded during
it) and the applicant's one rating (好差评), as outbox ops: they arrive exactly once, even after
a day offline."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from counter_app.sync.wire import APPLIED
from hall_server.queue.models import VisitRow
from hall_server.queue.tickets import on_hall_clock

if TYPE_CHECKING:
    from hall_server.ops import OpContext, Verdict

RATINGS = {1: "非常满意", 2: "满意", 3: "基本满意", 4: "不满意", 5: "非常不满意"}
BAD_RATINGS = (4, 5)


def _ids(payload: dict[str, Any], key: str, bad: type[Exception]) -> list[str]:
    value = payload.get(key, [])
    if (
        not isinstance(value, list)
        or len(value) > 200
        or not all(isinstance(v, str) and 0 < len(v) <= 36 for v in value)
    ):
        raise bad(f"{key}: a list of up to 200 ids expected")
    return value


def _when(
    payload: dict[str, Any], key: str, bad: type[Exception], required: bool = True, timezone: str = ""
) -> datetime | None:
    """A time sent with the PC's UTC offset, on the hall's clock (without one: the hall's already)."""
    value = payload.get(key)
    if value is None and not required:
        return None
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        raise bad(f"{key}: a date and time expected") from None
    return on_hall_clock(moment, timezone) if timezone else moment.replace(tzinfo=None)


def validate_visit(op_type: str, payload: dict[str, Any], bad: type[Exception]) -> None:
    if op_type == "visit.record":
        for key, limit in (("id", 36), ("window_code", 40)):
            if not isinstance(payload.get(key), str) or not 0 < len(payload[key]) <= limit:
                raise bad(f"{key}: text of at most {limit} characters expected")
        if payload.get("ticket_id") is not None and (
            not isinstance(payload["ticket_id"], str) or len(payload["ticket_id"]) > 36
        ):
            raise bad("ticket_id: an id or null expected")
        if (
            not isinstance(payload.get("ticket_display", ""), str)
            or len(payload.get("ticket_display", "")) > 8
        ):
            raise bad("ticket_display: at most 8 characters")
        _ids(payload, "cases", bad)
        _ids(payload, "consults", bad)
        _when(payload, "started_at", bad)
        _when(payload, "finished_at", bad, required=False)
    else:  # visit.rated
        if not isinstance(payload.get("visit_id"), str) or not 0 < len(payload["visit_id"]) <= 36:
            raise bad("visit_id: an id expected")
        rating = payload.get("rating")
        if not isinstance(rating, int) or isinstance(rating, bool) or rating not in RATINGS:
            raise bad("rating: 1 (非常满意) to 5 (非常不满意)")
        reasons = payload.get("reasons", [])
        if (
            not isinstance(reasons, list)
            or len(reasons) > 10
            or not all(isinstance(r, str) and 0 < len(r) <= 60 for r in reasons)
        ):
            raise bad("reasons: up to 10 texts of up to 60 characters")
        _when(payload, "rated_at", bad)


def _pending(c: OpContext, visit_id: str) -> VisitRow | None:
    """A visit recorded earlier in the same batch (a push flushes once, at its end)."""
    return next((o for o in c.s.new if isinstance(o, VisitRow) and o.id == visit_id), None)


def apply_visit(c: OpContext, verdict: type[Verdict], rejected: Callable[..., Verdict]) -> Verdict:
    p = c.payload
    window = c.device.window_code
    if c.op_type == "visit.record":
        if p["window_code"] != window:
            return rejected(f"this PC is enrolled at window {window}, not {p['window_code']}")
        if c.s.get(VisitRow, p["id"]) is not None or _pending(c, p["id"]) is not None:
            return rejected("this visit is already recorded: a visit is never rewritten")
        ticket_id = p.get("ticket_id")
        if ticket_id is not None:
            other = c.s.scalar(select(VisitRow.id).where(VisitRow.ticket_id == ticket_id))
            if other is not None and other != p["id"]:
                return rejected(f"ticket {p.get('ticket_display') or ticket_id} already has a visit recorded")
        row = VisitRow(id=p["id"], rating=None, reasons=[], follow_up="")
        c.s.add(row)
        row.ticket_id, row.ticket_display = ticket_id, p.get("ticket_display", "")
        row.window_code, row.clerk = p["window_code"], c.actor_name[:60]
        tz = c.db.timezone
        row.started_at = _when(p, "started_at", ValueError, timezone=tz) or datetime.min
        row.finished_at = _when(p, "finished_at", ValueError, required=False, timezone=tz)
        row.cases, row.consults = _ids(p, "cases", ValueError), _ids(p, "consults", ValueError)
        c.audit(p["id"], ticket=row.ticket_display, cases=len(row.cases), consults=len(row.consults))
        return verdict(APPLIED, result={"visit_id": row.id})
    rated = c.s.get(VisitRow, p["visit_id"], with_for_update=True) or _pending(c, p["visit_id"])
    if rated is None:
        return rejected("the visit is not known to the server")
    if rated.window_code != window:
        return rejected(f"the visit was recorded at window {rated.window_code}, not at this PC's {window}")
    if rated.rating is not None:
        return rejected("this visit has already been rated: one rating per visit")
    rated.rating, rated.reasons = int(p["rating"]), list(p.get("reasons", []))
    rated.rated_at = _when(p, "rated_at", ValueError, timezone=c.db.timezone)
    c.audit(rated.id, rating=rated.rating)
    return verdict(APPLIED, result={"visit_id": rated.id, "rating": rated.rating})
