"""The hall server's tables: it owns the truth (catalogue, calendar, users, devices, every case)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# BIGINT on PostgreSQL, INTEGER (the rowid alias) on SQLite, so ids autoincrement on both
BigId = BigInteger().with_variant(Integer(), "sqlite")


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSON, list[Any]: JSON}


class MetaRow(Base):
    """Server-wide values made once at ``init-db`` (the token signing key, the change-log floor)."""

    __tablename__ = "server_meta"
    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class UserRow(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    username: Mapped[str] = mapped_column(String(60), unique=True)
    display_name: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime)


class DeviceRow(Base):
    """An enrolled hall PC; ``last_seq`` is the last op of its gapless sequence applied here."""

    __tablename__ = "devices"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    device_code: Mapped[str] = mapped_column(String(12))
    window_code: Mapped[str] = mapped_column(String(40))
    hostname: Mapped[str] = mapped_column(String(200))
    secret_hash: Mapped[str] = mapped_column(String(200))
    enrolled_at: Mapped[datetime] = mapped_column(DateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime)
    replaced_at: Mapped[datetime | None] = mapped_column(DateTime)  # by another PC: may still push
    last_seq: Mapped[int] = mapped_column(BigId, default=0)
    last_seen_at: Mapped[datetime | None] = mapped_column(DateTime)
    client_schema: Mapped[int] = mapped_column(Integer, default=0)
    __table_args__ = (Index("ix_devices_code", "device_code"),)


class EnrollmentCodeRow(Base):
    """A one-time code binding the next PC that presents it to a device code and window."""

    __tablename__ = "enrollment_codes"
    code_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    device_code: Mapped[str] = mapped_column(String(12))
    window_code: Mapped[str] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    expires_at: Mapped[datetime] = mapped_column(DateTime)
    used_at: Mapped[datetime | None] = mapped_column(DateTime)
    device_id: Mapped[str | None] = mapped_column(String(36))
    # IT moves the device code to a new PC: the PC holding it is revoked when this code is used
    replaces: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class SignInGuardRow(Base):
    """Recent failed sign-ins or enrolments of one key (a user name, a device, an address)."""

    __tablename__ = "sign_in_guard"
    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    last_failure_at: Mapped[datetime | None] = mapped_column(DateTime)
    blocked_until: Mapped[datetime | None] = mapped_column(DateTime)


class RefreshTokenRow(Base):
    """A rotating refresh token bound to one device; a reused one revokes its whole family."""

    __tablename__ = "refresh_tokens"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    family: Mapped[str] = mapped_column(String(36))
    device_id: Mapped[str] = mapped_column(ForeignKey("devices.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    issued_at: Mapped[datetime] = mapped_column(DateTime)
    expires_at: Mapped[datetime] = mapped_column(DateTime)
    used_at: Mapped[datetime | None] = mapped_column(DateTime)
    replaced_by: Mapped[str | None] = mapped_column(String(64))
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)
    __table_args__ = (
        Index("ix_refresh_family", "family"),
        Index("ix_refresh_user_device", "user_id", "device_id"),  # ops replayed for a user of the PC
    )


class AppliedOpRow(Base):
    """The ledger of ops: an op id is applied once (primary key), a device's seq once (unique)."""

    __tablename__ = "applied_ops"
    op_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    device_id: Mapped[str] = mapped_column(ForeignKey("devices.id"))
    seq: Mapped[int] = mapped_column(BigId)
    op_type: Mapped[str] = mapped_column(String(40))
    payload_hash: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(20))  # applied | rejected
    reason: Mapped[str] = mapped_column(Text, default="")
    result: Mapped[dict[str, Any]]
    actor: Mapped[str] = mapped_column(String(60))
    applied_at: Mapped[datetime] = mapped_column(DateTime)
    __table_args__ = (
        UniqueConstraint("device_id", "seq", name="ux_applied_ops_device_seq"),
        Index("ix_applied_ops_status", "status"),
    )


