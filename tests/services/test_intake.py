"""Intake use cases against a real SQLite file: every action is one transaction."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import replace
from datetime import date, datetime

import pytest

from counter_app.domain.case import CaseState, Party
from counter_app.domain.identity import IdType, PartyKind
from counter_app.domain.messages import DomainError
from counter_app.domain.records import NoticeKind
from counter_app.services.cases import CaseService
from counter_app.services.context import AppContext, SignedInUser
from counter_app.services.intake import IntakeService
from tests.conftest import Clock
from tests.services.helpers import draft, first_item, item_named, with_missing


def rows(ctx: AppContext, sql: str) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(ctx.db.path)) as con, con:
        return con.execute(sql).fetchall()


def test_accept_writes_case_notices_audit_and_outbox_together(ctx: AppContext) -> None:
    item = item_named(ctx, "居民身份证换领")
    outcome = IntakeService(ctx).accept(draft(item))
    case = outcome.case
    assert case.state is CaseState.ACCEPTED
    assert case.case_number == "330100W01202611230001"
    assert case.accepted_on == date(2026, 11, 23)
    # 15 working days from Monday 23 November 2026, no holiday between: counted by hand
    assert item.promised_limit_days == 15
    assert case.promised_due == date(2026, 12, 14)
    assert [n.kind for n in outcome.notices] == [NoticeKind.ACCEPTANCE, NoticeKind.PROCESSING]
    assert rows(ctx, "SELECT action, object_id FROM audit_log") == [("case.accept", case.id)]
    ops = rows(ctx, "SELECT seq, op_type, length(op_id) FROM outbox")
    assert ops == [(1, "case.accept", 36)]


def test_numbers_and_outbox_sequence_are_gapless(ctx: AppContext) -> None:
    intake = IntakeService(ctx)
    item = item_named(ctx, "居民身份证换领")
    numbers = [intake.accept(draft(item)).case.case_number for _ in range(3)]
    assert [n[-4:] for n in numbers if n] == ["0001", "0002", "0003"]
    with pytest.raises(DomainError):
        intake.accept(draft(item, with_missing(item, 0)))  # refused before any write
    intake.notify(draft(item, with_missing(item, 0)))
    assert [r[0] for r in rows(ctx, "SELECT seq FROM outbox ORDER BY seq")] == [1, 2, 3, 4]


def test_a_new_day_restarts_the_daily_sequence(ctx: AppContext, clock: Clock) -> None:
    item = item_named(ctx, "居民身份证换领")
    IntakeService(ctx).accept(draft(item))
    clock.now = datetime(2026, 11, 24, 9, 0)
    assert IntakeService(ctx).accept(draft(item)).case.case_number == "330100W01202611240001"


def test_bad_input_changes_nothing(ctx: AppContext) -> None:
    item = item_named(ctx, "居民身份证换领")
    bad = replace(
        draft(item), applicant=Party(PartyKind.PERSON, "张三", IdType.RESIDENT_ID, "330106198001012010")
    )
    with pytest.raises(DomainError) as err:
        IntakeService(ctx).accept(bad)
    assert err.value.field == "applicant.id_number"
    assert rows(ctx, "SELECT count(*) FROM cases") == [(0,)]
    assert rows(ctx, "SELECT count(*) FROM outbox") == [(0,)]


def test_a_failure_inside_the_transaction_rolls_everything_back(
    ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    from counter_app.store import unit_of_work

    def broken_outbox(self: object, op_type: str, payload: dict[str, object]) -> str:
        raise OSError("disk full")

    monkeypatch.setattr(unit_of_work.UnitOfWork, "outbox", broken_outbox)
    with pytest.raises(OSError):
        IntakeService(ctx).accept(draft(item_named(ctx, "居民身份证换领")))
    assert rows(ctx, "SELECT count(*) FROM cases") == [(0,)]
    assert rows(ctx, "SELECT count(*) FROM notices") == [(0,)]
    assert rows(ctx, "SELECT count(*) FROM audit_log") == [(0,)]
    assert rows(ctx, "SELECT value FROM sequences") == []  # the number was not used up


def test_notify_then_return_and_accept_starts_the_clock_then(ctx: AppContext, clock: Clock) -> None:
    item = item_named(ctx, "居民身份证换领")
    intake, cases = IntakeService(ctx), CaseService(ctx)
    notified = intake.notify(draft(item, with_missing(item, 0)))
    notice = notified.notices[0]
    assert notice.kind is NoticeKind.ONE_TIME
    assert notice.number.startswith("GZ330100W0120261123")
    assert [p["name"] for p in notice.payload["problems"]] == [item.materials[0].name]
    assert notified.case.case_number is None

    clock.now = datetime(2026, 11, 30, 10, 0)
    found = cases.find_returning(notice.number)
    assert [f.id for f in found] == [notified.case.id]
    assert found[0].notice_number == notice.number  # what names it in the list: no case number yet
    assert found[0].state.value == "notified" and found[0].applicant_name == notified.case.applicant_name
    assert cases.find_returning(notified.case.applicant["id_number"])[0].id == notified.case.id
    reopened = cases.reopen(found[0].id)
    assert reopened is not None
    assert reopened.checks[0].status.value == "missing"
    assert all(c.status.value == "received" for c in reopened.checks[1:] if c.material.required)

    checks = tuple(
        replace(c, status=c.status.RECEIVED) if c.material.required else c for c in reopened.checks
    )
    accepted = intake.accept(draft(item, checks, resume=reopened.case.id))
    assert accepted.case.id == notified.case.id
    assert accepted.case.accepted_on == date(2026, 11, 30)
    detail = cases.detail(accepted.case.id)
    assert detail is not None
    assert [e.action for e in detail.events] == ["case.notify", "case.accept"]
    assert cases.find_returning(notice.number) == []


def test_instant_item_is_completed_at_once(ctx: AppContext) -> None:
    item = first_item(ctx, instant=True)
    outcome = IntakeService(ctx).complete_instant(draft(item))
    assert outcome.case.state is CaseState.COMPLETED
    assert outcome.case.completed_at is not None
    assert [n.kind for n in outcome.notices] == [NoticeKind.COMPLETION]
    with pytest.raises(DomainError):
        IntakeService(ctx).complete_instant(draft(item_named(ctx, "居民身份证换领")))


def test_joint_item_issues_joint_notices(ctx: AppContext) -> None:
    item = first_item(ctx, joint=True)
    outcome = IntakeService(ctx).accept(draft(item))
    assert [n.kind for n in outcome.notices] == [NoticeKind.JOINT_ACCEPTANCE, NoticeKind.JOINT_PROCESSING]
    assert outcome.notices[0].payload["item"]["joint_departments"]


def test_refuse_needs_reason_and_basis(ctx: AppContext) -> None:
    item = item_named(ctx, "居民身份证换领")
    intake = IntakeService(ctx)
    with pytest.raises(DomainError) as err:
        intake.refuse(draft(item), "", "《中华人民共和国居民身份证法》")
    assert err.value.field == "reason"
    with pytest.raises(DomainError) as err:
        intake.refuse(draft(item), "不属于本机关职权范围", "  ")
    assert err.value.field == "legal_basis"
    outcome = intake.refuse(draft(item), "不属于本机关职权范围", "《中华人民共和国行政许可法》第三十二条")
    assert outcome.case.state is CaseState.REFUSED
    assert outcome.notices[0].number.startswith("BY")
    assert outcome.notices[0].payload["hall"]["reconsideration_body"] == ctx.settings["reconsideration_body"]


def test_december_case_gets_a_provisional_deadline_then_the_fix(
    ctx: AppContext, clock: Clock, tmp_path: object
) -> None:
    from pathlib import Path

    from counter_app.services.catalogue import import_calendar_file

    clock.now = datetime(2026, 12, 20, 10, 0)  # a Sunday: halls with weekend service exist
    item = replace(item_named(ctx, "居民身份证换领"), promised_limit_days=20, legal_limit_days=60)
    outcome = IntakeService(ctx).accept(draft(item))
    assert outcome.case.deadline_provisional
    assert outcome.case.promised_due == date(2027, 1, 15)
    assert outcome.warnings and "{years}" in outcome.warnings[0][0]
    assert outcome.warnings[0][1] == {"years": "2027"}
    assert outcome.notices[0].payload["provisional"] is True

    calendar_file = Path(str(tmp_path)) / "cal.json"
    calendar_file.write_text(
        '{"format": "counter-app-calendar", "years": {"2027": {"holidays": ["2027-01-01"], "workdays": []}}}',
        encoding="utf-8",
    )
    years, fixed = import_calendar_file(ctx, calendar_file)
    assert [y.year for y in years] == [2027]
    assert fixed == 1
    detail = CaseService(ctx).detail(outcome.case.id)
    assert detail is not None
    assert not detail.case.deadline_provisional
    assert detail.case.promised_due == date(2027, 1, 18)
    assert detail.events[-1].action == "case.deadline_recomputed"
    assert rows(ctx, "SELECT op_type FROM outbox ORDER BY seq")[-1] == ("case.deadline_recomputed",)
    for notice in detail.notices:  # a reprint prints the final date, without 暂定
        assert notice.payload["promised_due"] == "2027-01-18"
        assert notice.payload["provisional"] is False and notice.payload["promised_provisional"] is False


def test_consult_register(ctx: AppContext) -> None:
    consult = IntakeService(ctx).record_consult(
        item_named(ctx, "居民身份证换领"), "需要带什么材料？", "原身份证、户口簿"
    )
    assert consult.number.startswith("ZX")
    assert rows(ctx, "SELECT op_type FROM outbox") == [("consult.record",)]
    with pytest.raises(DomainError):
        IntakeService(ctx).record_consult(None, "  ", "")


def test_search_by_every_key(ctx: AppContext) -> None:
    item = item_named(ctx, "居民身份证换领")
    case = IntakeService(ctx).accept(draft(item)).case
    notified = IntakeService(ctx).notify(draft(item, with_missing(item, 0)))
    search = CaseService(ctx).search
    assert case.case_number
    assert [c.id for c in search(case.case_number)] == [case.id]
    assert [c.id for c in search(notified.notices[0].number)] == [notified.case.id]
    assert len(search("张三")) == 2
    assert len(search("居民身份证")) == 2
    assert len(search(case.applicant["id_number"])) == 2
    assert len(search("13800138000")) == 2
    assert search("李四") == []
    assert len(CaseService(ctx).today()) == 2


def test_a_supervisor_s_sign_in_records_no_case(ctx: AppContext) -> None:
    """The hall server refuses a supervisor's case ops: refused here, before a receipt is printed."""
    ctx.user = SignedInUser("zhaolei", "赵磊", "supervisor")
    item = item_named(ctx, "居民身份证换领")
    with pytest.raises(DomainError) as refused:
        IntakeService(ctx).accept(draft(item))
    assert refused.value.field == "role"
    assert rows(ctx, "SELECT count(*) FROM cases") == [(0,)]
    assert rows(ctx, "SELECT count(*) FROM outbox") == [(0,)]
    ctx.user = SignedInUser("wangfang", "王芳", "clerk")
    assert IntakeService(ctx).accept(draft(item)).case.case_number == "330100W01202611230001"


