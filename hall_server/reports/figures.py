"""The hall's daily and monthly figures (日报 / 月报) per window, department, clerk or item.

Every figure is a database aggregate: one GROUP BY per family (tickets, consults, case events,
acceptances, ratings), grouped by the report's key and, for cases, the item code, so a month of
a busy hall (some 20,000 tickets a day) is never loaded row by row. Each family compares its
own time column with the bounds of its own base (``periods``: tickets and visits in hall-local
time, case events and consults in UTC, acceptances by the hall date ``accepted_on``).

What each figure counts:

- ``tickets``: tickets served (status ``done``) of the period's hall days; ``average_wait_seconds``
  from issue to the first call (walk-ins, who never waited, left out), ``average_service_seconds``
  from start to finish;
- ``consults``: consults (咨询登记) recorded in the period;
- ``received``: applications received (收件): cases first recorded in the period, whatever the
  outcome (accepted, instant, notified or refused);
- ``accepted``: cases accepted (受理) on a hall day of the period (``accepted_on``, the window's
  date), instant cases included; ``instant`` of them are instant items (即办件: the catalogue's
  ``item_class`` is ``instant``) and ``fee_cases`` of them are items that charge a fee (the
  catalogue lists fees);
- ``notified``: one-time notices (一次性告知) issued, a second notice to the same case included;
- ``refused``: 不予受理; ``completed``: cases that became completed (办结) in the period;
  ``completed_on_time``: of those, completed on or before their promised date (instant
  completions and cases without a promised date count as on time);
- ``ratings``: visits rated (好差评) that started in the period; ``satisfaction_rate``: the share
  rated 1 to 3 (非常满意, 满意, 基本满意) of all rated; ``instant_share``: instant / accepted.

Grouping: window = the case's, ticket's, visit's or consult's window code; department = the
case's department (a consult's through its item); clerk = the user who acted (case event actor,
ticket's clerk, visit's clerk, consult's recording user); item = the case's or consult's item.
Tickets and ratings have no department or item: one applicant may do several departments'
items in one visit, so spreading a ticket over them would count it twice. Reports grouped by
department or item leave those columns out (and say so in the notes).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import date, datetime
from typing import Any, Literal

from sqlalchemy import and_, case, extract, func, or_, select
from sqlalchemy.orm import Session

from hall_server.db import ServerDatabase
from hall_server.models import (
    AuditRow,
    CaseEventRow,
    CaseRow,
    CatalogueItemRow,
    ConsultRow,
    UserRow,
)
from hall_server.queue.layout import department_names, hall_name, window_names
from hall_server.queue.models import TicketRow, VisitRow
from hall_server.queue.tickets import hall_now
from hall_server.reports.periods import Period, Span, local_date, span

Grouping = Literal["window", "department", "clerk", "item"]
GROUPINGS: tuple[Grouping, ...] = ("window", "department", "clerk", "item")
COLUMNS = (
    "tickets",
    "average_wait_seconds",
    "average_service_seconds",
    "consults",
    "received",
    "accepted",
    "notified",
    "refused",
    "completed",
    "completed_on_time",
    "completed_ahead",
    "completed_overdue",
    "average_days_promised",
    "average_days_used",
    "instant",
    "instant_share",
    "fee_cases",
    "fees_charged_fen",
    "ratings",
    "satisfaction_rate",
)
VISIT_COLUMNS = frozenset(
    {"tickets", "average_wait_seconds", "average_service_seconds", "ratings", "satisfaction_rate"}
)
STATE_ACTIONS = (
    "case.accept",
    "case.complete_instant",
    "case.notify",
    "case.refuse",
    "case.transition",
    "case.complete",  # 办结 after acceptance (domain/case_steps.py)
)
INTAKE_ACTIONS = STATE_ACTIONS[:4]
ACCEPT_ACTIONS = ("case.accept", "case.complete_instant")
SATISFIED = 3  # 1 非常满意, 2 满意, 3 基本满意

NOTE_FEES = "收费件数为所受理的收费事项件数；实收金额为本期办结时登记的收费金额。"
NOTE_TIME = (
    "取号与评价按大厅当地时间统计；收件、告知、不予受理、办结按服务器收到窗口记录的时间统计；"
    "受理按窗口的受理日期统计。"
)
NOTE_RATE = "满意率 = 评价为非常满意、满意、基本满意的次数 ÷ 评价总次数。"
NOTE_ON_TIME = (
    "按时办结：办结日期不晚于承诺办结日期（含提前办结）；即办件及无承诺日期的办件视为按时。"
    "实际时限按工作日计，补正、特别程序期间不计。"
)
NOTE_NO_VISITS = "按部门、事项统计时不含取号、等候、办理时长与评价：一位办事群众一次可办多个部门的事项。"
NOTE_EMPTY_KEY = "“（未指定）”为未选事项的咨询或无法归属的记录。"


@dataclass
class Tally:
    """One row's counts and sums, added up for the total (averages from sums, never averaged)."""

    tickets: int = 0
    wait_sum: float = 0.0
    waits: int = 0
    service_sum: float = 0.0
    services: int = 0
    consults: int = 0
    received: int = 0
    accepted: int = 0
    notified: int = 0
    refused: int = 0
    completed: int = 0
    completed_on_time: int = 0
    instant: int = 0
    fee_cases: int = 0
    completed_ahead: int = 0
    completed_overdue: int = 0
    days_promised_sum: int = 0
    days_used_sum: int = 0
    days_counted: int = 0
    fees_charged_fen: int = 0
    ratings: int = 0
    satisfied: int = 0

    def add(self, other: Tally) -> None:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))

    def figures(self, columns: Iterable[str]) -> dict[str, Any]:
        derived: dict[str, Any] = {
            "average_wait_seconds": round(self.wait_sum / self.waits) if self.waits else None,
            "average_service_seconds": round(self.service_sum / self.services) if self.services else None,
            "instant_share": round(self.instant / self.accepted, 4) if self.accepted else None,
            "satisfaction_rate": round(self.satisfied / self.ratings, 4) if self.ratings else None,
            "average_days_promised": (
                round(self.days_promised_sum / self.days_counted, 1) if self.days_counted else None
            ),
            "average_days_used": round(self.days_used_sum / self.days_counted, 1)
            if self.days_counted
            else None,
        }
        return {c: derived[c] if c in derived else getattr(self, c) for c in columns}


