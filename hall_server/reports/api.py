"""``GET /api/v1/queue/reports``: the daily and monthly figures, and ``GET /api/v1/queue/oversight``:
电子监察, the promised dates kept and broken; for supervisors (docs/queue.md)."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from fastapi import APIRouter, FastAPI, Header, Path, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, StrictBool

from counter_app.domain.case_steps import APPROVER_ROLES
from counter_app.sync.wire import API_PREFIX
from hall_server import auth
from hall_server.config import ServerConfig
from hall_server.db import ServerDatabase
from hall_server.queue.supervision import SUPERVISOR_ROLES
from hall_server.reports.figures import GROUPINGS, Grouping, report
from hall_server.reports.oversight import DecisionRefused, decide_request, oversight
from hall_server.reports.periods import PERIODS, Period

DAY = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
MONTH = re.compile(r"^[0-9]{4}-[0-9]{2}$")
# the years a report may ask for: a period's bounds are turned into UTC and the month's end is
# computed, which year 1 and year 9999 cannot do; no hall has records outside these
FIRST_YEAR, LAST_YEAR = 2000, 2999


class ExtensionDecision(BaseModel):
    model_config = ConfigDict(extra="forbid")
    approve: StrictBool
    note: str = Field("", max_length=500)


class ReportError(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code = status, code


def parse_request(period: str, day: str, by: str) -> tuple[Period, date, Grouping]:
    """The query's period, first day and grouping; a bad one is a ``ReportError`` (422)."""
    if period not in PERIODS:
        raise ReportError(422, "bad_period", "period must be day or month")
    if by not in GROUPINGS:
        raise ReportError(422, "bad_grouping", "by must be window, department, clerk or item")
    pattern, text = (DAY, day) if period == "day" else (MONTH, day + "-01")
    if not pattern.match(day):
        shape = "YYYY-MM-DD" if period == "day" else "YYYY-MM"
        raise ReportError(422, "bad_date", f"date must be {shape} for a {period} report")
    try:
        start = date.fromisoformat(text)
    except ValueError:
        raise ReportError(422, "bad_date", f"{day} is not a date") from None
    if not FIRST_YEAR <= start.year <= LAST_YEAR:
        raise ReportError(422, "bad_date", f"a report is for a year from {FIRST_YEAR} to {LAST_YEAR}")
    return period, start, by


def add_report_routes(app: FastAPI, db: ServerDatabase, cfg: ServerConfig) -> None:
    router = APIRouter(prefix=API_PREFIX + "/queue")

    @app.exception_handler(ReportError)
    async def _report_error(_r: Request, exc: ReportError) -> JSONResponse:
        return JSONResponse({"error": exc.code, "message": str(exc)}, status_code=exc.status)

    @router.get("/reports")
    def reports(
        period: str = Query("day", max_length=10),
        date: str = Query(..., max_length=10),
        by: str = Query("window", max_length=20),
        authorization: str | None = Header(None),
    ) -> dict[str, Any]:
        caller = auth.authenticate(db, authorization)
        if caller.claims.role not in SUPERVISOR_ROLES:
            raise ReportError(403, "role", "only supervisors see the hall's reports")
        chosen, start, grouping = parse_request(period, date, by)
        return report(db, chosen, start, grouping, cfg.timezone)

    @router.get("/oversight")
    def supervision(
        month: str | None = Query(None, max_length=7), authorization: str | None = Header(None)
    ) -> dict[str, Any]:
        caller = auth.authenticate(db, authorization)
        if caller.claims.role not in SUPERVISOR_ROLES:
            raise ReportError(403, "role", "only supervisors see the hall's supervision view")
        first = parse_request("month", month, "department")[1] if month is not None else None
        return oversight(db, first, cfg.timezone)

    @app.exception_handler(DecisionRefused)
    async def _refused(_r: Request, exc: DecisionRefused) -> JSONResponse:
        return JSONResponse({"error": exc.code, "message": str(exc)}, status_code=exc.status)

    @router.post("/oversight/extensions/{case_id}")
    def decide(
        body: ExtensionDecision,
        case_id: str = Path(..., max_length=36),
        authorization: str | None = Header(None),
    ) -> dict[str, Any]:
        caller = auth.authenticate(db, authorization)
        if caller.claims.role not in APPROVER_ROLES:
            raise ReportError(403, "role", "only a chief or a supervisor decides an extension")
        return decide_request(db, case_id, body.approve, body.note, caller.claims, cfg.timezone)

    app.include_router(router)
