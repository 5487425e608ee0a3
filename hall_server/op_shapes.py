"""The shape of every op a window pushes, checked before anything is applied: types, formats and
a bound on every field (a malformed op refuses its whole batch, nothing is stored).

Beyond the fields named here, every payload is walked once: nesting, text, lists, objects and
numbers are bounded wherever they are, so no field is unbounded because nobody named it.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import orjson

from counter_app.domain.canonical_json import snapshot_canonical
from counter_app.domain.case import CaseState
from counter_app.sync.wire import (
    CASE_NOTE_OPS,
    EXTEND_REQUEST,
    PART_CORRECTION_NOTICE,
    PART_OPINION,
    STEP_OPS,
    VISIT_OPS,
)
from hall_server.queue.visits import validate_visit

TARGET_STATE = {
    "case.accept": CaseState.ACCEPTED,
    "case.complete_instant": CaseState.COMPLETED,
    "case.notify": CaseState.NOTIFIED,
    "case.refuse": CaseState.REFUSED,
}
MAX_DEPTH = 6
_SNAPSHOT_DEPTH = 2  # payload -> case -> item_snapshot
_STATES = frozenset(s.value for s in CaseState)
MAX_TEXT = 4000  # the catalogue format's longest field (legal basis, conditions, notes)
MAX_ITEMS = 200
MAX_KEYS = 60
MAX_INT = 2**53  # what every JSON reader keeps exact
MAX_SNAPSHOT_BYTES = 96 * 1024  # catalogue imports refuse items over 64 KiB; demo items weigh 3.3 KB at most
# what prints, reprints, failed prints, saved copies and recomputed deadlines may say
_NOTE_TEXT = {"notice_id": 36, "number": 40, "kind": 40, "how": 10, "target": 500, "reason": 500}
_NOTE_DATES = ("old_promised_due", "promised_due", "legal_due")


def _is_state(value: object) -> bool:
    return isinstance(value, str) and value in _STATES


class BadOp(ValueError):
    """The op's payload is malformed: the whole batch is refused and nothing stored."""


def _sound(value: Any, depth: int = 0, known: object = None) -> bool:
    """``_walk``'s bounds without naming where: an ordinary payload is checked without building
    the path of every field; only one that fails is walked again for its message. *known* is a
    value inside *value* already found sound in its place (``_snapshot_sound``)."""
    if value is known and depth == _SNAPSHOT_DEPTH:
        return True
    if depth > MAX_DEPTH:
        return False
    if isinstance(value, str):
        return len(value) <= MAX_TEXT
    if isinstance(value, dict):
        if len(value) > MAX_KEYS:
            return False
        for key, item in value.items():  # noqa: SIM110 (a loop: all() of a generator costs twice)
            if len(key) > 60 or not _sound(item, depth + 1, known):
                return False
        return True
    if isinstance(value, list):
        if len(value) > MAX_ITEMS:
            return False
        for item in value:  # noqa: SIM110
            if not _sound(item, depth + 1, known):
                return False
        return True
    if isinstance(value, bool) or value is None:
        return True
    return isinstance(value, int) and -MAX_INT < value < MAX_INT


_SOUND_SNAPSHOTS: set[bytes] = set()  # orjson's bytes of item snapshots found sound at payload.case
_SOUND_MAX = 128
_SOUND_BYTES = 32 * 1024  # a larger snapshot is walked each time, never kept


def _snapshot_sound(payload: dict[str, Any]) -> object:
    """A case op's item snapshot if it is within bounds, else None. Most ops of a push carry the
    same item's snapshot, which is most of their bytes: one found sound is remembered by its plain
    orjson bytes (equal bytes: the same keys, types and values, so the same verdict). That holds
    for JSON values, which is what a push's payloads are (``orjson.loads``); of the Python values
    orjson also writes, NaN and infinities come out as ``null``, so a snapshot holding a ``null``
    is always walked (a tuple, a datetime or an enum member, which no parsed payload holds, would
    share the bytes of a list or a text)."""
    case = payload.get("case")
    snapshot = case.get("item_snapshot") if isinstance(case, dict) else None
    if not isinstance(snapshot, dict):
        return None
    try:
        plain = orjson.dumps(snapshot)
    except TypeError:
        return None
    remembered = b"null" not in plain and len(plain) <= _SOUND_BYTES
    if remembered and plain in _SOUND_SNAPSHOTS:
        return snapshot
    if not _sound(snapshot, _SNAPSHOT_DEPTH):
        return None
    if remembered:
        if len(_SOUND_SNAPSHOTS) >= _SOUND_MAX:
            _SOUND_SNAPSHOTS.clear()
        _SOUND_SNAPSHOTS.add(plain)
    return snapshot


def _walk(value: Any, where: str, depth: int = 0) -> None:
    if depth > MAX_DEPTH:
        raise BadOp(f"{where}: nested more than {MAX_DEPTH} levels deep")
    if isinstance(value, str):
        if len(value) > MAX_TEXT:
            raise BadOp(f"{where}: text of at most {MAX_TEXT} characters expected")
    elif isinstance(value, bool) or value is None:
        return
    elif isinstance(value, int):
        if not -MAX_INT < value < MAX_INT:
            raise BadOp(f"{where}: a number beyond ±2^53")
    elif isinstance(value, float):
        raise BadOp(f"{where}: no field of an op is a fraction")
    elif isinstance(value, list):
        if len(value) > MAX_ITEMS:
            raise BadOp(f"{where}: at most {MAX_ITEMS} entries")
        for n, item in enumerate(value):
            _walk(item, f"{where}.{n}", depth + 1)
    elif isinstance(value, dict):
        if len(value) > MAX_KEYS:
            raise BadOp(f"{where}: at most {MAX_KEYS} fields")
        for key, item in value.items():
            if len(key) > 60:
                raise BadOp(f"{where}: a field name over 60 characters")
            _walk(item, f"{where}.{key}", depth + 1)
    else:
        raise BadOp(f"{where}: not a JSON value")


