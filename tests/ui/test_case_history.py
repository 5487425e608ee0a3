"""A timeline line: when it was recorded, what, who, where, and the step's own date when the
record was made on another day (a window that was offline, a step dated back)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

import pytest
from PySide6.QtWidgets import QApplication

from counter_app.domain.records import CaseEvent
from counter_app.ui.app import make_application
from counter_app.ui.case_history import event_line, local
from counter_app.ui.i18n import uninstall_translators


@pytest.fixture
def chinese() -> Iterator[None]:
    make_application("zh_CN")
    yield
    uninstall_translators(QApplication.instance())  # type: ignore[arg-type]


def test_a_step_dated_another_day_says_its_date(chinese: None) -> None:
    at = datetime(2026, 12, 4, 2, 15)  # UTC, as stored
    today = local(at).date().isoformat()
    same = CaseEvent(at, "case.review", "accepted", "under_review", "张敏", {"on": today})
    dated = CaseEvent(at, "case.review", "accepted", "under_review", "张敏", {"on": "2026-11-27"})
    garbled = CaseEvent(at, "case.review", "accepted", "under_review", "张敏", {"on": "yesterday"})
    assert "办理日期" not in event_line(same, "A01")
    line = event_line(dated, "A01")
    assert line.endswith(" · 窗口 A01 · 办理日期 2026年11月27日"), line
    assert "开始审核 · 张敏" in line
    assert event_line(garbled, "A01") == event_line(same, "A01")
