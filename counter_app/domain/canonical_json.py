"""Canonical JSON: the bytes a fingerprint or a content address hashes, the same on every side."""

from __future__ import annotations

import hashlib
import json
from typing import Any

import orjson


def canonical(payload: Any) -> bytes:
    """Compact JSON with sorted keys in UTF-8: what an op's fingerprint hashes, so its bytes never
    change. orjson writes exactly ``json.dumps(payload, sort_keys=True, separators=(",", ":"),
    ensure_ascii=False)`` for what an op may hold (text, whole numbers within 2^53, true, false,
    null; tests/sync/test_wire.py compares them character by character) several times faster;
    what orjson refuses (a number beyond 64 bits, a lone surrogate) is written by ``json`` as
    before. A float may come out differently (1e16 for 1e+16): an op holding one is refused
    before its fingerprint counts (op_shapes), so no stored fingerprint has one."""
    try:
        return orjson.dumps(payload, option=orjson.OPT_SORT_KEYS)
    except TypeError:
        return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def snapshot_key(snapshot: dict[str, Any]) -> str:
    """The content address of an item snapshot (the item as a case was accepted under): the
    SHA-256 of its canonical JSON, in hex. Cases accepted under the same item share one stored
    copy, on the window and in the hall server's change feed; two snapshots that differ in
    anything have different keys, so sharing never changes what a case says it was accepted under."""
    return hashlib.sha256(canonical(snapshot), usedforsecurity=False).hexdigest()