def _text(data: dict[str, Any], key: str, limit: int, required: bool = True) -> str:
    value = data.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or len(value) > limit or (required and not value):
        raise BadOp(f"{key}: text of at most {limit} characters expected")
    return value


def date_of(data: dict[str, Any], key: str) -> date | None:
    value = data.get(key)
    if value is None:
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise BadOp(f"{key}: a date YYYY-MM-DD expected") from None


def datetime_of(data: dict[str, Any], key: str) -> datetime | None:
    value = data.get(key)
    if value is None:
        return None
    try:
        return datetime.fromisoformat(str(value)).replace(tzinfo=None)
    except ValueError:
        raise BadOp(f"{key}: a date and time expected") from None


def _dict(data: dict[str, Any], key: str) -> dict[str, Any]:
    value = data.get(key)
    if not isinstance(value, dict):
        raise BadOp(f"{key}: an object expected")
    return value


def _numbers(data: dict[str, Any], key: str) -> None:
    value = data.get(key, [])
    if (
        not isinstance(value, list)
        or len(value) > 20
        or not all(isinstance(n, str) and 0 < len(n) <= 40 for n in value)
    ):
        raise BadOp(f"{key}: a list of up to 20 notice numbers expected")


def _case_op(op_type: str, payload: dict[str, Any]) -> None:
    case = _dict(payload, "case")
    _text(case, "id", 36)
    if case.get("state") != TARGET_STATE[op_type].value:
        raise BadOp(f"case.state must be {TARGET_STATE[op_type].value} for {op_type}")
    for key in ("item_code", "window_code"):
        _text(case, key, 40)
    if len(snapshot_canonical(_dict(case, "item_snapshot"))) > MAX_SNAPSHOT_BYTES:
        raise BadOp(f"item_snapshot: at most {MAX_SNAPSHOT_BYTES} bytes")
    applicant = _dict(case, "applicant")
    _text(applicant, "name", 300)
    _text(applicant, "id_number", 40)
    for key in ("accepted_on", "promised_due", "legal_due"):
        date_of(case, key)
    datetime_of(case, "created_at")
    datetime_of(case, "completed_at")
    if case.get("case_number") is not None:
        _text(case, "case_number", 40)
    _text(case, "device_code", 12, required=False)
    _text(case, "clerk", 60, required=False)
    _numbers(payload, "notices")
    if payload.get("from_state") is not None and not _is_state(payload.get("from_state")):
        raise BadOp("from_state: not a case state")


def _step(payload: dict[str, Any], fields: frozenset[str] = frozenset()) -> None:
    """A step after acceptance; what its details say is checked by the domain's own rules."""
    _text(payload, "case_id", 36)
    if "department" in fields:
        _text(payload, "department", 40)
    if not _is_state(payload.get("from_state")):
        raise BadOp("from_state: not a case state")
    if date_of(payload, "on") is None:
        raise BadOp("on: a date YYYY-MM-DD expected")
    _dict(payload, "details")
    _numbers(payload, "notices")
    extra = payload.keys() - {"case_id", "from_state", "on", "details", "notices"} - fields
    if extra:
        raise BadOp(f"{sorted(extra)[0]}: not a field of a case's step")


def _case_note(payload: dict[str, Any]) -> None:
    _text(payload, "case_id", 36)
    for key in payload.keys() - {"case_id"}:
        if key in _NOTE_TEXT:
            _text(payload, key, _NOTE_TEXT[key], required=False)
        elif key in _NOTE_DATES:
            date_of(payload, key)
        elif key == "count":
            if not isinstance(payload[key], int) or not 0 <= payload[key] <= 10000:
                raise BadOp("count: a whole number from 0 to 10000 expected")
        elif key == "notices":
            _numbers(payload, key)
        else:
            raise BadOp(f"{key}: not a field of a case's history")


def validate(op_type: str, payload: dict[str, Any]) -> None:
    """Structural checks before anything is applied (a bad op refuses the whole batch)."""
    if not _sound(payload, 0, _snapshot_sound(payload)):
        _walk(payload, "payload")
        raise BadOp("payload: not within an op's bounds")  # _walk names the place first
    if op_type in TARGET_STATE:
        _case_op(op_type, payload)
    elif op_type == "case.transition":
        _text(payload, "case_id", 36)
        for key in ("from_state", "to_state"):
            if not _is_state(payload.get(key)):
                raise BadOp(f"{key}: not a case state")
        _text(payload, "reason", 2000, required=False)
    elif op_type == "consult.record":
        _text(payload, "id", 36)
        _text(payload, "number", 40)
        _text(payload, "question", 2000)
        _text(payload, "answer", 2000, required=False)
        _text(payload, "item_name", 200, required=False)
        _text(payload, "clerk", 60, required=False)
        _text(payload, "window_code", 40)
        datetime_of(payload, "created_at")
    elif op_type in CASE_NOTE_OPS:
        _case_note(payload)
    elif op_type in STEP_OPS or op_type in (EXTEND_REQUEST, PART_CORRECTION_NOTICE):
        _step(payload)
    elif op_type == PART_OPINION:
        _step(payload, frozenset({"department"}))
    elif op_type in VISIT_OPS:
        validate_visit(op_type, payload, BadOp)
