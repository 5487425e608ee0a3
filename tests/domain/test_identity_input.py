"""ID numbers as people type them: spaces, hyphens, lower-case x, full-width characters."""

from __future__ import annotations

import pytest

from counter_app.domain.identity import IdType, normalise_id, validate_id


@pytest.mark.parametrize(
    "typed",
    [
        " 330106 19800101118x ",
        "330106-19800101118X",
        "３３０１０６１９８００１０１１１８ｘ",
        "330106\u300019800101118x",
    ],
)
def test_typed_id_numbers_normalise_to_one_form(typed: str) -> None:
    assert normalise_id(typed) == "33010619800101118X"
    assert validate_id(IdType.RESIDENT_ID, typed) == "33010619800101118X"
