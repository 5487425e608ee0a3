"""The applicant's progress query (办件查询): the case number on the receipt and the last four
characters of the applicant's ID number (or phone) answer where the case stands, its promised
date, the next step and what to bring; the name masked (王*芳); nothing more.

Against enumeration: a wrong pair answers exactly as an unknown number does (the same work,
the tail compared in constant time); every query is kept (address, number, outcome) for
supervision and counted for the limits: per address a minute, and wrong pairs per number an
hour, after which the number answers no more for a while (the applicant asks at the desk).
"""

from __future__ import annotations

import hmac
import re
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, func, insert, literal, or_, select, text

from counter_app.domain.case import CASE_STATE_LABELS, CaseState
from counter_app.domain.case_steps import SPECIAL_KIND_LABELS
from counter_app.domain.dates import written_date
from hall_server.changes import utcnow
from hall_server.config import ServerConfig
from hall_server.db import ServerDatabase
from hall_server.models import CaseRow, ItemSnapshotRow, ProgressQueryRow
from hall_server.queue.kiosk_limits import TooManyTickets

NUMBER = re.compile(r"^[A-Z0-9]{6,40}$")
TAIL = re.compile(r"^[0-9X]{4}$")
MINUTE, HOUR = timedelta(minutes=1), timedelta(hours=1)
NOT_FOUND: dict[str, Any] = {
    "found": False,
    "message": "未查到与该办件编号和证件号码（或手机号码）后四位相符的办件，请核对受理通知书上的编号后重试，或到服务台咨询。",
}
TO_COLLECT = ["受理通知书", "申请人身份证件（委托他人领取的，另带授权委托书及受托人身份证件）"]


class BadQuery(ValueError):
    """422: the number or the four characters are not what the form asks for."""


@dataclass(frozen=True)
class ProgressLimits:
    per_address_per_minute: int = 30
    misses_per_number_per_hour: int = 10

    @classmethod
    def of(cls, cfg: ServerConfig) -> ProgressLimits:
        return cls(cfg.progress_queries_per_minute, cfg.progress_misses_per_hour)


def mask_name(name: str) -> str:
    """王*芳, 王*, 欧**锋; an organisation keeps its first and last characters."""
    name = name.strip()
    if len(name) <= 1:
        return "*" if name else ""
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]


def clean_query(number: Any, tail: Any) -> tuple[str, str]:
    text = str(number or "").strip().upper() if isinstance(number, str) else ""
    four = str(tail or "").strip().upper() if isinstance(tail, str) else ""
    if not NUMBER.match(text):
        raise BadQuery("请输入受理通知书上的办件编号（字母和数字，6至40位）。")
    if not TAIL.match(four):
        raise BadQuery("请输入申请人证件号码或手机号码的后四位（数字或X）。")
    return text, four


def _tails(row: Any) -> list[str]:
    if row is None:
        return ["\0\0\0\0", "\0\0\0\0"]  # compared all the same: an unknown number takes as long
    applicant = (row.data or {}).get("applicant") or {}
    digits = re.sub(r"\D", "", str(applicant.get("phone") or ""))
    return [row.applicant_id_number.strip().upper()[-4:].rjust(4, "\0"), digits[-4:].rjust(4, "\0")]


def _matches(row: Any, tail: str) -> bool:
    found = [hmac.compare_digest(known.encode(), tail.encode()) for known in _tails(row)]
    return row is not None and any(found)


def _window(since: str, cap: str, **where: Any) -> tuple[Any, Any]:
    """How many stored queries match *where* since *since*, counted no further than *cap* (the
    limit: a client hammering the page makes its own count no dearer), and the oldest of them."""
    rows = select(literal(1)).where(ProgressQueryRow.at >= bindparam(since))
    oldest = select(ProgressQueryRow.at).where(ProgressQueryRow.at >= bindparam(since))
    for column, value in where.items():
        rows = rows.where(getattr(ProgressQueryRow, column) == value)
        oldest = oldest.where(getattr(ProgressQueryRow, column) == value)
    counted = select(func.count()).select_from(rows.limit(bindparam(cap)).subquery())
    # the first in the index's order, not min(): planned on an empty table (a new hall's first
    # queries, then kept by the prepared statement), min() read every row of the window
    return counted.scalar_subquery(), oldest.order_by(ProgressQueryRow.at).limit(1).scalar_subquery()


