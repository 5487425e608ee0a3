"""JSON columns written by orjson read back as the standard library wrote them."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from counter_app.domain.json_text import json_bytes, json_text

VALUES = [
    {"case": {"applicant": {"name": '张三 "三"\n', "id": "1101"}, "notices": ["N1"], "n": 2**53 - 1}},
    {1: "a key that is not text", "nested": [None, True, False, -3, "×"]},
    {"big": 2**70},  # beyond 64 bits: orjson refuses, json.dumps writes it
    [],
]


@pytest.mark.parametrize("value", VALUES)
def test_what_is_written_reads_back_as_json_dumps_wrote_it(value: object) -> None:
    expected = json.loads(json.dumps(value))
    assert json.loads(json_bytes(value)) == expected
    assert json.loads(json_text(value)) == expected
    assert isinstance(json_text(value), str)


def test_a_value_json_dumps_refused_is_still_refused() -> None:
    for write in (json_bytes, json_text):
        with pytest.raises(TypeError):
            write({"at": datetime(2026, 12, 6, 9, 0)})
