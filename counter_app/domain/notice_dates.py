"""The calendar-derived dates a notice's frozen payload prints, and how they are brought up to date.

A notice freezes what was printed so a reprint (补打) is the same document. Its dates are the one
exception: a date computed over a year whose holidays were not yet published is printed 暂定, and
when the calendar arrives (imported here or pulled from the hall) the case and its notices get the
final date together, in one transaction, so a reprint never contradicts the case record.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from counter_app.domain.records import NoticeKind

# the notices that print the case's promised and legal due dates
DEADLINE_KINDS = frozenset(
    {
        NoticeKind.ACCEPTANCE,
        NoticeKind.PROCESSING,
        NoticeKind.JOINT_ACCEPTANCE,
        NoticeKind.JOINT_PROCESSING,
    }
)


def redated(
    payload: dict[str, Any], promised_due: date, legal_due: date, provisional: bool
) -> dict[str, Any]:
    """The payload with the case's current deadlines (a new dict: the JSON column is rewritten)."""
    missing = list(payload.get("missing_years") or []) if provisional else []
    return {
        **payload,
        "promised_due": promised_due.isoformat(),
        "legal_due": legal_due.isoformat(),
        "provisional": provisional,
        "promised_provisional": provisional and bool(payload.get("promised_provisional", True)),
        "promised_missing_years": list(payload.get("promised_missing_years") or []) if provisional else [],
        "missing_years": missing,
    }
