"""How JSON columns are written: orjson, with the standard library for what it does not take.

A push writes each case's JSON two or three times (the case row, its change-log entry, the
ledger's answer): with ``json.dumps`` that was a tenth of the server's time at full push rate.
orjson writes the same JSON (no floats or numbers beyond 2^53 come in an op: op_shapes) several
times faster. A value orjson refuses (an integer beyond 64 bits, a key that is not text, a type
it does not know) is written by ``json.dumps`` as before, so nothing that was stored before is
refused now.
"""

from __future__ import annotations

import json
from typing import Any

import orjson

# datetimes and dataclasses go to json.dumps, which refuses them as it always did
_OPTIONS = orjson.OPT_NON_STR_KEYS | orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS


def json_bytes(value: Any) -> bytes:
    """For psycopg (PostgreSQL's JSONB takes UTF-8 bytes as they are)."""
    try:
        return orjson.dumps(value, option=_OPTIONS)
    except TypeError:
        return json.dumps(value).encode()


def json_text(value: Any) -> str:
    """For SQLite, which stores JSON as text."""
    try:
        return orjson.dumps(value, option=_OPTIONS).decode()
    except TypeError:
        return json.dumps(value)
