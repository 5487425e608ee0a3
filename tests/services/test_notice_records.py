"""Notices after the fact, against a real SQLite file: what is counted, audited and queued for sync."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from counter_app.domain.records import NoticeKind
from counter_app.services.cases import CaseService
from counter_app.services.catalogue import import_calendar_file
from counter_app.services.context import AppContext
from counter_app.services.demo import person
from counter_app.services.intake import IntakeService
from counter_app.services.notices import NoticeService
from tests.conftest import Clock
from tests.printing.reading import text_of
from tests.services.helpers import draft, item_named, with_missing


def rows(ctx: AppContext, sql: str) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(ctx.db.path)) as con, con:
        return con.execute(sql).fetchall()


def outbox(ctx: AppContext, op_type: str) -> list[dict[str, object]]:
    found = rows(ctx, f"SELECT payload FROM outbox WHERE op_type = '{op_type}' ORDER BY seq")
    return [json.loads(str(p)) for (p,) in found]


def test_recomputed_deadline_reaches_the_reprinted_notices(
    ctx: AppContext, clock: Clock, tmp_path: Path
) -> None:
    clock.now = datetime(2026, 12, 20, 10, 0)
    item = replace(item_named(ctx, "居民身份证换领"), promised_limit_days=20, legal_limit_days=60)
    outcome = IntakeService(ctx).accept(draft(item))
    acceptance, processing = outcome.notices
    notices = NoticeService(ctx)
    before = text_of(notices.pdf(acceptance))
    assert "2027年1月15日（暂定）" in before and "2027年的节假日安排尚未发布" in before
    notices.record_output(acceptance.id, "print", "file:/tmp/first.pdf")  # handed out provisional

    calendar = tmp_path / "cal.json"
    calendar.write_text(
        '{"format": "counter-app-calendar", "years": {"2027": {"holidays": ["2027-01-01"], "workdays": []}}}',
        encoding="utf-8",
    )
    assert import_calendar_file(ctx, calendar)[1] == 1

    reprinted = ctx.cases.notice(acceptance.id)
    assert reprinted is not None and reprinted.print_count == 1
    text = text_of(notices.pdf(reprinted))
    assert "承诺办结日期2027年1月18日" in text
    assert "暂定" not in text and "尚未发布" not in text
    assert "补打（第1次）" in text
    slip = ctx.cases.notice(processing.id)
    assert slip is not None
    assert "请于2027年1月18日前办结" in text_of(notices.pdf(slip))
    assert slip.payload["provisional"] is False and slip.payload["missing_years"] == []
    detail = CaseService(ctx).detail(outcome.case.id)
    assert detail is not None
    event = detail.events[-1]
    assert event.action == "case.deadline_recomputed"
    assert event.detail["notices"] == [acceptance.number, processing.number]
    assert outbox(ctx, "case.deadline_recomputed")[0]["notices"] == [acceptance.number, processing.number]


def test_material_receipt_is_queued_for_the_hall_server(ctx: AppContext) -> None:
    case = IntakeService(ctx).accept(draft(item_named(ctx, "居民身份证换领"))).case
    receipt = NoticeService(ctx).material_receipt(case.id)
    assert receipt.kind is NoticeKind.MATERIAL_RECEIPT
    assert outbox(ctx, "notice.material_receipt") == [
        {"case_id": case.id, "notice_id": receipt.id, "number": case.case_number}
    ]


def test_print_failure_is_queued_with_its_case(ctx: AppContext) -> None:
    outcome = IntakeService(ctx).accept(draft(item_named(ctx, "居民身份证换领")))
    notice = outcome.notices[0]
    NoticeService(ctx).record_failure(notice.id, "printer 'A4' is not installed")
    assert outbox(ctx, "notice.print_failed") == [
        {
            "case_id": outcome.case.id,
            "notice_id": notice.id,
            "number": notice.number,
            "reason": "printer 'A4' is not installed",
        }
    ]
    assert rows(ctx, "SELECT count(*) FROM audit_log WHERE action = 'notice.print_failed'") == [(1,)]


def test_a_saved_pdf_is_audited_but_only_paper_makes_a_reprint(ctx: AppContext) -> None:
    notice = IntakeService(ctx).accept(draft(item_named(ctx, "居民身份证换领"))).notices[0]
    service = NoticeService(ctx)
    saved = service.record_output(notice.id, "pdf", "/tmp/copy.pdf")
    assert saved.print_count == 0
    assert "补打" not in text_of(service.pdf(saved))
    printed = service.record_output(notice.id, "print", "file:/tmp/x.pdf")
    assert printed.print_count == 1
    assert rows(ctx, "SELECT action FROM audit_log WHERE object_type = 'notice' ORDER BY id") == [
        ("notice.saved_pdf",),
        ("notice.print",),
    ]
    assert all(op["case_id"] == notice.case_id for op in outbox(ctx, "notice.saved_pdf"))


def test_returning_applicant_found_by_id_number_typed_loosely(ctx: AppContext) -> None:
    item = item_named(ctx, "居民身份证换领")
    intake = IntakeService(ctx)
    zhang = intake.notify(draft(item, with_missing(item, 0))).case
    li = intake.notify(draft(item, with_missing(item, 0), who=person("李四", "33010619800101118"))).case
    assert li.applicant["id_number"] == "33010619800101118X"
    find = CaseService(ctx).find_returning
    assert [c.id for c in find(" 330106 198001012019 ")] == [zhang.id]
    assert [c.id for c in find("330106-19800101118x")] == [li.id]
    assert [c.id for c in find("３３０１０６１９８００１０１１１８ｘ")] == [li.id]  # full-width input


def test_characters_the_font_cannot_draw_are_named(ctx: AppContext) -> None:
    item = item_named(ctx, "居民身份证换领")
    rare = IntakeService(ctx).accept(draft(item, who=person("王䶮𠀀", "33010619800101201")))
    plain = IntakeService(ctx).accept(draft(item))
    service = NoticeService(ctx)
    assert service.missing_glyphs(rare.notices) == ["䶮", "𠀀"]
    assert service.missing_glyphs(plain.notices) == []