def test_a_supervisors_sign_in_is_refused_before_anything_is_written(
    ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The guard comes first: not a database transaction is opened, every recording call says why."""
    from counter_app.services import intake, notices, visits
    from counter_app.services.notices import NoticeService

    item = item_named(ctx, "居民身份证换领")
    made = IntakeService(ctx).accept(draft(item))
    ctx.user = SignedInUser("zhaolei", "赵磊", "supervisor")

    def no_transaction(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("a transaction was opened for a watching role")

    for module in (intake, notices, visits):
        monkeypatch.setattr(module, "unit_of_work", no_transaction)
    calls = [
        lambda: IntakeService(ctx).accept(draft(item)),
        lambda: IntakeService(ctx).notify(draft(item, with_missing(item, 0))),
        lambda: IntakeService(ctx).refuse(draft(item), "不属于本机关职权范围", "《行政许可法》第三十二条"),
        lambda: IntakeService(ctx).record_consult(item, "问", "答"),
        lambda: NoticeService(ctx).material_receipt(made.case.id),
        lambda: NoticeService(ctx).record_output(made.notices[0].id, "paper"),
        lambda: visits.rate_visit(ctx, "v1", 1, []),
    ]
    for call in calls:
        with pytest.raises(DomainError) as err:
            call()
        assert err.value.field == "role" and "supervisor" in str(err.value.message)
    assert rows(ctx, "SELECT count(*) FROM outbox") == [(1,)]  # only the clerk's accept
