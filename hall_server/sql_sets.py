"""``column IN (values)`` for the hot paths, as PostgreSQL runs it best.

SQLAlchemy renders an IN of 200 values as 200 typed parameters, anew for each count, and psycopg
sees a different statement each time; ``column = ANY(%s)`` with one array parameter is one
statement whatever the count, prepared once per connection. SQLite has no arrays: there it stays
an IN.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from sqlalchemy import ColumnElement, any_, bindparam
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import InstrumentedAttribute, Session


def among(s: Session, column: InstrumentedAttribute[Any], values: Collection[Any]) -> ColumnElement[bool]:
    if s.get_bind().dialect.name == "postgresql":
        return column == any_(bindparam(None, list(values), type_=ARRAY(column.type)))
    return column.in_(values)
