"""One clerk action = one transaction: the records, the audit row and the outbox row together.

Services open a ``UnitOfWork``, call its typed methods and leave the block; any exception
rolls the whole action back, so nothing is ever half-written.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection, Insert, insert, select
from sqlalchemy.orm import Session

from counter_app.domain.numbering import Series, format_number
from counter_app.domain.records import Case, Consult, Notice, NoticeKind
from counter_app.store.convert import case_from_row
from counter_app.store.db import Database
from counter_app.store.models import (
    AuditRow,
    Base,
    CaseEventRow,
    CaseRow,
    ConsultRow,
    NoticeRow,
    OutboxRow,
)
from counter_app.store.new_case import write_new_case

OP_SCHEMA_VERSION = 1


@dataclass(frozen=True)
class Actor:
    """Who acts, where: the clerk, the device and the hall it belongs to."""

    clerk: str
    device_code: str
    hall_code: str
    window_code: str
    username: str = ""  # the hall server's user name; empty before anyone logged in
    role: str = ""  # the hall server's role for that user; empty for a window working alone


_ADVANCE = (
    "INSERT INTO sequences (name, value) VALUES (?, 1) "
    "ON CONFLICT (name) DO UPDATE SET value = sequences.value + 1 RETURNING value"
)
# the INSERT of each kind of row appended as it is (``UnitOfWork._append``), built once: a
# statement made anew for every row is compiled from the cache, but its cache key is not
_INSERTS: dict[type[Base], Insert] = {
    model: insert(model) for model in (NoticeRow, CaseEventRow, AuditRow, OutboxRow)
}


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class UnitOfWork:
    def __init__(self, session: Session, actor: Actor) -> None:
        self.session = session
        self.actor = actor
        self.now = utcnow()
        self._connection: Connection | None = None

    def connection(self) -> Connection:
        """The transaction's connection (asked of the session once: each asking costs a lookup)."""
        if self._connection is None:
            self._connection = self.session.connection()
        return self._connection

    def _advance(self, name: str) -> int:
        """The counter's next value, in one statement on the transaction's connection: no ORM
        look-up, so nothing added so far is flushed for it (the case goes in whole, once)."""
        return int(self.connection().exec_driver_sql(_ADVANCE, (name,)).scalar_one())

    def allocate_number(self, series: Series, day: date) -> str:
        seq = self._advance(f"number:{series.name}:{day:%Y%m%d}")
        return format_number(series, self.actor.hall_code, self.actor.device_code, day, seq)

    def get_case(self, case_id: str) -> CaseRow | None:
        return self.session.get(CaseRow, case_id)

    def add_case(self, row: CaseRow) -> None:
        self.session.add(row)

    def _case_first(self) -> None:
        """A notice or an event names its case, and the ORM orders no inserts by foreign key: a
        case added in this unit of work is written first, whole as it stands by now."""
        for row in [row for row in self.session.new if isinstance(row, CaseRow)]:
            write_new_case(self.session, row)

    def _append(self, model: type[Base], **values: Any) -> None:
        """A row nothing in the transaction changes again (an event, an audit entry, an op):
        one INSERT on the transaction's connection, without an ORM object to track and flush.
        The case it names, if added in this unit of work, is written first."""
        self._append_rows(model, [values])

    def _append_rows(self, model: type[Base], rows: list[dict[str, Any]]) -> None:
        """As ``_append``, several rows of one kind in one statement."""
        self._case_first()
        self.connection().execute(_INSERTS[model], rows if len(rows) > 1 else rows[0])

    def add_notice(self, case_id: str, number: str, kind: str, payload: dict[str, Any]) -> Notice:
        return self.add_notices(case_id, number, [(kind, payload)])[0]

    def add_notices(
        self, case_id: str, number: str, notices: list[tuple[str, dict[str, Any]]]
    ) -> list[Notice]:
        """The notices of one step of a case (受理 hands out two), in one statement."""
        made = [
            Notice(
                id=str(uuid.uuid4()),
                number=number,
                case_id=case_id,
                kind=NoticeKind(kind),
                created_at=self.now,
                payload=payload,
                print_count=0,
                last_printed_at=None,
            )
            for kind, payload in notices
        ]
        rows = [
            {
                "id": n.id,
                "number": number,
                "case_id": case_id,
                "kind": n.kind.value,
                "created_at": self.now,
                "payload": n.payload,
                "print_count": 0,
            }
            for n in made
        ]
        self._append_rows(NoticeRow, rows)
        return made

    def notices_of(self, case_id: str) -> list[NoticeRow]:
        stmt = select(NoticeRow).where(NoticeRow.case_id == case_id).order_by(NoticeRow.created_at)
        return list(self.session.scalars(stmt))

    def add_event(
        self, case_id: str, action: str, from_state: str | None, to_state: str | None, **detail: Any
    ) -> None:
        self._append(
            CaseEventRow,
            case_id=case_id,
            at=self.now,
            action=action,
            from_state=from_state,
            to_state=to_state,
            clerk=self.actor.clerk,
            detail=detail,
        )

    def add_consult(self, consult: Consult) -> None:
        self.session.add(
            ConsultRow(
                id=consult.id,
                number=consult.number,
                item_code=consult.item_code,
                item_name=consult.item_name,
                question=consult.question,
                answer=consult.answer,
                window_code=consult.window_code,
                clerk=consult.clerk,
                created_at=consult.created_at,
            )
        )

    def audit(self, action: str, object_type: str, object_id: str, **detail: Any) -> None:
        self._append(
            AuditRow,
            at=self.now,
            device_code=self.actor.device_code,
            clerk=self.actor.clerk,
            action=action,
            object_type=object_type,
            object_id=object_id,
            detail=detail,
        )

    def outbox(self, op_type: str, payload: dict[str, Any]) -> str:
        """Queue an op for the hall server: client-made UUID, gapless per-device sequence."""
        op_id = str(uuid.uuid4())
        self._append(
            OutboxRow,
            seq=self._advance("outbox"),
            op_id=op_id,
            op_type=op_type,
            schema_version=OP_SCHEMA_VERSION,
            device_code=self.actor.device_code,
            created_at=self.now,
            payload=payload,
            status="pending",
            actor=self.actor.username,
            reason="",
        )
        return op_id

    def case(self, row: CaseRow) -> Case:
        self.session.flush()
        return case_from_row(row)


@contextmanager
def unit_of_work(db: Database, actor: Actor) -> Iterator[UnitOfWork]:
    with db.sessions() as session, session.begin():
        yield UnitOfWork(session, actor)
