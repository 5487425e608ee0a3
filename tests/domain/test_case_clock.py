"""The case's clock: stops taken out, resumed as a fresh start, extensions, unknown years.

Expected dates are counted by hand on the State Council's 2025 arrangement (National Day: 1-8
October off, Sunday 28 September and Saturday 11 October worked), not with the code under test.
"""

from __future__ import annotations

from datetime import date

from counter_app.domain.calendar import WorkingCalendar, YearCalendar
from counter_app.domain.case_clock import (
    CaseClock,
    Stop,
    StopKind,
    Timeliness,
    days_left_at_stop,
    days_used,
    due_date,
    read,
    timeliness,
)

NATIONAL_DAY_2025 = YearCalendar(
    2025,
    frozenset(date(2025, 10, d) for d in (1, 2, 3, 6, 7, 8)),
    frozenset({date(2025, 9, 28), date(2025, 10, 11)}),
)
CAL = WorkingCalendar.from_years([NATIONAL_DAY_2025])
MONDAY = date(2025, 9, 22)


def correction(start: date, end: date | None) -> Stop:
    return Stop(StopKind.CORRECTION, start, end)


def test_without_stops_the_clock_counts_the_holidays_out_and_the_weekends_worked_in() -> None:
    found = due_date(CAL, CaseClock(MONDAY, 10))
    assert found is not None and found.due == date(2025, 10, 11)  # the 调休 Saturday is day 10
    assert not found.provisional


def test_a_stop_across_the_holiday_resumes_with_the_days_left() -> None:
    # 23 and 24 September used (2 days), stopped until Thursday 9 October: 8 days from then
    found = due_date(CAL, CaseClock(MONDAY, 10, (correction(date(2025, 9, 24), date(2025, 10, 9)),)))
    assert found is not None and found.due == date(2025, 10, 20)


def test_a_clock_resumed_on_a_sunday_starts_counting_on_monday() -> None:
    found = due_date(CAL, CaseClock(MONDAY, 10, (correction(date(2025, 9, 24), date(2025, 10, 12)),)))
    assert found is not None and found.due == date(2025, 10, 22)


def test_two_stops_each_take_their_days_out() -> None:
    stops = (
        correction(date(2025, 9, 23), date(2025, 9, 25)),  # 1 used; resumes after Thursday 25th
        Stop(StopKind.SPECIAL, date(2025, 9, 29), date(2025, 10, 13)),  # 26, 28 (调休), 29: 3 used
    )
    # 10 - 1 - 3 = 6 days after Monday 13 October: 14, 15, 16, 17, 20, 21
    found = due_date(CAL, CaseClock(MONDAY, 10, stops))
    assert found is not None and found.due == date(2025, 10, 21)


def test_a_stop_after_the_due_date_does_not_move_it() -> None:
    found = due_date(CAL, CaseClock(MONDAY, 2, (correction(date(2025, 9, 26), date(2025, 10, 9)),)))
    assert found is not None and found.due == date(2025, 9, 24)


def test_while_stopped_there_is_no_due_date_and_the_days_left_are_kept() -> None:
    clock = CaseClock(MONDAY, 10, (correction(date(2025, 9, 24), None),))
    assert due_date(CAL, clock) is None
    assert days_left_at_stop(CAL, clock) == 8
    reading = read(CAL, clock, date(2025, 10, 30))  # however long it stays stopped
    assert reading.stopped and reading.due is None and reading.days_left == 8


def test_an_extension_into_a_year_the_calendar_does_not_know_is_provisional() -> None:
    # 5 + 5 days from Monday 22 December 2025: 23-26, 29-31, then 2026 on weekends only: 1, 2, 5
    found = due_date(CAL, CaseClock(date(2025, 12, 22), 5, extension_days=5))
    assert found is not None and found.due == date(2026, 1, 5)
    assert found.missing_years == (2026,) and found.provisional


def test_the_reading_counts_days_left_and_overdue_days() -> None:
    clock = CaseClock(MONDAY, 10)
    assert read(CAL, clock, date(2025, 10, 9)).days_left == 2  # 10 and 11 October left
    assert read(CAL, clock, date(2025, 10, 14)).days_left == -2  # 13 and 14 past the 11th


def test_a_completion_is_ahead_on_time_or_overdue() -> None:
    due = date(2025, 10, 11)
    assert timeliness(date(2025, 10, 10), due) is Timeliness.AHEAD
    assert timeliness(due, due) is Timeliness.ON_TIME
    assert timeliness(date(2025, 10, 13), due) is Timeliness.OVERDUE


def test_the_days_used_leave_the_stops_and_the_holiday_out() -> None:
    stops = (
        correction(date(2025, 9, 23), date(2025, 9, 25)),  # 23rd used, 24th and 25th stopped
        Stop(StopKind.SPECIAL, date(2025, 9, 29), date(2025, 10, 13)),  # 26, 28 (调休), 29 used
    )
    clock = CaseClock(MONDAY, 10, stops)
    # then 14, 15 and 16 October: 1 + 3 + 3
    assert days_used(CAL, clock, date(2025, 10, 16)) == 7
    assert days_used(CAL, clock, date(2025, 10, 5)) == 4  # during the second stop: what was used
    assert days_used(CAL, CaseClock(MONDAY, 10), date(2025, 10, 11)) == 10  # the due date: all 10
    assert days_used(CAL, CaseClock(MONDAY, 10), MONDAY) == 0  # completed on the day of acceptance
