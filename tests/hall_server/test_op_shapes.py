"""An op's shape: bounds on every value, whether or not its item snapshot was seen before."""

from __future__ import annotations

import contextlib
import copy
from typing import Any

import pytest

from hall_server.op_shapes import MAX_TEXT, BadOp, validate


def _accept(snapshot: dict[str, Any]) -> dict[str, Any]:
    return {
        "from_state": None,
        "notices": ["330100W01202612070001"],
        "case": {
            "id": "0b0c1f4e-7d7e-4a53-9d5e-1c8b1f3a2b11",
            "case_number": "330100W01202612070001",
            "state": "accepted",
            "item_code": "X1",
            "window_code": "A01",
            "item_snapshot": snapshot,
            "applicant": {"name": "王芳", "id_number": "11010519491231002X"},
            "accepted_on": "2026-12-07",
        },
    }


SNAPSHOT = {
    "code": "X1",
    "version": 3,
    "promised_limit_days": 5,
    "materials": [{"name": "身份证", "copies": 1}],
}


@pytest.mark.parametrize(
    "spoil",
    [
        lambda s: s.update(promised_limit_days=5.0),  # equal to 5 in Python, a fraction in JSON
        lambda s: s["materials"][0].update(name="长" * (MAX_TEXT + 1)),
        lambda s: s["materials"][0].update(deep=[[[[[["too deep"]]]]]]),
        lambda s: s.update(big=2**60),
    ],
)
def test_a_snapshot_like_one_seen_sound_is_still_checked(spoil: Any) -> None:
    validate("case.accept", _accept(copy.deepcopy(SNAPSHOT)))  # seen, sound, remembered
    validate("case.accept", _accept(copy.deepcopy(SNAPSHOT)))  # and again, from memory
    spoiled = copy.deepcopy(SNAPSHOT)
    spoil(spoiled)
    with pytest.raises(BadOp):
        validate("case.accept", _accept(spoiled))


def test_a_null_in_a_remembered_snapshot_never_stands_for_nan_or_infinity() -> None:
    """orjson writes NaN and infinities as null: a snapshot with a null is checked every time."""
    with_null = {**SNAPSHOT, "note": None}
    validate("case.accept", _accept(copy.deepcopy(with_null)))
    validate("case.accept", _accept(copy.deepcopy(with_null)))
    for number in (float("nan"), float("inf")):
        with pytest.raises(BadOp):
            validate("case.accept", _accept({**SNAPSHOT, "note": number}))


def test_the_rest_of_a_payload_is_checked_beside_a_remembered_snapshot() -> None:
    validate("case.accept", _accept(copy.deepcopy(SNAPSHOT)))
    payload = _accept(copy.deepcopy(SNAPSHOT))
    payload["case"]["applicant"]["address"] = "长" * (MAX_TEXT + 1)
    with pytest.raises(BadOp, match=r"payload\.case\.applicant\.address"):
        validate("case.accept", payload)


@pytest.mark.parametrize("state", [[], {}, 7, "gone"])
def test_a_state_that_is_not_one_is_refused_as_the_op_s(state: Any) -> None:
    with pytest.raises(BadOp, match="from_state"):
        validate("case.transition", {"case_id": "c1", "from_state": state, "to_state": "accepted"})
    payload = _accept(copy.deepcopy(SNAPSHOT))
    payload["from_state"] = state
    with pytest.raises(BadOp, match="from_state"):
        validate("case.accept", payload)


def test_no_value_in_any_field_breaks_the_check_itself() -> None:
    """Every op type, every field the checks name (top level, in the case and in a step's
    details), each given a value of every JSON kind: refused as the op's (BadOp, a 422) or
    passed, never another exception (a 500). A list where a state or a rating was looked up in
    a set or dict raised TypeError."""
    import re
    import uuid
    from pathlib import Path

    import hall_server
    from counter_app.sync.wire import OP_TYPES

    root = Path(hall_server.__file__).parent
    source = (root / "op_shapes.py").read_text() + (root / "queue" / "visits.py").read_text()
    case = _accept(copy.deepcopy(SNAPSHOT))["case"]
    base: dict[str, Any] = {key: "x" for key in re.findall(r'"([a-z_]{2,40})"', source)} | {
        "case": case,
        "case_id": case["id"],
        "id": str(uuid.uuid4()),
        "visit_id": str(uuid.uuid4()),
        "from_state": "accepted",
        "to_state": "under_review",
        "on": "2026-12-07",
        "notices": ["WS330100W01202612070001"],
        "details": {"days": 5, "reason": "r"},
        "rating": 3,
        "reasons": [],
        "cases": [],
        "consults": [],
        "started_at": "2026-12-07T09:00:00",
        "rated_at": "2026-12-07T09:00:00",
        "created_at": "2026-12-07T09:00:00",
        "count": 1,
    }
    fields = [*base, "case.applicant", "case.state", "case.item_snapshot", "case.accepted_on", "details.days"]
    odd_values: list[Any] = [[], {}, 7, None, "x", True, 1.5, "长" * 5000, [[]], [{}], {"a": []}]
    checked = 0
    for op_type in sorted(OP_TYPES):
        for whole in (True, False):  # beside every other field, or alone
            for field in fields:
                for odd in odd_values:
                    payload = copy.deepcopy(base) if whole else {}
                    outer, _, inner = field.partition(".")
                    if inner:
                        payload.setdefault(outer, copy.deepcopy(base[outer]))[inner] = odd
                    else:
                        payload[outer] = odd
                    with contextlib.suppress(BadOp):
                        validate(op_type, payload)
                    checked += 1
    assert checked > 10_000
