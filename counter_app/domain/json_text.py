"""How JSON columns are written, by the window's cache and the hall server alike: orjson, with
the standard library for what orjson does not take."""

from __future__ import annotations

import json
from typing import Any

import orjson

# JSON columns (the hall server's, the window's cases): what orjson does not take (a datetime, a
# dataclass, an integer beyond 64 bits) goes to json.dumps, which treats it as it always did
_COLUMN_OPTIONS = orjson.OPT_NON_STR_KEYS | orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS


def json_bytes(value: Any) -> bytes:
    """A JSON column's value, compact UTF-8 (PostgreSQL's JSONB takes the bytes as they are). A
    push writes each case's JSON two or three times, a pull page a thousand cases': the
    standard library's encoder was a tenth of the time of either."""
    try:
        return orjson.dumps(value, option=_COLUMN_OPTIONS)
    except TypeError:
        return json.dumps(value).encode()


def json_text(value: Any) -> str:
    """``json_bytes`` as text, for SQLite, which stores JSON as text."""
    return json_bytes(value).decode()