class CaseRow(Base):
    """A case as the hall knows it; ``data`` is the full record in the wire format."""

    __tablename__ = "cases"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    case_number: Mapped[str | None] = mapped_column(String(40), unique=True)
    state: Mapped[str] = mapped_column(String(20))
    item_code: Mapped[str] = mapped_column(String(40))
    department: Mapped[str] = mapped_column(String(40))
    window_code: Mapped[str] = mapped_column(String(40))
    device_id: Mapped[str] = mapped_column(String(36))
    applicant_name: Mapped[str] = mapped_column(String(300))
    applicant_id_number: Mapped[str] = mapped_column(String(40))
    accepted_on: Mapped[date | None] = mapped_column(Date)
    promised_due: Mapped[date | None] = mapped_column(Date)
    legal_due: Mapped[date | None] = mapped_column(Date)
    deadline_provisional: Mapped[bool] = mapped_column(Boolean, default=False)
    completed_at: Mapped[datetime | None] = mapped_column(DateTime)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    # the number on the applicant's receipt when another case had it first (the case is kept
    # under a server-made ``case_number`` alias; the alias prints on a reprint)
    receipt_number: Mapped[str | None] = mapped_column(String(40))
    # set at 办结 (domain/case_steps.py): how the promise was kept, the fee charged in fen
    timeliness: Mapped[str | None] = mapped_column(String(10))
    fee_fen: Mapped[int | None] = mapped_column(BigInteger)
    # ... and the working days promised (extensions in) and used (stops out): 承诺 vs 实际时限
    days_promised: Mapped[int | None] = mapped_column(Integer)
    days_used: Mapped[int | None] = mapped_column(Integer)
    version: Mapped[int] = mapped_column(Integer, default=1)
    # the item the case was accepted under, stored once (hall_server/item_snapshots.py); a case
    # written before keeps its snapshot inline in ``data``
    item_snapshot_key: Mapped[str | None] = mapped_column(String(64))
    data: Mapped[dict[str, Any]]
    __table_args__ = (
        Index("ix_cases_department", "department"),
        Index("ix_cases_provisional", "deadline_provisional"),
        Index("ix_cases_promised_due", "promised_due"),
        Index("ix_cases_accepted_on", "accepted_on"),  # reports count a period's acceptances
        Index("ix_cases_receipt_number", "receipt_number"),  # the progress page finds a receipt's number
    )


class CasePartRow(Base):
    """A co-department's part of a joint case (并联审批), indexed from the case's lifecycle so a
    department's windows find their parts and supervision counts them; the lifecycle is the truth."""

    __tablename__ = "case_parts"
    case_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    department: Mapped[str] = mapped_column(String(40), primary_key=True)
    state: Mapped[str] = mapped_column(String(20))
    due: Mapped[date | None] = mapped_column(Date)
    __table_args__ = (Index("ix_case_parts_department", "department", "state"),)


class CaseEventRow(Base):
    __tablename__ = "case_events"
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(String(36))
    at: Mapped[datetime] = mapped_column(DateTime)
    action: Mapped[str] = mapped_column(String(40))
    from_state: Mapped[str | None] = mapped_column(String(20))
    to_state: Mapped[str | None] = mapped_column(String(20))
    actor: Mapped[str] = mapped_column(String(60))
    device_id: Mapped[str | None] = mapped_column(String(36))
    op_id: Mapped[str | None] = mapped_column(String(36))
    detail: Mapped[dict[str, Any]]
    __table_args__ = (
        Index("ix_case_events_case", "case_id"),
        Index("ix_case_events_at", "at"),  # reports count a period's events
    )


class ConsultRow(Base):
    __tablename__ = "consults"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    number: Mapped[str] = mapped_column(String(40), unique=True)
    device_id: Mapped[str] = mapped_column(String(36))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    data: Mapped[dict[str, Any]]
    receipt_number: Mapped[str | None] = mapped_column(String(40))  # as on cases
    __table_args__ = (Index("ix_consults_created", "created_at"),)


class NoticeNumberRow(Base):
    """Every notice number a window issued (一次性告知书, 不予受理通知书 …), once in the hall."""

    __tablename__ = "notice_numbers"
    number: Mapped[str] = mapped_column(String(40), primary_key=True)
    case_id: Mapped[str] = mapped_column(String(36))
    device_id: Mapped[str] = mapped_column(String(36))
    at: Mapped[datetime] = mapped_column(DateTime)


