"""A new case written with one plain INSERT, then held by the session as if read back.

The ORM's flush of one new object costs as much again as the INSERT itself (its unit-of-work
graph, history, events); a case added in a unit of work is written before the first row naming it
(``UnitOfWork._case_first``) and is otherwise a plain row of columns, so it goes in as one, and
the session keeps tracking it: a change made to it later in the transaction is an UPDATE at the
next flush, as for any case read from the database.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import insert, inspect
from sqlalchemy.orm import Session, make_transient_to_detached

from counter_app.domain.json_text import json_text
from counter_app.store.item_snapshots import keep
from counter_app.store.models import PENDING_SNAPSHOT, CaseRow

_INSERT = insert(CaseRow)  # built once: its cache key is then memoised

# (attribute, column name, the column's Python default, whether None is a value for its type)
# for every column of a case: a JSON column writes None as JSON 'null' if given it, where the
# ORM leaves such a column out of its INSERT, so SQL NULL: left out here too
_COLUMNS: list[tuple[str, str, Any, bool]] = [
    (
        attr.key,
        column.name,
        column.default.arg if column.default is not None else None,
        bool(column.type.should_evaluate_none),
    )
    for attr in inspect(CaseRow).column_attrs
    for column in attr.columns[:1]
]


def write_new_case(s: Session, row: CaseRow) -> None:
    """INSERT the pending *row* (and the item snapshot it names, if not stored yet) on the
    session's connection; the row is then persistent, clean, with every column loaded."""
    state = row.__dict__
    pending = state.get(PENDING_SNAPSHOT)
    if pending is not None:
        keep(s, {row.item_snapshot_key: json_text(pending)})
    values = {}
    for key, column, default, none_is_a_value in _COLUMNS:
        if key not in state:
            setattr(row, key, default)
        if state[key] is not None or not none_is_a_value:
            values[column] = state[key]
    s.expunge(row)
    s.connection().execute(_INSERT, values)
    make_transient_to_detached(row)
    s.add(row)
