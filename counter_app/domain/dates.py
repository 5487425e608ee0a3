"""How a date is written: the one function every screen and notice uses.

A date derived from the working-day calendar (a promised date, a statutory limit, the one-time
notice's "bring the materials by") is *provisional* when it reaches into a year whose holidays the
hall does not know yet. Wherever such a date is shown or printed it carries its mark, so a screen
and the paper in the applicant's hand never disagree.
"""

from __future__ import annotations

from datetime import date, datetime

PROVISIONAL_ZH = "（暂定）"
PROVISIONAL_EN = " (provisional)"


def as_date(day: date | str | None) -> date | None:
    """A ``date`` from a date, a datetime or an ISO string (``None`` and ``""`` stay ``None``)."""
    if day is None or day == "":
        return None
    if isinstance(day, datetime):
        return day.date()
    if isinstance(day, date):
        return day
    return date.fromisoformat(day[:10])


def written_date(day: date | str | None, *, provisional: bool = False, english: bool = False) -> str:
    """``2027年1月5日`` (``2027年1月5日（暂定）``); in English ``2027-01-05 (provisional)``."""
    d = as_date(day)
    if d is None:
        return ""
    if english:
        return d.isoformat() + (PROVISIONAL_EN if provisional else "")
    return f"{d.year}年{d.month}月{d.day}日" + (PROVISIONAL_ZH if provisional else "")