@dataclass(frozen=True)
class Item:
    name: str
    department: str
    instant: bool
    charges_fee: bool


def _seconds(a: Any, b: Any) -> Any:
    return extract("epoch", b) - extract("epoch", a)


def _int(value: Any) -> int:
    return int(value or 0)


def _catalogue(s: Session) -> dict[str, Item]:
    """Item code → what the reports need; the current version wins, else the newest."""
    items: dict[str, tuple[tuple[bool, int], Item]] = {}
    for code, version, current, data in s.execute(
        select(
            CatalogueItemRow.code,
            CatalogueItemRow.version,
            CatalogueItemRow.is_current,
            CatalogueItemRow.data,
        )
    ):
        rank = (bool(current), int(version))
        if code not in items or rank > items[code][0]:
            items[code] = (
                rank,
                Item(
                    str(data.get("name", code)),
                    str(data.get("department", "")),
                    data.get("item_class") == "instant",
                    bool(data.get("fees")),
                ),
            )
    return {code: item for code, (_rank, item) in items.items()}


class Figures:
    """The period's tallies per key, filled one family at a time."""

    def __init__(self, s: Session, sp: Span, by: Grouping, postgres: bool) -> None:
        self.s, self.sp, self.by, self.postgres = s, sp, by, postgres
        self.items = _catalogue(s)
        self.rows: dict[str, Tally] = {}

    def tally(self, key: str | None) -> Tally:
        return self.rows.setdefault(key or "", Tally())

    def _item_key(self, item_code: str | None) -> str:
        """A case's or consult's item as the grouping sees it (department through the item)."""
        if self.by == "department":
            item = self.items.get(item_code or "")
            return item.department if item else ""
        return item_code or ""

    def tickets(self) -> None:
        key = TicketRow.window_code if self.by == "window" else TicketRow.clerk
        waited = and_(TicketRow.kind != "walk_in", TicketRow.first_called_at.is_not(None))
        served = and_(TicketRow.started_at.is_not(None), TicketRow.finished_at.is_not(None))
        rows = self.s.execute(
            select(
                key,
                func.count(),
                func.sum(case((waited, _seconds(TicketRow.issued_at, TicketRow.first_called_at)))),
                func.count(case((waited, 1))),
                func.sum(case((served, _seconds(TicketRow.started_at, TicketRow.finished_at)))),
                func.count(case((served, 1))),
            )
            .where(TicketRow.day >= self.sp.start, TicketRow.day < self.sp.end, TicketRow.status == "done")
            .group_by(key)
        )
        for k, n, wait_sum, waits, service_sum, services in rows:
            t = self.tally(k)
            t.tickets += _int(n)
            t.wait_sum += float(wait_sum or 0)
            t.waits += _int(waits)
            t.service_sum += float(service_sum or 0)
            t.services += _int(services)

    def ratings(self) -> None:
        key = VisitRow.window_code if self.by == "window" else VisitRow.clerk
        rows = self.s.execute(
            select(key, func.count(), func.count(case((VisitRow.rating <= SATISFIED, 1))))
            .where(
                VisitRow.started_at >= self.sp.local_start,
                VisitRow.started_at < self.sp.local_end,
                VisitRow.rating.is_not(None),
            )
            .group_by(key)
        )
        for k, n, satisfied in rows:
            t = self.tally(k)
            t.ratings += _int(n)
            t.satisfied += _int(satisfied)

    def consults(self) -> None:
        outer: Any = None
        if self.by == "window":
            key: Any = ConsultRow.data["window_code"].as_string()
        elif self.by == "clerk":  # the user who recorded it, as the op's audit row says
            key = AuditRow.actor
            outer = and_(AuditRow.object_id == ConsultRow.id, AuditRow.action == "consult.record")
        else:
            key = ConsultRow.data["item_code"].as_string()
        query = select(key, func.count()).select_from(ConsultRow)
        if outer is not None:
            query = query.outerjoin(AuditRow, outer)
        query = query.where(
            ConsultRow.created_at >= self.sp.utc_start, ConsultRow.created_at < self.sp.utc_end
        ).group_by(key)
        for k, n in self.s.execute(query):
            self.tally(self._item_key(k) if self.by == "department" else k).consults += _int(n)

    def _case_key(self) -> Any:
        return {
            "window": CaseRow.window_code,
            "department": CaseRow.department,
            "clerk": CaseEventRow.actor,
            "item": CaseRow.item_code,
        }[self.by]

    def case_events(self) -> None:
        key = self._case_key()
        changed = CaseEventRow.action.in_(STATE_ACTIONS)
        completed = and_(changed, CaseEventRow.to_state == "completed")
        # a 办结 step was judged by the server on the step's date; older records by when they arrived
        on_time = and_(
            completed,
            or_(
                CaseRow.timeliness.in_(("ahead", "on_time")),
                and_(
                    CaseRow.timeliness.is_(None),
                    or_(
                        CaseEventRow.action == "case.complete_instant",
                        CaseRow.promised_due.is_(None),
                        local_date(CaseEventRow.at, self.sp.offset_seconds, self.postgres)
                        <= CaseRow.promised_due,
                    ),
                ),
            ),
        )
        rows = self.s.execute(
            select(
                key,
                func.count(
                    case(
                        (and_(CaseEventRow.action.in_(INTAKE_ACTIONS), CaseEventRow.from_state.is_(None)), 1)
                    )
                ),
                func.count(case((and_(changed, CaseEventRow.to_state == "notified"), 1))),
                func.count(case((and_(changed, CaseEventRow.to_state == "refused"), 1))),
                func.count(case((completed, 1))),
                func.count(case((on_time, 1))),
            )
            .join(CaseRow, CaseRow.id == CaseEventRow.case_id)
            .where(CaseEventRow.at >= self.sp.utc_start, CaseEventRow.at < self.sp.utc_end, changed)
            .group_by(key)
        )
        for k, received, notified, refused, done, in_time in rows:
            t = self.tally(k)
            t.received += _int(received)
            t.notified += _int(notified)
            t.refused += _int(refused)
            t.completed += _int(done)
            t.completed_on_time += _int(in_time)

    def completions(self) -> None:
        """The period's 办结 steps: how each kept its promise, its working days and its fee."""
        key = self._case_key()
        counted = CaseRow.days_used.is_not(None)
        rows = self.s.execute(
            select(
                key,
                func.count(case((CaseRow.timeliness == "ahead", 1))),
                func.count(case((CaseRow.timeliness == "overdue", 1))),
                func.coalesce(func.sum(case((counted, CaseRow.days_promised))), 0),
                func.coalesce(func.sum(CaseRow.days_used), 0),
                func.count(case((counted, 1))),
                func.coalesce(func.sum(CaseRow.fee_fen), 0),
            )
            .select_from(CaseEventRow)
            .join(CaseRow, CaseRow.id == CaseEventRow.case_id)
            .where(
                CaseEventRow.at >= self.sp.utc_start,
                CaseEventRow.at < self.sp.utc_end,
                CaseEventRow.action == "case.complete",
            )
            .group_by(key)
        )
        for k, ahead, late, promised, used, n, fen in rows:
            t = self.tally(k)
            t.completed_ahead += _int(ahead)
            t.completed_overdue += _int(late)
            t.days_promised_sum += _int(promised)
            t.days_used_sum += _int(used)
            t.days_counted += _int(n)
            t.fees_charged_fen += _int(fen)

    def acceptances(self) -> None:
        key = self._case_key()
        rows = self.s.execute(
            select(key, CaseRow.item_code, func.count())
            .join(
                CaseEventRow,
                and_(CaseEventRow.case_id == CaseRow.id, CaseEventRow.action.in_(ACCEPT_ACTIONS)),
            )
            .where(CaseRow.accepted_on >= self.sp.start, CaseRow.accepted_on < self.sp.end)
            .group_by(key, CaseRow.item_code)
        )
        for k, item_code, n in rows:
            t, item = self.tally(k), self.items.get(item_code)
            t.accepted += _int(n)
            if item is not None and item.instant:
                t.instant += _int(n)
            if item is not None and item.charges_fee:
                t.fee_cases += _int(n)

    def names(self) -> dict[str, str]:
        if self.by == "window":
            return window_names(self.s)
        if self.by == "department":
            return department_names(self.s)
        if self.by == "item":
            return {code: item.name for code, item in self.items.items()}
        return {u: n for u, n in self.s.execute(select(UserRow.username, UserRow.display_name))}


