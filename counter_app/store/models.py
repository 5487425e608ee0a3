"""SQLAlchemy models of the local cache. Schema changes go through migrations only."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import JSON, Boolean, Date, DateTime, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from counter_app.domain.canonical_json import snapshot_key


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSON, list[Any]: JSON}


class DepartmentRow(Base):
    __tablename__ = "departments"
    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    short_name: Mapped[str] = mapped_column(String(50))


class WindowRow(Base):
    __tablename__ = "windows"
    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    departments: Mapped[list[Any]]


class ServiceItemRow(Base):
    """One version of a catalogue item; ``data`` is the item in the exchange format."""

    __tablename__ = "service_items"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(40))
    version: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(300))
    department: Mapped[str] = mapped_column(String(40))
    item_class: Mapped[str] = mapped_column(String(20))
    search_key: Mapped[str] = mapped_column(Text)
    is_current: Mapped[bool] = mapped_column(Boolean)
    data: Mapped[dict[str, Any]]
    __table_args__ = (
        Index("ux_service_items_code_version", "code", "version", unique=True),
        Index("ix_service_items_current", "is_current"),
    )


class CalendarYearRow(Base):
    __tablename__ = "calendar_years"
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    holidays: Mapped[list[Any]]
    workdays: Mapped[list[Any]]
    source: Mapped[str] = mapped_column(String(40))
    updated_at: Mapped[datetime] = mapped_column(DateTime)


# a case still on a department's worklist (待办): its clock runs or is stopped, or its result waits
# to be collected (a 即办 case, completed and handed over at once, has no completion step). The
# worklist's partial index holds these rows alone, and a query uses it only when its WHERE says
# this very text (SQLite matches a partial index's condition by its expression).
WORKLIST_OPEN = (
    "state IN ('accepted', 'under_review', 'correction', 'suspended', 'decided') "
    "OR (state = 'completed' AND json_extract(lifecycle, '$.completion') IS NOT NULL)"
)


class ItemSnapshotRow(Base):
    """An item as cases were accepted under it (name, materials, limits: ~3 KB), stored once
    however many cases share it, under its content address (domain/canonical_json.snapshot_key).
    Never changed, never deleted: a key always means the same item."""

    __tablename__ = "item_snapshots"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    data: Mapped[dict[str, Any]]


class CaseRow(Base):
    """An application at the window (申请/办件), from its first one-time notice to its end."""

    __tablename__ = "cases"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    case_number: Mapped[str | None] = mapped_column(String(40), unique=True)
    state: Mapped[str] = mapped_column(String(20))
    item_code: Mapped[str] = mapped_column(String(40))
    item_version: Mapped[int] = mapped_column(Integer)
    item_name: Mapped[str] = mapped_column(String(300))
    item_class: Mapped[str] = mapped_column(String(20))
    department: Mapped[str] = mapped_column(String(40))
    # the item as accepted, by reference (a case once carried its own ~3 KB copy). NULL is allowed
    # only because SQLite cannot add a NOT NULL column to a table that has rows (migration 0009);
    # every write sets it
    item_snapshot_key: Mapped[str] = mapped_column(
        String(64), ForeignKey("item_snapshots.key"), nullable=True
    )
    # loaded with the case (an outer join: a case is never hidden for want of its snapshot)
    snapshot_row: Mapped[ItemSnapshotRow | None] = relationship(lazy="joined", viewonly=True)
    service_mode: Mapped[str] = mapped_column(String(20))
    applicant: Mapped[dict[str, Any]]
    applicant_name: Mapped[str] = mapped_column(String(200))
    applicant_id_number: Mapped[str] = mapped_column(String(40))
    applicant_phone: Mapped[str] = mapped_column(String(20))
    agent: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    materials: Mapped[list[Any]]
    window_code: Mapped[str] = mapped_column(String(40))
    device_code: Mapped[str] = mapped_column(String(12))
    clerk: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    accepted_on: Mapped[date | None] = mapped_column(Date)
    promised_due: Mapped[date | None] = mapped_column(Date)
    legal_due: Mapped[date | None] = mapped_column(Date)
    deadline_provisional: Mapped[bool] = mapped_column(Boolean, default=False)
    completed_at: Mapped[datetime | None] = mapped_column(DateTime)
    refusal: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    # what the steps after acceptance said (domain/case_steps.py): stops, extensions, decision, ...
    lifecycle: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    server_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    __table_args__ = (
        Index("ix_cases_created_at", "created_at"),
        Index("ix_cases_applicant_id", "applicant_id_number"),
        Index("ix_cases_applicant_phone", "applicant_phone"),
        # name prefix search, newest first (case_store.CaseStore.search reads these by name)
        Index("ix_cases_applicant_name_created", "applicant_name", "created_at"),
        Index("ix_cases_item_name_created", "item_name", "created_at"),
        Index("ix_cases_provisional", "deadline_provisional"),
        Index("ix_cases_window_updated", "window_code", "updated_at"),
        # the worklist: a department's open cases by state, soonest due first, covering every
        # column the list shows, so 50,000 open cases are counted and paged from the index alone
        Index(
            "ix_cases_worklist",
            "department",
            "state",
            "promised_due",
            "id",
            "case_number",
            "item_code",
            "item_name",
            "applicant_name",
            "applicant_id_number",
            "clerk",
            "accepted_on",
            "deadline_provisional",
            sqlite_where=text(WORKLIST_OPEN),
        ),
    )

    @property
    def item_snapshot(self) -> dict[str, Any]:
        """The item as this case was accepted under it."""
        pending: dict[str, Any] | None = self.__dict__.get(PENDING_SNAPSHOT)
        if pending is not None:
            return pending
        return self.snapshot_row.data if self.snapshot_row is not None else {}

    @item_snapshot.setter
    def item_snapshot(self, snapshot: dict[str, Any]) -> None:
        """Refer to *snapshot*; its row is written with the case's flush (item_snapshots.py)."""
        self.item_snapshot_key = snapshot_key(snapshot)
        self.__dict__[PENDING_SNAPSHOT] = snapshot


