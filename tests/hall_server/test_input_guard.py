"""The guard's pre-filter: every body that may hold forbidden text is walked, an ordinary one not.

That every such body is then refused is tested through the real server in test_hostile_input.py.
"""

from __future__ import annotations

import json

import pytest

from hall_server.input_guard import forbidden_text_at, needs_walk
from tests.hall_server.test_hostile_input import BAD_TEXT

# what a window's push carries: Chinese (escaped by requests' json=), a "×" in a photo's size,
# line breaks and tabs in free text, a backslash before an ordinary letter
ORDINARY = {
    "ops": [
        {
            "payload": {
                "name": "居民身份证换领",
                "photo": "358×441像素",
                "note": "第一行\n第二行\t缩进\r\n",
                "path": "C:\\new\\table",
                "mark": "¥ · ° ±",
            }
        }
    ]
}


@pytest.mark.parametrize("ascii_only", [True, False])
def test_an_ordinary_body_is_not_parsed_a_second_time(ascii_only: bool) -> None:
    body = json.dumps(ORDINARY, ensure_ascii=ascii_only).encode()
    assert forbidden_text_at(json.loads(body)) is None
    assert not needs_walk(body)


@pytest.mark.parametrize("name", sorted(BAD_TEXT))
@pytest.mark.parametrize("ascii_only", [True, False])
def test_every_body_with_forbidden_text_is_walked(name: str, ascii_only: bool) -> None:
    for value in ({"a": BAD_TEXT[name]}, {BAD_TEXT[name]: 1}, [f"x{BAD_TEXT[name]}y"]):
        body = json.dumps(value, ensure_ascii=ascii_only).encode("utf-8", "surrogatepass")
        assert forbidden_text_at(json.loads(body)) is not None
        assert needs_walk(body), body


def test_forbidden_text_in_raw_utf8_utf16_and_any_escape_case_is_walked() -> None:
    for body in (
        b'{"q": "\xed\xa0\x80"}',
        b'{"q": "\xed\xbf\xbf"}',
        '{"q": "\ud800"}'.encode("utf-16-le", "surrogatepass"),
        '{"q": "ok"}'.encode("utf-32"),
        b'{"q": "\\u001F"}',
        b'{"q": "\\uDBFF"}',
        b'{"q": "\\f"}',
    ):
        assert needs_walk(body), body