_CASE = CaseRow.__table__.c
_SNAPSHOT = ItemSnapshotRow.__table__.c
_SHOWN = [
    _CASE.case_number,
    _CASE.state,
    _CASE.applicant_name,
    _CASE.applicant_id_number,
    _CASE.accepted_on,
    _CASE.promised_due,
    _CASE.deadline_provisional,
    _CASE.data,
    _SNAPSHOT.data.label("item_snapshot"),  # a case written before migration 0014: NULL, inline in data
]
_STATEMENTS: dict[bool, Any] = {}


def _statement(db: ServerDatabase) -> Any:
    """One round trip: both limits' counts and the case (or none), built once per dialect."""
    stmt = _STATEMENTS.get(db.is_postgres)
    if stmt is None:
        number: Any = bindparam("number")
        per_address = _window("minute_ago", "address_cap", address=bindparam("address"))
        per_number = _window("hour_ago", "number_cap", case_number=number, outcome=literal("unmatched"))
        one = select(literal(1).label("one")).subquery()
        columns = [*per_address, *per_number, *_SHOWN]
        found = or_(_CASE.case_number == number, _CASE.receipt_number == number)
        stmt = _STATEMENTS[db.is_postgres] = (
            select(*columns)
            .select_from(
                one.outerjoin(CaseRow.__table__, found).outerjoin(
                    ItemSnapshotRow.__table__, _SNAPSHOT.key == _CASE.item_snapshot_key
                )
            )
            .limit(1)
        )
    return stmt


def _limited(row: Any, now: datetime, limits: ProgressLimits) -> TooManyTickets | None:
    by_address, oldest_address, misses, oldest_miss = row[0], row[1], row[2], row[3]
    if limits.per_address_per_minute and by_address >= limits.per_address_per_minute:
        wait = int(((oldest_address or now) + MINUTE - now).total_seconds()) + 1
        return TooManyTickets("too_many_queries", "查询过于频繁，请稍后再试。", wait)
    if limits.misses_per_number_per_hour and misses >= limits.misses_per_number_per_hour:
        wait = int(((oldest_miss or now) + HOUR - now).total_seconds()) + 1
        return TooManyTickets(
            "number_locked",
            "该办件编号查询错误次数过多，请一小时后再试，或携带身份证件到服务台查询。",
            wait,
        )
    return None


def query_progress(
    db: ServerDatabase, number: Any, tail: Any, address: str, limits: ProgressLimits
) -> dict[str, Any]:
    """The answer for *number* and *tail*; raises BadQuery (422) or TooManyTickets (429)."""
    number, tail = clean_query(number, tail)
    now = utcnow()
    params = {
        "number": number,
        "address": address,
        "minute_ago": now - MINUTE,
        "hour_ago": now - HOUR,
        "address_cap": limits.per_address_per_minute,
        "number_cap": limits.misses_per_number_per_hour,
    }
    # PostgreSQL: two statements in autocommit (no BEGIN and COMMIT round trips; the limits were
    # never a lock anyway, two queries at once may both pass); SQLite: one write transaction
    pg = db.is_postgres
    with (db.reader if pg else db.engine).connect() as conn, nullcontext() if pg else conn.begin():
        found = conn.execute(_statement(db), params).one()
        refusal = _limited(found, now, limits)
        case = found if found.case_number is not None and refusal is None else None
        matched = refusal is None and _matches(case, tail)
        outcome = "limited" if refusal else "answered" if matched else "unmatched"
        kept = {"at": now, "address": address[:45], "number": number, "outcome": outcome}
        conn.execute(_LOG_PG if pg else _LOG, kept)
        answer = progress_of(case) if matched else NOT_FOUND
    if refusal is not None:
        raise refusal
    return answer


