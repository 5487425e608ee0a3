"""An op's shape: bounds on every value, whether or not its item snapshot was seen before."""

from __future__ import annotations

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
