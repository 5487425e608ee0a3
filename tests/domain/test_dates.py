from datetime import date, datetime

from counter_app.domain.dates import as_date, written_date


def test_a_date_is_written_the_chinese_way_without_leading_zeros() -> None:
    assert written_date(date(2027, 1, 5)) == "2027年1月5日"
    assert written_date("2027-10-08") == "2027年10月8日"


def test_a_provisional_date_always_carries_its_mark() -> None:
    assert written_date("2027-01-05", provisional=True) == "2027年1月5日（暂定）"
    assert written_date(date(2027, 1, 5), provisional=True, english=True) == "2027-01-05 (provisional)"
    assert written_date(date(2027, 1, 5), english=True) == "2027-01-05"


def test_missing_dates_are_blank_and_datetimes_are_their_day() -> None:
    assert written_date(None) == "" and written_date("") == ""
    assert as_date(datetime(2027, 3, 1, 23, 59)) == date(2027, 3, 1)
    assert as_date("2027-03-01T08:00:00+08:00") == date(2027, 3, 1)
