"""A case's item snapshot (the item as the case was accepted under it), stored once by its
content address in ``item_snapshots``; the case row names it in ``item_snapshot_key``.

A snapshot is three quarters of a whole case's JSON, and most cases of a hall share a few dozen
of them: stored once, a case's JSON is a quarter of the size, and a push writes a quarter of the
bytes. Cases written before (migration 0014) keep theirs inline in ``data``; every reader goes
through ``item_snapshot``, which takes either.

A key names one content for ever, so a snapshot read once is remembered by this process
(``_KNOWN``, at most ``_MEMO_MAX``) and never goes stale. That memory is a cache any thread
clears when full, so a session also keeps (in ``s.info``, until it ends):
- the snapshots it stores: a push writes them only at the batch's end (``rows.add_once``), and
  a later op of the same batch may read one;
- the snapshots it reads: a report listing cases of more items than the process remembers reads
  each item's once, not once per case.

The dicts handed out are shared: callers read them, never change them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, Text, cast, select
from sqlalchemy.orm import Session, object_session

from counter_app.domain.canonical_json import snapshot_key
from hall_server.models import CaseRow, ItemSnapshotRow
from hall_server.rows import add_once

_MEMO_MAX = 256  # the items a hall's cases were accepted under, and then some
_KNOWN: dict[str, dict[str, Any]] = {}
_HERE = "item_snapshots"  # s.info: the snapshots this session stored or read, by key


def _remember(key: str, snapshot: dict[str, Any]) -> None:
    if len(_KNOWN) >= _MEMO_MAX:
        _KNOWN.clear()
    _KNOWN[key] = snapshot


def keep_snapshot(s: Session, case: dict[str, Any]) -> str | None:
    """Take the item snapshot out of *case* (a window's whole case, a dict of its own), store it
    once, and return its key; None for a case without one (``{}`` or none: left as it came)."""
    snapshot = case.get("item_snapshot")
    if not isinstance(snapshot, dict) or not snapshot:
        return None
    del case["item_snapshot"]
    key = snapshot_key(snapshot)
    with s.no_autoflush:  # the case being written is not complete yet
        add_once(s, ItemSnapshotRow, key, key=key, data=snapshot)
    s.info.setdefault(_HERE, {})[key] = snapshot
    _remember(key, snapshot)
    return key


def stored_snapshot(s: Session | None, key: str) -> dict[str, Any]:
    """The snapshot stored under *key*, read through this process's memory and the session's."""
    found = _KNOWN.get(key)
    if found is None and s is not None:
        found = s.info.get(_HERE, {}).get(key)
    if found is None:
        if s is None:
            raise RuntimeError(f"item snapshot {key} is not in memory and there is no session to read it")
        data = s.scalar(select(ItemSnapshotRow.data).where(ItemSnapshotRow.key == key))
        if data is None:  # written with the case, never deleted: a broken database
            raise RuntimeError(f"item snapshot {key} is missing from item_snapshots")
        found = s.info.setdefault(_HERE, {})[key] = data
        _remember(key, found)
    return found


def item_snapshot(row: CaseRow, s: Session | None = None) -> dict[str, Any]:
    """The item *row* was accepted under: inline in a case written before migration 0014, else
    read by its key (through *s*, or the session *row* was loaded in); ``{}`` for none."""
    inline = (row.data or {}).get("item_snapshot")
    if inline or not row.item_snapshot_key:
        return inline if isinstance(inline, dict) else {}
    return stored_snapshot(s or object_session(row), row.item_snapshot_key)


_CHUNK = 500  # keys per look-up: far below either database's limit on parameters


def snapshots_of(s: Session, rows: Iterable[CaseRow]) -> dict[str, dict[str, Any]]:
    """The snapshots *rows* name, read in a few statements: for a whole feed of cases (a window's
    snapshot, an export), which may name more items than this process remembers."""
    return _by_key(s, (r.item_snapshot_key for r in rows if r.item_snapshot_key), ItemSnapshotRow.data)


def snapshot_texts(s: Session | Connection, keys: Iterable[str]) -> dict[str, str]:
    """The snapshots stored under *keys*, as their stored JSON text: for a pull page, which
    splices them in unparsed."""
    return _by_key(s, keys, cast(ItemSnapshotRow.data, Text))


def _by_key(s: Session | Connection, keys: Iterable[str], data: Any) -> dict[str, Any]:
    wanted = sorted(set(keys))
    found: dict[str, Any] = {}
    for i in range(0, len(wanted), _CHUNK):
        stmt = select(ItemSnapshotRow.key, data).where(ItemSnapshotRow.key.in_(wanted[i : i + _CHUNK]))
        found.update((key, value) for key, value in s.execute(stmt))
    missing = set(wanted) - set(found)
    if missing:  # written with the case or the change, never deleted: a broken database
        raise RuntimeError(f"item snapshots missing from item_snapshots: {sorted(missing)[:5]}")
    return found
