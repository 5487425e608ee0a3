"""The worklist (待办): the open cases of the departments this window serves, each with its
clock read for today: working days left, stopped clocks as such, and 预警 / 超期 flags."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from counter_app.domain.calendar import WorkingCalendar
from counter_app.domain.case import CaseState
from counter_app.domain.case_clock import days_left_at_stop, warn_before
from counter_app.domain.case_steps import clock_of
from counter_app.domain.identity import normalise_id
from counter_app.domain.records import OpenCase
from counter_app.services.context import AppContext
from counter_app.store.worklist_reads import RUNNING_STATES, STOPPED_STATES, Selection, counts, items, page


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
    rows: list[WorkRow]  # the first page of the filtered rows: overdue first, then soonest due
    matched: int  # how many rows the filter holds (more pages are read as the list scrolls)
    total: int  # counts of the whole worklist, for the tab's title
    warning: int
    overdue: int
    items: list[tuple[str, str]]  # (code, name) of the items in the list, for the filter


PAGE = 200


def read_row(
    calendar: WorkingCalendar, case: OpenCase, today: date, warn: int, memo: dict[date, int]
) -> WorkRow:
    """The case's clock today; *memo* keeps each due date's count (a department's cases share few)."""
    if case.state in RUNNING_STATES and case.promised_due is not None:
        due = case.promised_due
        if due not in memo:
            memo[due] = calendar.working_days_between(today, due)
        left = memo[due]
        urgency = Urgency.OVERDUE if due < today else Urgency.WARNING if left <= warn else Urgency.NORMAL
        known = calendar.knows_span(min(case.accepted_on or due, today), max(due, today))
        return WorkRow(case, left, urgency, not known)
    if case.state in STOPPED_STATES and case.accepted_on and case.lifecycle:
        clock = clock_of(case.accepted_on, case.item_snapshot_limits[0], case.lifecycle)
        return WorkRow(case, days_left_at_stop(calendar, clock), Urgency.STOPPED)
    return WorkRow(case, None, Urgency.STOPPED if case.state is not CaseState.COMPLETED else Urgency.DONE)


class Worklist:
    def __init__(self, ctx: AppContext, page_size: int = PAGE) -> None:
        self.ctx, self.page_size = ctx, page_size

    def departments(self) -> list[str]:
        return list(self.ctx.settings.departments_served or self.ctx.window().departments)

    def _today(self) -> tuple[date, int, date]:
        today = self.ctx.clock().date()
        warn = int(self.ctx.settings["warning_working_days"])
        return today, warn, warn_before(self.ctx.calendar, today, warn)

    def selection(self, flt: WorkFilter) -> Selection:
        today, _warn, soon = self._today()
        due_from, due_before = None, None
        if flt.overdue:
            due_before = today
        if flt.due_soon:  # both ticked: nothing is due soon and overdue at once
            due_from, due_before = today, (today if flt.overdue else soon)
        text = flt.text.strip()
        return Selection(
            self.departments(),
            state=flt.state,
            item_code=flt.item_code,
            due_from=due_from,
            due_before=due_before,
            clerk=self.ctx.actor.clerk if flt.mine else "",
            id_text=normalise_id(text),
            name_text=text,
        )

    def load(self, flt: WorkFilter | None = None) -> WorklistView:
        """The counts of the whole list, the filter's count and its first page."""
        flt = flt or WorkFilter()
        today, _warn, soon = self._today()
        sel = self.selection(flt)
        whole = counts(self.ctx.db, Selection(sel.departments), today, soon)
        matched = (
            whole.total if sel == Selection(sel.departments) else counts(self.ctx.db, sel, today, soon).total
        )
        return WorklistView(
            self.page(sel, 0),
            matched,
            whole.total,
            whole.warning,
            whole.overdue,
            items(self.ctx.db, sel.departments),
        )

    def page(self, sel: Selection, offset: int) -> list[WorkRow]:
        today, warn, _soon = self._today()
        memo: dict[date, int] = {}
        found = page(self.ctx.db, sel, offset, self.page_size)
        return [read_row(self.ctx.calendar, c, today, warn, memo) for c in found]