PENDING_SNAPSHOT = "_pending_item_snapshot"  # a snapshot set on a case, not yet known to be stored


class CasePartRow(Base):
    """A co-department's part of a joint case (并联), written by triggers from the case's
    lifecycle (migration 0008): read it, never write it."""

    __tablename__ = "case_parts"
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), primary_key=True)
    department: Mapped[str] = mapped_column(String(40), primary_key=True)
    state: Mapped[str] = mapped_column(String(20))
    due: Mapped[date | None] = mapped_column(Date)
    __table_args__ = (Index("ix_case_parts_department", "department", "state", "due"),)


class NoticeRow(Base):
    """A notice handed out; ``payload`` freezes what was printed so a reprint is identical."""

    __tablename__ = "notices"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    number: Mapped[str] = mapped_column(String(60))
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"))
    kind: Mapped[str] = mapped_column(String(30))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    payload: Mapped[dict[str, Any]]
    print_count: Mapped[int] = mapped_column(Integer, default=0)
    last_printed_at: Mapped[datetime | None] = mapped_column(DateTime)
    __table_args__ = (
        Index("ix_notices_case", "case_id"),
        Index("ux_notices_number_kind", "number", "kind", unique=True),
    )


class CaseEventRow(Base):
    """The history of a case as the window saw it."""

    __tablename__ = "case_events"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"))
    at: Mapped[datetime] = mapped_column(DateTime)
    action: Mapped[str] = mapped_column(String(40))
    from_state: Mapped[str | None] = mapped_column(String(20))
    to_state: Mapped[str | None] = mapped_column(String(20))
    clerk: Mapped[str] = mapped_column(String(100))
    detail: Mapped[dict[str, Any]]
    __table_args__ = (Index("ix_case_events_case", "case_id"),)


class ConsultRow(Base):
    """A consult that ended without an application (咨询登记)."""

    __tablename__ = "consults"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    number: Mapped[str] = mapped_column(String(40), unique=True)
    item_code: Mapped[str | None] = mapped_column(String(40))
    item_name: Mapped[str] = mapped_column(String(300))
    question: Mapped[str] = mapped_column(Text)
    answer: Mapped[str] = mapped_column(Text)
    window_code: Mapped[str] = mapped_column(String(40))
    clerk: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime)


class AuditRow(Base):
    """Who did what, when, on which device (审计日志)."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    device_code: Mapped[str] = mapped_column(String(12))
    clerk: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(40))
    object_type: Mapped[str] = mapped_column(String(30))
    object_id: Mapped[str] = mapped_column(String(60))
    detail: Mapped[dict[str, Any]]


class OutboxRow(Base):
    """An operation waiting to reach the hall server, in the device's gapless sequence."""

    __tablename__ = "outbox"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    op_id: Mapped[str] = mapped_column(String(36), unique=True)
    op_type: Mapped[str] = mapped_column(String(40))
    schema_version: Mapped[int] = mapped_column(Integer)
    device_code: Mapped[str] = mapped_column(String(12))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    payload: Mapped[dict[str, Any]]
    status: Mapped[str] = mapped_column(String(20), default="pending")
    result: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    actor: Mapped[str] = mapped_column(String(60), default="", server_default="")
    reason: Mapped[str] = mapped_column(Text, default="", server_default="")
    done_at: Mapped[datetime | None] = mapped_column(DateTime)
    __table_args__ = (Index("ix_outbox_status", "status"),)


class SequenceRow(Base):
    """Named counters (outbox, daily number series) advanced inside the writing transaction."""

    __tablename__ = "sequences"
    name: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[int] = mapped_column(Integer)


class SyncStateRow(Base):
    """The sync's own state: cursor, device id, server address, last success, clock skew."""

    __tablename__ = "sync_state"
    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class ServerSettingRow(Base):
    """Hall settings the server published (a layer between the user's file and IT's)."""

    __tablename__ = "server_settings"
    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class KnownUserRow(Base):
    """Users as the server published them; ``verifier`` once they logged in online here."""

    __tablename__ = "known_users"
    username: Mapped[str] = mapped_column(String(60), primary_key=True)
    display_name: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(20))
    active: Mapped[bool] = mapped_column(Boolean)
    verifier: Mapped[str | None] = mapped_column(String(200))
    last_online_login: Mapped[datetime | None] = mapped_column(DateTime)
    failures: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class SyncLogRow(Base):
    """What was pushed, pulled, rejected and why, for the sync log view."""

    __tablename__ = "sync_log"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    kind: Mapped[str] = mapped_column(String(20))
    message: Mapped[str] = mapped_column(Text)
    detail: Mapped[dict[str, Any]]