class CollisionRow(Base):
    """A case, notice or consult number already taken by another record: the newcomer is kept
    under ``alias`` (cases, consults) or as it is (notices), never merged; supervisors, IT's
    export and the window's diagnose show it."""

    __tablename__ = "number_collisions"
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    number: Mapped[str] = mapped_column(String(60))
    existing_id: Mapped[str] = mapped_column(String(36))
    new_id: Mapped[str] = mapped_column(String(36))
    device_id: Mapped[str] = mapped_column(String(36))
    op_id: Mapped[str] = mapped_column(String(36))
    at: Mapped[datetime] = mapped_column(DateTime)
    kind: Mapped[str] = mapped_column(String(10), default="case", server_default="case")
    alias: Mapped[str | None] = mapped_column(String(40))
    __table_args__ = (Index("ix_number_collisions_at", "at"),)


class CatalogueItemRow(Base):
    __tablename__ = "catalogue_items"
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    code: Mapped[str] = mapped_column(String(40))
    version: Mapped[int] = mapped_column(Integer)
    is_current: Mapped[bool] = mapped_column(Boolean)
    data: Mapped[dict[str, Any]]
    __table_args__ = (UniqueConstraint("code", "version", name="ux_catalogue_code_version"),)


class CatalogueEntryRow(Base):
    """Departments and windows, one JSON document each, keyed ``department:GA`` / ``window:A01``."""

    __tablename__ = "catalogue_entries"
    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    data: Mapped[dict[str, Any]]


class CalendarYearRow(Base):
    __tablename__ = "calendar_years"
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    holidays: Mapped[list[Any]]
    workdays: Mapped[list[Any]]
    source: Mapped[str] = mapped_column(String(40))
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class HallSettingRow(Base):
    __tablename__ = "hall_settings"
    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class ChangeRow(Base):
    """The change feed the windows pull, ordered by (tx, id).

    ``tx`` is the writing transaction's id on PostgreSQL (``pg_current_xact_id``) and 0 on SQLite,
    whose writers are serialised. A pull only returns rows of transactions older than every one
    still running, so a transaction that commits late can never be skipped by a cursor.
    """

    __tablename__ = "change_log"
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    tx: Mapped[int] = mapped_column(BigInteger, server_default="0")  # pg_current_xact_id() on PostgreSQL
    kind: Mapped[str] = mapped_column(String(20))
    key: Mapped[str] = mapped_column(String(60))
    department: Mapped[str | None] = mapped_column(String(40))
    window_code: Mapped[str | None] = mapped_column(String(40))
    at: Mapped[datetime] = mapped_column(DateTime)
    data: Mapped[dict[str, Any]]
    # a whole case's item snapshot, stored once in item_snapshots; its data holds the same key
    snapshot_key: Mapped[str | None] = mapped_column(String(64))
    __table_args__ = (Index("ix_change_log_tx_id", "tx", "id"),)


class ItemSnapshotRow(Base):
    """An item as cases were accepted under it, by content address (domain/canonical_json
    snapshot_key): the change feed carries the key, a pull page each snapshot it names once.
    Never changed; a window that missed a page (a snapshot reload) gets cases whole."""

    __tablename__ = "item_snapshots"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    data: Mapped[dict[str, Any]]


class AuditRow(Base):
    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    actor: Mapped[str] = mapped_column(String(60))
    device_id: Mapped[str | None] = mapped_column(String(36))
    action: Mapped[str] = mapped_column(String(40))
    object_id: Mapped[str] = mapped_column(String(60))
    detail: Mapped[dict[str, Any]]


class ProgressQueryRow(Base):
    """One query of the public progress page (办件查询): who asked (the client address), about
    which number and whether it was answered, kept for supervision and counted for the limits."""

    __tablename__ = "progress_queries"
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    address: Mapped[str] = mapped_column(String(45))
    case_number: Mapped[str] = mapped_column(String(40))
    outcome: Mapped[str] = mapped_column(String(12))  # answered / unmatched / limited
    __table_args__ = (
        Index("ix_progress_queries_address", "address", "at"),
        Index("ix_progress_queries_number", "case_number", "at"),
    )
