"""What one push batch looks up, fetched up front in a few queries instead of a few per op.

Rows are locked (``FOR UPDATE``) as they are read; ops of the batch that create a case or take a
number update these maps, so later ops of the same batch see them without a query (and without
the ORM flushing half a batch). A key mapped to None is known to be absent.
"""

from __future__ import annotations

import time
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter_app.domain.calendar import WorkingCalendar
from hall_server.cases import load_calendar
from hall_server.changes import window_departments
from hall_server.models import (
    CalendarYearRow,
    CaseRow,
    ConsultRow,
    NoticeNumberRow,
    RefreshTokenRow,
    UserRow,
)
from hall_server.queue.layout import department_names
from hall_server.rows import add_new
from hall_server.schemas import Op
from hall_server.sql_sets import among


def _case_ids(op: Op) -> set[str]:
    case = op.payload.get("case")
    if isinstance(case, dict) and isinstance(case.get("id"), str):
        return {case["id"]}
    case_id = op.payload.get("case_id")
    return {case_id} if isinstance(case_id, str) else set()


class BatchCache:
    def __init__(self, s: Session, ops: list[Op], usernames: set[str]) -> None:
        self.s = s
        self._calendar: WorkingCalendar | None = None
        self._stale: dict[tuple[int, ...], bool] = {}
        self._signed_in: dict[tuple[int, str], bool] = {}
        self._departments: dict[str, list[str]] = {}
        self._department_names: dict[str, str] | None = None
        ids = set().union(*(_case_ids(op) for op in ops)) if ops else set()
        numbers = {
            str(op.payload["case"].get("case_number"))
            for op in ops
            if isinstance(op.payload.get("case"), dict) and op.payload["case"].get("case_number")
        }
        consult_numbers = {str(op.payload.get("number")) for op in ops if op.op_type == "consult.record"}
        self.cases: dict[str, CaseRow | None] = dict.fromkeys(ids)
        if ids:
            # locked in one order (by id) as everyone locking several cases does: no deadlock
            locking = select(CaseRow).where(among(s, CaseRow.id, ids)).order_by(CaseRow.id).with_for_update()
            for row in s.scalars(locking):
                self.cases[row.id] = row
        self.numbers: dict[str, str | None] = dict.fromkeys(numbers)
        if numbers:
            taken = select(CaseRow.case_number, CaseRow.id).where(among(s, CaseRow.case_number, numbers))
            for number, case_id in s.execute(taken):
                self.numbers[str(number)] = case_id
        self.consults: dict[str, str | None] = dict.fromkeys(consult_numbers)
        if consult_numbers:
            used = select(ConsultRow.number, ConsultRow.id).where(
                among(s, ConsultRow.number, consult_numbers)
            )
            for number, consult_id in s.execute(used):
                self.consults[number] = consult_id
        issued = {
            str(n)
            for op in ops
            for n in (op.payload.get("notices") or [])
            if isinstance(op.payload.get("case"), dict) and n != op.payload["case"].get("case_number")
        }
        self.notices: dict[str, str | None] = dict.fromkeys(issued)
        if issued:
            found = select(NoticeNumberRow.number, NoticeNumberRow.case_id)
            for number, case_id in s.execute(found.where(among(s, NoticeNumberRow.number, issued))):
                self.notices[number] = case_id
        self.users: dict[str, UserRow | None] = dict.fromkeys(usernames)
        if usernames:
            for user in s.scalars(select(UserRow).where(among(s, UserRow.username, usernames))):
                self.users[user.username] = user

    def case(self, case_id: str) -> CaseRow | None:
        if case_id not in self.cases:
            self.cases[case_id] = self.s.get(CaseRow, case_id, with_for_update=True)
        return self.cases[case_id]

    def add_case(self, row: CaseRow) -> None:
        add_new(self.s, row)
        self.cases[row.id] = row

    def number_owner(self, number: str) -> str | None:
        if number not in self.numbers:
            self.numbers[number] = self.s.scalar(select(CaseRow.id).where(CaseRow.case_number == number))
        return self.numbers[number]

    def consult_owner(self, number: str) -> str | None:
        if number not in self.consults:
            self.consults[number] = self.s.scalar(select(ConsultRow.id).where(ConsultRow.number == number))
        return self.consults[number]

    def taken_numbers(self) -> list[str]:
        return [n for n, owner in self.numbers.items() if owner is not None]

    def taken_consults(self) -> list[str]:
        return [n for n, owner in self.consults.items() if owner is not None]

    def notice_owner(self, number: str) -> str | None:
        """The case that issued notice *number*, in this batch or before."""
        if number not in self.notices:
            row = self.s.get(NoticeNumberRow, number)
            self.notices[number] = row.case_id if row is not None else None
        return self.notices[number]

    def add_notice_number(self, row: NoticeNumberRow) -> None:
        self.s.add(row)
        self.notices[row.number] = row.case_id

    def user(self, name: str) -> UserRow | None:
        if name not in self.users:
            self.users[name] = self.s.scalar(select(UserRow).where(UserRow.username == name))
        return self.users[name]

    def signed_in_here(self, user_id: int, device_id: str) -> bool:
        """Did the server ever sign this user in on this device (issue it a session there)?"""
        key = (user_id, device_id)
        if key not in self._signed_in:
            issued = select(RefreshTokenRow.token_hash).where(
                RefreshTokenRow.user_id == user_id, RefreshTokenRow.device_id == device_id
            )
            self._signed_in[key] = self.s.scalar(issued.limit(1)) is not None
        return self._signed_in[key]

    def departments(self, window_code: str) -> list[str]:
        """The departments a window serves, read in this transaction."""
        if window_code not in self._departments:
            self._departments[window_code] = window_departments(self.s, window_code)
        return self._departments[window_code]

    def department_names(self) -> dict[str, str]:
        """Department code → name from the catalogue, read once per batch (joint parts keep them)."""
        if self._department_names is None:
            self._department_names = department_names(self.s)
        return self._department_names

    def calendar_is_stale(self, start: date | None, end: date | None) -> bool:
        """Has a year this cached calendar lacks between *start* and *end* been imported since?"""
        if start is None or end is None:
            return False
        missing = tuple(y for y in range(start.year, end.year + 1) if not self.calendar().knows(y))
        if not missing:
            return False
        if missing not in self._stale:  # asked once per batch
            found = select(CalendarYearRow.year).where(CalendarYearRow.year.in_(missing)).limit(1)
            self._stale[missing] = self.s.scalar(found) is not None
        return self._stale[missing]

    def calendar(self, fresh: bool = False) -> WorkingCalendar:
        """The server's calendar, shared by the requests of this process for a few seconds.

        A deadline that comes out provisional is computed again on a freshly read calendar
        (``fresh``), so a year imported a moment ago is never missed where it matters."""
        if fresh:
            self._calendar = _CALENDAR.load(self.s, force=True)
            self._stale.clear()
        elif self._calendar is None:
            self._calendar = _CALENDAR.load(self.s)
        return self._calendar


class _CalendarCache:
    TTL = 5.0

    def __init__(self) -> None:
        self.loaded_at = 0.0
        self.calendar: WorkingCalendar | None = None

    def load(self, s: Session, force: bool = False) -> WorkingCalendar:
        now = time.monotonic()
        if force or self.calendar is None or now - self.loaded_at > self.TTL:
            self.calendar, self.loaded_at = load_calendar(s), now
        return self.calendar


_CALENDAR = _CalendarCache()
