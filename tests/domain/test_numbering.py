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
    """Codes of one length, so only the device part can keep the numbers apart."""
    day = date(2026, 11, 23)
    a = {format_number(Series.CASE, "330100", "W01", day, n) for n in range(1, 500)}
    b = {format_number(Series.CASE, "330100", "W02", day, n) for n in range(1, 500)}
    c = {format_number(Series.CASE, "330100", "W01", date(2026, 11, 24), n) for n in range(1, 500)}
    assert len(a) == len(b) == len(c) == 499
    assert {len(n) for n in a | b | c} == {21}
    assert not a & b and not a & c


@pytest.mark.parametrize(
    ("hall", "device"), [("3301", "W01"), ("330100", "01W"), ("330100", "w01"), ("330100", "W0\n")]
)
def test_bad_codes_are_refused(hall: str, device: str) -> None:
    with pytest.raises(DomainError):
        format_number(Series.CASE, hall, device, date(2026, 11, 23), 1)


def test_sequence_bounds() -> None:
    with pytest.raises(DomainError):
        format_number(Series.CASE, "330100", "W01", date(2026, 11, 23), 10000)
