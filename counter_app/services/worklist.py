"""The worklist (待办): the open cases of the departments this window serves, each with its
clock read for today: working days left, stopped clocks as such, and 预警 / 超期 flags."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from counter_app.domain.calendar import WorkingCalendar
from counter_app.domain.case import CaseState
from counter_app.domain.case_clock import days_left_at_stop
from counter_app.domain.case_steps import clock_of
from counter_app.domain.identity import normalise_id
from counter_app.domain.records import OpenCase
from counter_app.services.context import AppContext
from counter_app.store.worklist_reads import open_cases

RUNNING = frozenset({CaseState.ACCEPTED, CaseState.UNDER_REVIEW, CaseState.DECIDED})


class Urgency(StrEnum):
    OVERDUE = "overdue"  # 超期
    WARNING = "warning"  # 预警
    NORMAL = "normal"
    STOPPED = "stopped"  # 补正 / 特别程序: the clock does not run
    DONE = "done"  # 办结, the result waits to be collected


@dataclass(frozen=True)
class WorkRow:
    case: OpenCase
    days_left: int | None  # working days to the promised date (negative: overdue); at the stop
    urgency: Urgency
    provisional: bool = False  # the promised date crosses a year whose holidays are not known


@dataclass(frozen=True)
class WorkFilter:
    text: str = ""
    state: CaseState | None = None
    item_code: str = ""
    due_soon: bool = False  # 预警 only
    overdue: bool = False
    mine: bool = False


@dataclass(frozen=True)
class WorklistView:
    rows: list[WorkRow]  # the filtered rows: overdue first, then the fewest days left
    total: int  # counts of the whole worklist, for the tab's title
    warning: int
    overdue: int
    items: list[tuple[str, str]]  # (code, name) of the items in the list, for the filter


_ORDER = {Urgency.OVERDUE: 0, Urgency.WARNING: 1, Urgency.NORMAL: 2, Urgency.STOPPED: 3, Urgency.DONE: 4}


def read_row(
    calendar: WorkingCalendar, case: OpenCase, today: date, warn: int, memo: dict[date, int]
) -> WorkRow:
    """The case's clock today; *memo* keeps each due date's count (a department's cases share few)."""
    if case.state in RUNNING and case.promised_due is not None:
        due = case.promised_due
        if due not in memo:
            memo[due] = calendar.working_days_between(today, due)
        left = memo[due]
        urgency = Urgency.OVERDUE if left < 0 else Urgency.WARNING if left <= warn else Urgency.NORMAL
        start = case.accepted_on or due
        unknown = any(not calendar.knows(y) for y in range(min(start, today).year, max(due, today).year + 1))
        return WorkRow(case, left, urgency, unknown)
    if case.state in (CaseState.CORRECTION, CaseState.SUSPENDED) and case.accepted_on and case.lifecycle:
        clock = clock_of(case.accepted_on, case.item_snapshot_limits[0], case.lifecycle)
        return WorkRow(case, days_left_at_stop(calendar, clock), Urgency.STOPPED)
    return WorkRow(case, None, Urgency.STOPPED if case.state is not CaseState.COMPLETED else Urgency.DONE)


def _matches(row: WorkRow, flt: WorkFilter, clerk: str) -> bool:
    c = row.case
    if flt.state is not None and c.state is not flt.state:
        return False
    if flt.item_code and c.item_code != flt.item_code:
        return False
    if flt.due_soon and row.urgency is not Urgency.WARNING:
        return False
    if flt.overdue and row.urgency is not Urgency.OVERDUE:
        return False
    if flt.mine and c.clerk != clerk:
        return False
    text = flt.text.strip()
    if text:
        wanted = normalise_id(text)
        return (
            wanted in normalise_id(c.case_number or "")
            or wanted in c.applicant_id_number
            or text in c.applicant_name
        )
    return True


class Worklist:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    def departments(self) -> list[str]:
        return list(self.ctx.settings.departments_served or self.ctx.window().departments)

    def load(self, flt: WorkFilter | None = None) -> WorklistView:
        flt = flt or WorkFilter()
        today = self.ctx.clock().date()
        warn = int(self.ctx.settings["warning_working_days"])
        memo: dict[date, int] = {}
        rows = [
            read_row(self.ctx.calendar, c, today, warn, memo)
            for c in open_cases(self.ctx.db, self.departments())
        ]
        clerk = self.ctx.actor.clerk
        shown = sorted(
            (r for r in rows if _matches(r, flt, clerk)),
            key=lambda r: (
                _ORDER[r.urgency],
                r.days_left if r.days_left is not None else 0,
                r.case.case_number or "",
            ),
        )
        items = sorted({(r.case.item_code, r.case.item_name) for r in rows}, key=lambda i: i[1])
        return WorklistView(
            shown,
            len(rows),
            sum(r.urgency is Urgency.WARNING for r in rows),
            sum(r.urgency is Urgency.OVERDUE for r in rows),
            items,
        )
