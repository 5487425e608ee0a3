"""Finding cases, reopening a notified one, and fixing provisional deadlines."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from counter_app.domain.calendar import WorkingCalendar
from counter_app.domain.case import CaseState, MaterialCheck, MaterialStatus, Party, ServiceMode
from counter_app.domain.catalogue import ServiceItem
from counter_app.domain.catalogue_format import item_from_json
from counter_app.domain.identity import IdType, PartyKind, normalise_id
from counter_app.domain.records import Case, CaseEvent, CaseSummary, Notice
from counter_app.services.context import AppContext
from counter_app.services.deadlines import fix_provisional_dates

# the promised clock runs in these states (特别程序 stops it; the others are finished)
CLOCK_RUNNING = frozenset({CaseState.ACCEPTED, CaseState.UNDER_REVIEW, CaseState.DECIDED})
WARNING_WORKING_DAYS = 2  # 超时预警: this many working days left or fewer


@dataclass(frozen=True)
class TimeLeft:
    """Working days from today to a running case's promised date (negative: 超期 by that many)."""

    working_days: int
    provisional: bool  # the count crosses a year whose holidays the hall does not know

    @property
    def overdue(self) -> bool:
        return self.working_days < 0

    @property
    def warning(self) -> bool:
        return 0 <= self.working_days <= WARNING_WORKING_DAYS


def time_left(
    calendar: WorkingCalendar, state: CaseState, due: date | None, provisional: bool, today: date
) -> TimeLeft | None:
    """None when no promised clock runs (not accepted, finished, refused, stopped)."""
    if due is None or state not in CLOCK_RUNNING:
        return None
    years = range(min(today, due).year, max(today, due).year + 1)
    unknown = any(not calendar.knows(y) for y in years)
    return TimeLeft(calendar.working_days_between(today, due), provisional or unknown)


@dataclass(frozen=True)
class CaseDetail:
    case: Case
    notices: list[Notice]
    events: list[CaseEvent]


@dataclass(frozen=True)
class ReturningApplication:
    """A notified case reopened for the applicant who came back (补齐材料)."""

    case: Case
    item: ServiceItem
    applicant: Party
    agent: Party | None
    service_mode: ServiceMode
    checks: list[MaterialCheck]


def party_from_json(data: dict[str, object]) -> Party:
    return Party(
        kind=PartyKind(str(data["kind"])),
        name=str(data["name"]),
        id_type=IdType(str(data["id_type"])),
        id_number=str(data["id_number"]),
        phone=str(data.get("phone", "")),
        address=str(data.get("address", "")),
    )


class CaseService:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    def detail(self, case_id: str) -> CaseDetail | None:
        found = self.ctx.cases.get(case_id)
        return CaseDetail(*found) if found else None

    def time_left(self, state: CaseState, due: date | None, provisional: bool) -> TimeLeft | None:
        """Counted on this window's working-day calendar from the hall's date today."""
        return time_left(self.ctx.calendar, state, due, provisional, self.ctx.clock().date())

    def today(self) -> list[CaseSummary]:
        start_local = datetime.combine(self.ctx.clock().date(), time.min).astimezone()
        since = start_local.astimezone(UTC).replace(tzinfo=None)
        return self.ctx.cases.created_since(since, self.ctx.settings["window_code"])

    def search(self, query: str) -> list[CaseSummary]:
        return self.ctx.cases.search(query)

    def find_returning(self, query: str) -> list[CaseSummary]:
        """Notified cases by notice number, scanned barcode or ID number (spaces, lower-case x allowed)."""
        return self.ctx.cases.awaiting_materials(normalise_id(query))

    def reopen(self, case_id: str) -> ReturningApplication | None:
        detail = self.detail(case_id)
        if detail is None:
            return None
        case = detail.case
        item = item_from_json(case.item_snapshot)
        checks = []
        by_name = {m["name"]: m for m in case.materials}
        for material in item.materials:
            stored = by_name.get(material.name)
            if stored is None:
                checks.append(MaterialCheck(material, MaterialStatus.MISSING))
                continue
            status = MaterialStatus(stored["status"])
            checks.append(MaterialCheck(material, status, stored.get("note", "")))
        return ReturningApplication(
            case=case,
            item=item,
            applicant=party_from_json(case.applicant),
            agent=party_from_json(case.agent) if case.agent else None,
            service_mode=ServiceMode(case.service_mode),
            checks=checks,
        )

    def recompute_provisional(self) -> list[Case]:
        """Fix provisional dates the calendar now covers, each case with its notices (deadlines.py)."""
        return fix_provisional_dates(self.ctx)