_LOG = insert(ProgressQueryRow).values(
    at=bindparam("at"),
    address=bindparam("address"),
    case_number=bindparam("number"),
    outcome=bindparam("outcome"),
)
# the query log need not wait for the disk (a crash may lose a moment of it, never a case)
_LOG_PG = text(
    "WITH lazy AS (SELECT set_config('synchronous_commit', 'off', true) AS done) "
    "INSERT INTO progress_queries (at, address, case_number, outcome) "
    "SELECT :at, :address, :number, :outcome FROM lazy"
)


def _item(row: Any) -> dict[str, Any]:
    """The item the case was accepted under: stored once (joined by the query) or inline."""
    found = row.item_snapshot or (row.data or {}).get("item_snapshot")
    return found if isinstance(found, dict) else {}


def _open_stop(lifecycle: dict[str, Any]) -> dict[str, Any]:
    stops = [s for s in lifecycle.get("stops", []) if isinstance(s, dict) and not s.get("ended_on")]
    return stops[-1] if stops else {}


def _next_step(row: Any, state: CaseState) -> tuple[str, list[str]]:
    data = row.data or {}
    lifecycle = data.get("lifecycle") or {}
    promised = written_date(row.promised_due, provisional=row.deadline_provisional)
    if state is CaseState.NOTIFIED:
        missing = [
            str(m.get("name", ""))
            for m in data.get("materials") or []
            if isinstance(m, dict) and m.get("status") in ("missing", "needs_correction")
        ]
        return "申请材料尚不齐全：请按一次性告知书补齐下列材料后到窗口提交。", missing
    if state in (CaseState.ACCEPTED, CaseState.UNDER_REVIEW):
        return f"正在审查，无需到场。承诺于{promised}前办结。", []
    if state is CaseState.CORRECTION:
        detail = _open_stop(lifecycle).get("detail") or {}
        bring = [
            f"{m.get('name', '')}（{m.get('problem', '')}）"
            for m in detail.get("materials") or []
            if isinstance(m, dict)
        ]
        return "需要补正材料：请携带下列材料到窗口补正；补正期间暂停计时，补正后继续计算。", bring
    if state is CaseState.SUSPENDED:
        kind = str((_open_stop(lifecycle).get("detail") or {}).get("procedure") or "other")
        return (
            f"已进入特别程序（{SPECIAL_KIND_LABELS.get(kind, '其他')}），期间暂停计时，结束后继续办理。",
            [],
        )
    if state is CaseState.DECIDED:
        return f"已作出审批决定，正在制证办结，承诺于{promised}前办结。", []
    if state is CaseState.COMPLETED:
        pickup = str(_item(row).get("pickup") or "")
        return "已办结，请凭受理通知书和身份证件领取结果。" + (f"（{pickup}）" if pickup else ""), TO_COLLECT
    return {
        CaseState.DELIVERED: "办理结果已领取或已送达，办理完毕。",
        CaseState.RETURNED: "本件已退办，原因及救济途径详见退办通知书。",
        CaseState.REFUSED: "本件不予受理，原因及救济途径详见不予受理通知书。",
        CaseState.WITHDRAWN: "申请已撤回，办理终止。",
    }.get(state, ""), []


def progress_of(row: Any) -> dict[str, Any]:
    """What the applicant may see: state, dates, next step, what to bring; the name masked."""
    data = row.data or {}
    state = CaseState(row.state)
    step, bring = _next_step(row, state)
    return {
        "found": True,
        "case_number": row.case_number or "",
        "item_name": str(_item(row).get("name") or data.get("item_code") or ""),
        "applicant": mask_name(row.applicant_name),
        "state": CASE_STATE_LABELS[state],
        "accepted_on": written_date(row.accepted_on),
        "promised_due": written_date(row.promised_due, provisional=row.deadline_provisional)
        if state in (CaseState.ACCEPTED, CaseState.UNDER_REVIEW, CaseState.DECIDED)
        else "",
        "next_step": step,
        "bring": bring,
    }