def report(db: ServerDatabase, period: Period, start: date, by: Grouping, tz: str) -> dict[str, Any]:
    """The period's figures per *by* key and in total, all read in one transaction."""
    sp = span(period, start, tz)
    columns = [c for c in COLUMNS if by in ("window", "clerk") or c not in VISIT_COLUMNS]
    notes = [("time", NOTE_TIME), ("fees", NOTE_FEES), ("on_time", NOTE_ON_TIME)]
    with db.sessions() as s, s.begin():
        if db.is_postgres:  # every figure from the same moment
            s.connection(execution_options={"isolation_level": "REPEATABLE READ"})
        figures = Figures(s, sp, by, db.is_postgres)
        if by in ("window", "clerk"):
            figures.tickets()
            figures.ratings()
            notes.insert(2, ("rate", NOTE_RATE))
        else:
            notes.append(("no_visits", NOTE_NO_VISITS))
        figures.consults()
        figures.case_events()
        figures.completions()
        figures.acceptances()
        names, hall = figures.names(), hall_name(s)
    total = Tally()
    rows = []
    for key in sorted(figures.rows, key=lambda k: (k == "", k)):
        tally = figures.rows[key]
        total.add(tally)
        name = names.get(key, key) if key else "（未指定）"
        rows.append({"key": key, "name": name, **tally.figures(columns)})
    if "" in figures.rows:
        notes.append(("empty_key", NOTE_EMPTY_KEY))
    generated: datetime = hall_now(tz)
    return {
        "period": period,
        "start": sp.start.isoformat(),
        "end": sp.last_day.isoformat(),
        "by": by,
        "generated_at": generated.isoformat(),
        "hall_name": hall,
        "columns": columns,
        "rows": rows,
        "total": {"key": "", "name": "合计", **total.figures(columns)},
        "notes": [text for _key, text in notes],
        "note_keys": [key for key, _text in notes],  # a client says them in its interface language
    }
