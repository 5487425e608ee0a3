from datetime import date

import pytest

from counter_app.domain.messages import DomainError
from counter_app.domain.numbering import Series, format_number


def test_case_number_layout() -> None:
    assert format_number(Series.CASE, "330100", "W01", date(2026, 11, 23), 7) == "330100W01202611230007"
    assert format_number(Series.ONE_TIME_NOTICE, "330100", "W01", date(2026, 11, 23), 1).startswith(
        "GZ330100W01"
    )


def test_two_devices_never_share_a_number() -> None:
    a = {format_number(Series.CASE, "330100", "W1", date(2026, 11, 23), n) for n in range(1, 500)}
    b = {format_number(Series.CASE, "330100", "W11", date(2026, 11, 23), n) for n in range(1, 500)}
    assert not a & b


@pytest.mark.parametrize(
    ("hall", "device"), [("3301", "W01"), ("330100", "01W"), ("330100", "w01"), ("330100", "W0\n")]
)
def test_bad_codes_are_refused(hall: str, device: str) -> None:
    with pytest.raises(DomainError):
        format_number(Series.CASE, hall, device, date(2026, 11, 23), 1)


def test_sequence_bounds() -> None:
    with pytest.raises(DomainError):
        format_number(Series.CASE, "330100", "W01", date(2026, 11, 23), 10000)
