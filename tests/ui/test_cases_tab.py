"""办件查询: days left and the overdue mark, refused cases by their notice number, a detail in Chinese."""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta

from PySide6.QtGui import QColor, QTextDocument

from counter_app.domain.case import CaseState
from counter_app.domain.dates import written_date
from counter_app.services.intake import IntakeService
from counter_app.services.notices import OUTPUT_PAPER, NoticeService
from counter_app.ui.cases_tab import ITEM, ITEM_WIDTH, LEFT, NUMBER, OVERDUE_COLOUR, PROMISED, WARNING_COLOUR
from counter_app.ui.qt_app import make_application
from tests.conftest import Clock
from tests.services.helpers import applicant, draft, item_named
from tests.ui.conftest import Gui

RESIDENT_ID = "居民身份证换领"  # promised in 15 working days


def _search(gui: Gui, text: str) -> list[list[str]]:
    cases = gui.window.cases
    cases.query.setText(text)
    cases.refresh()
    gui.settle()
    table = cases.table
    return [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]


def _plain(html: str) -> str:
    doc = QTextDocument()
    doc.setHtml(html)
    return doc.toPlainText()


def _working_days_later(gui: Gui, start: datetime, days: int) -> datetime:
    due = gui.ctx.calendar.add_working_days(start.date(), days).due
    return datetime.combine(due, time(10))


def test_days_left_turn_to_a_warning_then_to_an_overdue_mark(gui: Gui, clock: Clock) -> None:
    accepted = IntakeService(gui.ctx).accept(draft(item_named(gui.ctx, RESIDENT_ID))).case
    assert accepted.promised_due is not None
    row = _search(gui, "张三")[0]
    written = written_date(accepted.promised_due, provisional=accepted.deadline_provisional)
    assert row[PROMISED] == written  # 2026年12月14日（暂定） while 2026 lacks its holidays
    assert row[LEFT] == "剩余 15 个工作日"
    tip = gui.window.cases.table.item(0, LEFT).toolTip()
    assert ("暂定" in tip) == accepted.deadline_provisional  # the count is as provisional as the date
    assert gui.window.cases.table.item(0, LEFT).background().color() != QColor(WARNING_COLOUR)

    clock.now = _working_days_later(gui, clock.now, 13)  # two working days before the promised date
    row = _search(gui, "张三")[0]
    assert row[LEFT] == "剩余 2 个工作日"
    assert gui.window.cases.table.item(0, LEFT).background().color() == QColor(WARNING_COLOUR)

    clock.now = datetime.combine(accepted.promised_due, time(16))
    assert _search(gui, "张三")[0][LEFT] == "今日到期"

    clock.now = _working_days_later(gui, clock.now, 2)  # two working days past it
    row = _search(gui, "张三")[0]
    assert row[LEFT] == "超期 2 个工作日"
    assert gui.window.cases.table.item(0, LEFT).background().color() == QColor(OVERDUE_COLOUR)
    assert gui.window.cases.table.item(0, PROMISED).background().color() == QColor(OVERDUE_COLOUR)
    detail = _plain(gui.window.cases.detail_html(gui.window.cases.detail))  # type: ignore[arg-type]
    assert "超期 2 个工作日" in detail


def test_a_refused_case_is_listed_by_its_notice_number_and_no_clock_runs(gui: Gui) -> None:
    item = item_named(gui.ctx, RESIDENT_ID)
    outcome = IntakeService(gui.ctx).refuse(
        draft(item, who=applicant("李四")), "不属于本部门职权", "某条例第三条"
    )
    assert outcome.case.state == CaseState.REFUSED and outcome.case.case_number is None
    row = _search(gui, "李四")[0]
    assert row[NUMBER] == outcome.notices[0].number != ""
    assert row[LEFT] == "" and row[PROMISED] == ""


def test_the_chinese_detail_has_headings_and_a_timeline_in_words(gui: Gui) -> None:
    item = item_named(gui.ctx, RESIDENT_ID)
    outcome = IntakeService(gui.ctx).accept(draft(item))
    NoticeService(gui.ctx).record_output(outcome.notices[0].id, OUTPUT_PAPER, "打印机")
    refused = IntakeService(gui.ctx).refuse(draft(item, who=applicant("李四")), "不属于本部门职权", "某条例")
    _search(gui, "张三")
    cases = gui.window.cases
    assert cases.detail is not None
    text = _plain(cases.detail_html(cases.detail))
    for english in ("Notices", "History", "Promised", "case.accept", "notice.print", "not accepted"):
        assert english not in text
    words = set(re.findall(r"[A-Za-z]{3,}", text)) - {"PDF"}
    assert not words, words  # item codes and versions (v1) are digits; nothing else is in English
    assert "文书" in text and "办理记录" in text
    assert f"受理 · 测试员 · 窗口 {outcome.case.window_code}" in text
    assert f"打印 受理通知书 {outcome.notices[0].number}" in text
    assert "承诺办结日期：" in text

    _search(gui, "李四")
    assert cases.detail is not None and cases.detail.case.id == refused.case.id
    text = _plain(cases.detail_html(cases.detail))
    assert f"{refused.notices[0].number} · 不予受理" in text and "不予受理理由：不属于本部门职权" in text
    assert " ·  · " not in text and not re.search(r"·\s*$", text, re.MULTILINE)  # no stray separators


def test_the_promised_date_column_is_in_view_at_1366_pixels(gui: Gui) -> None:
    long_name = item_named(gui.ctx, "公众聚集场所投入使用、营业前消防安全检查")
    IntakeService(gui.ctx).accept(draft(long_name))
    gui.window.resize(1366, 768)
    gui.window.tabs.setCurrentWidget(gui.window.cases)
    gui.settle()
    _search(gui, "张三")
    table = gui.window.cases.table
    assert table.columnWidth(ITEM) <= ITEM_WIDTH
    right_edge = table.columnViewportPosition(LEFT) + table.columnWidth(LEFT)
    assert table.columnViewportPosition(PROMISED) >= 0 and right_edge <= table.viewport().width()


def test_created_times_are_written_by_the_one_date_function(gui: Gui, clock: Clock) -> None:
    IntakeService(gui.ctx).accept(draft(item_named(gui.ctx, RESIDENT_ID)))
    row = _search(gui, "张三")[0]
    created = row[-1]
    today = datetime.now().date()  # the store stamps real time
    assert created.startswith(written_date(today)) or created.startswith(
        written_date(today - timedelta(days=1))
    )


def test_the_english_detail_is_english(gui: Gui) -> None:
    """The reverse: the interface switched to English says the headings and events in English
    (the applicant's and item's names stay as typed)."""
    item = item_named(gui.ctx, RESIDENT_ID)
    outcome = IntakeService(gui.ctx).accept(draft(item))
    _search(gui, "张三")
    make_application("en")
    cases = gui.window.cases
    assert cases.detail is not None
    text = _plain(cases.detail_html(cases.detail))
    assert "Notices" in text and "History" in text and "Application accepted · 测试员 · window A01" in text
    assert f"Acceptance notice {outcome.notices[0].number} · printed 0 times" in text
    data = {item.name, "张三", "测试员"}
    leftover = [w for w in re.findall(r"[\u4e00-\u9fff（）]+", text) if not any(w in d for d in data)]
    assert not leftover, leftover
