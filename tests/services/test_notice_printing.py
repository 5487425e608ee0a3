"""A notice is counted as printed only when a real CUPS says the copy came out."""

from __future__ import annotations

import sqlite3

from counter_app.domain.records import Notice
from counter_app.printing import print_errors as why
from counter_app.services.context import AppContext
from counter_app.services.intake import IntakeService
from counter_app.services.notice_printing import CopyResult, print_copy, record_copies
from counter_app.services.notices import NoticeService
from tests.cups_server import CupsServer
from tests.printing.reading import text_of
from tests.services.helpers import draft, item_named


def audit(ctx: AppContext) -> list[tuple[str, int | None]]:
    con = sqlite3.connect(ctx.data_dir / "counter.sqlite")
    try:
        return con.execute(
            "select action, json_extract(detail, '$.count') from audit_log where action like 'notice.%' "
            "and action != 'notice.material_receipt' order by rowid"
        ).fetchall()
    finally:
        con.close()


def printed_once(ctx: AppContext, notice: Notice) -> CopyResult:
    service = NoticeService(ctx)
    [result] = record_copies(service, [print_copy(service, notice)])
    return result


def test_a_rejected_copy_is_not_counted_and_the_next_real_one_is_the_first_print(
    ctx: AppContext, cups: CupsServer
) -> None:
    out = cups.add_pdf_printer("hall_a4_1")
    cups.reject("hall_a4_1", "Paused by IT")
    ctx.settings.set_user({"printer_a4": "hall_a4_1"})
    notice = IntakeService(ctx).accept(draft(item_named(ctx, "居民身份证换领"))).notices[0]

    failed = printed_once(ctx, notice)
    assert (failed.reason, failed.printer, failed.system_words) == (
        why.REJECTING,
        "hall_a4_1",
        "Paused by IT",
    )
    assert ctx.cases.notice(notice.id).print_count == 0
    assert audit(ctx) == [("notice.print_failed", None)]

    cups.accept("hall_a4_1")
    done = printed_once(ctx, ctx.cases.notice(notice.id))
    assert not done.failed and done.notice.print_count == 1
    assert audit(ctx) == [("notice.print_failed", None), ("notice.print", 1)]
    [paper] = cups.printed(out)
    assert "补打" not in text_of(paper.read_bytes())  # the first copy that came out is no reprint


def test_an_aborted_reprint_leaves_the_count_and_the_next_copy_is_the_first_reprint(
    ctx: AppContext, cups: CupsServer
) -> None:
    good = cups.add_pdf_printer("hall_a4_2")
    cups.add_failing_queue("hall_a4_jam", "abort")
    ctx.settings.set_user({"printer_a4": "hall_a4_2"})
    notice = IntakeService(ctx).accept(draft(item_named(ctx, "居民身份证换领"))).notices[0]
    assert printed_once(ctx, notice).notice.print_count == 1

    ctx.settings.set_user({"printer_a4": "hall_a4_jam"})
    jammed = printed_once(ctx, ctx.cases.notice(notice.id))
    assert jammed.reason == why.ABORTED
    assert "Paper jam in tray 2" in jammed.system_words  # the backend's own words, kept for IT
    assert ctx.cases.notice(notice.id).print_count == 1

    ctx.settings.set_user({"printer_a4": "hall_a4_2"})
    again = printed_once(ctx, ctx.cases.notice(notice.id))
    assert again.notice.print_count == 2
    assert audit(ctx) == [("notice.print", 1), ("notice.print_failed", None), ("notice.reprint", 2)]
    first, second = cups.printed(out=good, count=2)
    assert "补打" not in text_of(first.read_bytes())
    assert "补打（第1次）" in text_of(second.read_bytes())
