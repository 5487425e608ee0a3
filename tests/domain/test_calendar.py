from datetime import date

import pytest

from counter_app.domain.calendar import WorkingCalendar, YearCalendar, builtin_years


@pytest.fixture
def cal() -> WorkingCalendar:
    return WorkingCalendar.from_years(builtin_years())


def test_national_day_holiday_and_tiaoxiu_weekend(cal: WorkingCalendar) -> None:
    # 2026: 10-01..10-07 off; Saturday 2026-10-10 is a 调休 working day
    assert not cal.is_working_day(date(2026, 10, 1))
    assert not cal.is_working_day(date(2026, 10, 7))
    assert cal.is_working_day(date(2026, 10, 10))
    assert date(2026, 10, 10).weekday() == 5


def test_deadline_across_tiaoxiu(cal: WorkingCalendar) -> None:
    # accepted Wednesday 2026-09-30: next working days are 10-08, 10-09, 10-10 (Saturday, 调休)
    deadline = cal.add_working_days(date(2026, 9, 30), 3)
    assert deadline.due == date(2026, 10, 10)
    assert not deadline.provisional


def test_deadline_into_a_year_without_data_is_provisional(cal: WorkingCalendar) -> None:
    assert not cal.knows(2027)
    deadline = cal.add_working_days(date(2026, 12, 20), 20)
    # weekends only: Mon 12-21 .. Thu 12-31 is 9 days, then 11 more from Fri 2027-01-01
    assert deadline.due == date(2027, 1, 15)
    assert deadline.provisional
    assert deadline.missing_years == (2027,)


def test_deadline_recomputed_when_the_year_arrives(cal: WorkingCalendar) -> None:
    cal.years[2027] = YearCalendar(2027, frozenset({date(2027, 1, 1)}), frozenset(), "imported")
    deadline = cal.add_working_days(date(2026, 12, 20), 20)
    assert deadline.due == date(2027, 1, 18)
    assert not deadline.provisional


def test_zero_days_is_due_the_same_day(cal: WorkingCalendar) -> None:
    assert cal.add_working_days(date(2026, 11, 23), 0).due == date(2026, 11, 23)


def test_negative_limit_is_refused(cal: WorkingCalendar) -> None:
    with pytest.raises(ValueError):
        cal.add_working_days(date(2026, 11, 23), -1)


def test_a_year_cannot_hold_foreign_days() -> None:
    with pytest.raises(ValueError):
        YearCalendar(2027, frozenset({date(2026, 1, 1)}), frozenset())


def test_working_days_between(cal: WorkingCalendar) -> None:
    assert cal.working_days_between(date(2026, 11, 20), date(2026, 11, 27)) == 5
    assert cal.working_days_between(date(2026, 11, 27), date(2026, 11, 20)) == -5
