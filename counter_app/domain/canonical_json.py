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
    before. A float may come out differently (1e-7 for 1e-07): an op holding one is refused
    before its fingerprint counts (op_shapes), so no stored fingerprint has one. A value nested too
    deeply for either (orjson stops at 255 levels, ``json`` at the interpreter's recursion limit)
    raises ``ValueError``: a validator refuses it as bad input."""
    try:
        return orjson.dumps(payload, option=orjson.OPT_SORT_KEYS)
    except TypeError:
        pass
    try:
        return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
    except RecursionError:  # nested a thousand deep: no op or snapshot is; bad input, said so
        raise ValueError("nested too deeply to be encoded") from None


_MEMO_MAX = 128  # snapshots remembered: the items a hall's windows accept under at a time
_MEMO_BYTES = 32 * 1024  # a larger snapshot is encoded each time, never kept
_KNOWN: dict[bytes, tuple[bytes, str]] = {}  # orjson's bytes of a snapshot -> canonical, key


def snapshot_facts(snapshot: dict[str, Any]) -> tuple[bytes, str]:
    """The snapshot's canonical JSON and key (for a caller wanting both: each alone is
    ``snapshot_canonical``, ``snapshot_key``). A push carries the same item's snapshot in most of
    its ops, so both are remembered by the snapshot's plain orjson bytes: equal bytes are the same
    keys, order, types and values (``true`` is not ``1``, ``1.0`` is not ``1``), so the same
    canonical JSON. Encoding without sorting is several times cheaper than sorting and hashing."""
    try:
        plain = orjson.dumps(snapshot)
    except TypeError:
        plain = b""
    found = _KNOWN.get(plain) if plain else None
    if found is None:
        text = canonical(snapshot)
        found = (text, hashlib.sha256(text, usedforsecurity=False).hexdigest())
        if plain and len(plain) <= _MEMO_BYTES:
            if len(_KNOWN) >= _MEMO_MAX:
                _KNOWN.clear()
            _KNOWN[plain] = found
    return found


def snapshot_canonical(snapshot: dict[str, Any]) -> bytes:
    """``canonical(snapshot)``, remembered as ``snapshot_key`` remembers the key."""
    return snapshot_facts(snapshot)[0]


def snapshot_key(snapshot: dict[str, Any]) -> str:
    """The content address of an item snapshot (the item as a case was accepted under): the
    SHA-256 of its canonical JSON, in hex. Cases accepted under the same item share one stored
    copy, on the window and in the hall server's change feed; two snapshots that differ in
    anything have different keys, so sharing never changes what a case says it was accepted under."""
    return snapshot_facts(snapshot)[1]


def canonical_payload(payload: dict[str, Any]) -> bytes:
    """``canonical(payload)`` for an op's payload, byte for byte for what an op may hold (no
    float, no number beyond 2^53: ``op_shapes``; a float elsewhere beside a snapshot orjson
    refuses may be written as orjson writes it): a case's item snapshot (most of a case op's
    bytes, the same in most ops of a push) goes in as its remembered canonical JSON
    (``snapshot_canonical``, spliced by orjson as a ``Fragment``), and only the rest is sorted."""
    case = payload.get("case")
    snapshot = case.get("item_snapshot") if isinstance(case, dict) else None
    if not isinstance(case, dict) or not isinstance(snapshot, dict) or not snapshot:
        return canonical(payload)
    try:
        fragment = orjson.Fragment(snapshot_canonical(snapshot))
        return orjson.dumps(
            {**payload, "case": {**case, "item_snapshot": fragment}}, option=orjson.OPT_SORT_KEYS
        )
    except (TypeError, ValueError):  # what orjson does not take: canonical's own way, as before
        return canonical(payload)
