"""Who did an op and where: decided by the pushing token and the device's enrolment, never by
what the op's payload says.

- The actor is the user of the token that pushes, or a user the server itself once signed in on
  this same PC (it issued that user a session for this device): a window replays the ops its
  clerks recorded while it was offline under whoever signs in next, and nobody else's name.
- A device creates cases, notices, consults and visits only at its own window and only under
  numbers its own device code makes (``{series}{hall}{device}{yyyymmdd}{seq}``).
- A device moves or annotates an existing case only where its window serves the case's
  department or the case was taken at its window; a chief or an admin acts on any case.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from counter_app.domain.numbering import Series

if TYPE_CHECKING:
    from hall_server.models import CaseRow
    from hall_server.ops import OpContext

INTAKE_ROLES = frozenset({"clerk", "chief", "admin"})
# roles whose holders act on any case of the hall, whichever window they sit at
HALL_WIDE_ROLES = frozenset({"chief", "admin"})

_NUMBER = re.compile(r"^(?P<series>[A-Z]{2})?\d{6,12}(?P<device>[A-Z][A-Z0-9]{1,5})\d{12}$")


def numbered_by(number: str, device_code: str, series: Series) -> bool:
    """Was *number* made by the device *device_code* in *series*? (The device code is what lies
    between the hall's digits and the twelve digits of date and sequence.)"""
    found = _NUMBER.fullmatch(number)
    return found is not None and found["device"] == device_code and (found["series"] or "") == series.value


def identity_refusal(c: OpContext, roles: Iterable[str] | None = INTAKE_ROLES) -> str | None:
    """Why the op's actor may not have done it from this PC, or None."""
    if c.actor is None:
        return f"unknown user {c.actor_name!r}"
    if not c.actor.active:
        return f"user {c.actor.username} has been revoked"
    if c.actor.username != c.pusher and not c.cache.signed_in_here(c.actor.id, c.device.id):
        return (
            f"user {c.actor.username} never signed in on this PC: an op is recorded under the user "
            "signed in at the window"
        )
    if roles is not None and c.actor.role not in roles:
        return f"role {c.actor.role} may not take intake actions"
    return None


def _hall_wide(c: OpContext) -> bool:
    """Do both the actor and the user pushing hold a hall-wide role? (An actor's name never lends
    its role to another's token.)"""
    pusher = c.cache.user(c.pusher)
    return {c.actor.role if c.actor else "", pusher.role if pusher else ""} <= HALL_WIDE_ROLES


def serves_department(c: OpContext, department: str) -> bool:
    """May this device act for *department* (its window serves it, or the users are hall-wide)?"""
    return _hall_wide(c) or department in c.cache.departments(c.device.window_code)


def case_access_refusal(c: OpContext, row: CaseRow) -> str | None:
    """May this device (and its actor, and the user pushing) act on an existing case?"""
    if _hall_wide(c):
        return None
    window = c.device.window_code
    if row.window_code == window or row.department in c.cache.departments(window):
        return None
    return (
        f"window {window} does not serve department {row.department or '?'} of case "
        f"{row.case_number or row.id}"
    )


_SERIES = {s.value: s for s in Series if s.value}


def _series_of(number: str) -> Series:
    return _SERIES.get(number[:2], Series.CASE)


def placement_refusal(
    c: OpContext, case: dict[str, Any], notices: list[Any], row: CaseRow | None
) -> str | None:
    """A case op from this device: a new case at its window under its numbers; a case it takes up
    again (the applicant came back, perhaps to another window) keeps its window and its number,
    and whatever this op numbers anew is numbered by this device."""
    device = c.device
    if row is None:
        if case.get("window_code") != device.window_code:
            return f"this PC is enrolled at window {device.window_code}, not {case.get('window_code')}"
        if case.get("device_code") not in (None, device.device_code):
            return f"this PC is enrolled as device {device.device_code}, not {case.get('device_code')}"
    elif case.get("window_code") not in (row.window_code, device.window_code):
        return f"the case was taken at window {row.window_code}, not {case.get('window_code')}"
    number = case.get("case_number")
    known = (row.case_number, row.receipt_number) if row is not None else ()
    if number and number not in known and not numbered_by(str(number), device.device_code, Series.CASE):
        return f"case number {number} was not made by device {device.device_code}"
    for notice in notices:
        if notice in known:
            continue
        if not isinstance(notice, str) or not numbered_by(notice, device.device_code, _series_of(notice)):
            return f"notice number {notice} was not made by device {device.device_code}"
    return None
