"""A case's course from the hall's record (办理经过), for a window that did not take its steps:
every step the lifecycle holds, in date order, in Chinese; nothing for what it does not hold."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtWidgets import QApplication

from counter_app.services.context import AppContext
from counter_app.services.intake import IntakeService
from counter_app.ui.app import make_application
from counter_app.ui.case_course import course_html, course_lines
from counter_app.ui.i18n import uninstall_translators
from tests.services.helpers import draft, item_named


@pytest.fixture
def chinese() -> Iterator[None]:
    make_application("zh_CN")
    yield
    uninstall_translators(QApplication.instance())  # type: ignore[arg-type]


def test_each_recorded_step_is_a_line_in_date_order(chinese: None, ctx: AppContext) -> None:
    accepted = IntakeService(ctx).accept(draft(item_named(ctx, "居民身份证换领"))).case
    life = {
        "review_started_on": "2026-11-03",
        "stops": [{"kind": "correction", "started_on": "2026-11-04", "ended_on": "2026-11-09"}],
        "extensions": [{"on": "2026-11-20", "days": 5}],
        "decision": {"on": "2026-11-24", "decision": "deny"},
        "completion": {"on": "2026-11-25"},
        "ending": {"on": "2026-11-02", "step": "case.withdraw"},  # not real, but said where it falls
    }
    case = replace(accepted, accepted_on=date(2026, 11, 2), lifecycle=life)
    assert course_lines(case) == [
        "2026年11月2日 · 受理",
        "2026年11月2日 · 申请人撤回",
        "2026年11月3日 · 开始审核",
        "2026年11月4日 · 要求补正，至2026年11月9日",
        "2026年11月20日 · 延期5个工作日",
        "2026年11月24日 · 审批决定：不予许可",
        "2026年11月25日 · 办结",
    ]
    assert course_html(case)[0] == "<h4>办理经过（大厅记录）</h4><ul>"
    assert course_html(replace(accepted, accepted_on=None, lifecycle={})) == []
