"""A case's text messages as the window shows them, from what the hall server keeps on the case:
the event, the masked number, the state in the clerk's words, the attempts when more than one."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication

from counter_app.ui.app import make_application
from counter_app.ui.i18n import uninstall_translators
from counter_app.ui.message_text import message_line, messages_html


@pytest.fixture
def chinese() -> Iterator[None]:
    make_application("zh_CN")
    yield
    uninstall_translators(QApplication.instance())  # type: ignore[arg-type]


def test_each_message_is_said_in_chinese_with_its_state(chinese: None) -> None:
    sent = {
        "event": "accepted",
        "to": "138****8000",
        "state": "sent",
        "attempts": 1,
        "at": "2026-12-04T01:16:00",
    }
    retried = {**sent, "event": "correction", "state": "in_doubt", "attempts": 3}
    assert message_line(sent).startswith("受理通知 · 138****8000 · 已发送 · 2026年12月4日 ")
    assert message_line(retried).startswith("补正通知 · 138****8000 · 送达状态不明，请向短信平台核实 · ")
    assert message_line(retried).endswith(" · 共尝试3次")
    logged = {"event": "ready", "to": "138****8000", "state": "logged", "at": "not a time"}
    assert message_line(logged) == "领取通知 · 138****8000 · 仅记录（未配置短信平台）"
    html = "".join(messages_html({"messages": [sent, retried], "stops": []}))
    assert html.startswith("<h4>短信通知</h4>") and html.count("<li>") == 2
    assert messages_html({"stops": []}) == [] and messages_html(None) == []
