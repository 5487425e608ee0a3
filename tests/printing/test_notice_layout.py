"""Long notices flow like a typed document (no page two-thirds empty, no heading alone at a page's
foot), and notices issued before the provisional marks and the addressing existed still print."""

from __future__ import annotations

from counter_app.domain.case import MaterialCheck, MaterialStatus
from counter_app.domain.dates import written_date
from counter_app.printing.render import render_notice
from counter_app.printing.sizes import Paper
from counter_app.services.context import AppContext
from counter_app.services.intake import IntakeService
from counter_app.services.notices import NoticeService
from tests.printing.reading import text_depths, text_of
from tests.services.helpers import draft, item_named

HEADINGS = ("已收取材料", "材料清单", "移交材料")


def long_notes_notice(ctx: AppContext, note_length: int, missing: int = 4) -> bytes:
    """A one-time notice whose first *missing* materials carry notes of *note_length* characters."""
    item = item_named(ctx, "居民身份证换领")
    note = ("复印件不清晰，请携带原件；签字页须本人签名并注明日期。" * 30)[:note_length]
    checks = tuple(
        MaterialCheck(m, MaterialStatus.MISSING, note)
        if n < missing
        else MaterialCheck(m, MaterialStatus.RECEIVED)
        for n, m in enumerate(item.materials)
    )
    notice = IntakeService(ctx).notify(draft(item, checks)).notices[0]
    return NoticeService(ctx).pdf(notice, for_output=False)


def body_depths(pdf: bytes) -> list[list[tuple[float, str]]]:
    """Each page's text runs (depth 0 top .. 1 bottom) without the page footer."""
    return [[(d, t) for d, t in page if d < 0.95] for page in text_depths(pdf)]


def test_long_notes_fill_each_page_before_the_next(ctx: AppContext) -> None:
    for length in (120, 300, 500):  # rows shorter than a page, and rows taller than half of one
        pdf = long_notes_notice(ctx, length)
        pages = body_depths(pdf)
        assert len(pages) >= 2, length
        for n, page in enumerate(pages[:-1], 1):
            lowest = max(d for d, _t in page)
            assert lowest > 2 / 3, f"note {length}: page {n} ends at {lowest:.0%} of its height"


def test_no_heading_alone_at_the_foot_of_a_page(ctx: AppContext) -> None:
    # the page break moves through the notice; without the heading rule, 已收取材料 ends page 1
    # for two missing materials with notes of 359-377 characters and three with 239-257
    for missing, lengths in ((2, range(341, 396, 6)), (3, range(221, 276, 6))):
        for length in lengths:
            pdf = long_notes_notice(ctx, length, missing)
            for n, page in enumerate(body_depths(pdf)[:-1], 1):
                _depth, last = max(page)
                assert last not in HEADINGS, f"{missing}×{length}: page {n} ends with the heading {last}"


def test_a_notice_issued_before_the_provisional_keys_still_prints(ctx: AppContext) -> None:
    item = item_named(ctx, "居民身份证换领")
    intake = IntakeService(ctx)
    one_time = intake.notify(
        draft(item, tuple(MaterialCheck(m, MaterialStatus.MISSING, "缺") for m in item.materials))
    ).notices[0]
    old = dict(one_time.payload)
    del old["supplement_by_provisional"], old["supplement_missing_years"]
    old["applicant"] = {k: v for k, v in old["applicant"].items() if k != "kind"}
    text = text_of(render_notice(old, Paper.A4))
    assert written_date(old["supplement_by"]) in text and "您" in text

    acceptance = intake.accept(draft(item)).notices[0]
    legacy = {
        k: v
        for k, v in acceptance.payload.items()
        if k not in ("promised_provisional", "promised_missing_years")
    }
    legacy.update(provisional=True, missing_years=[2026])  # the first payload version's keys
    text = text_of(render_notice(legacy, Paper.A4))
    assert written_date(legacy["promised_due"], provisional=True) in text
    assert "2026年的节假日安排尚未发布" in text
