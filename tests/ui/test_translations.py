"""Every string a person reads is translated to Chinese, and English works without a file."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from PySide6.QtCore import QCoreApplication

from counter_app.domain.identity import MSG_ID_CHECKSUM
from counter_app.resources import resources_dir
from counter_app.ui.i18n import install_translator, message, uninstall_translators


def test_every_source_string_has_a_finished_chinese_translation() -> None:
    ts = ET.parse(resources_dir() / "i18n" / "counter_app_zh_CN.ts")
    unfinished = [
        m.findtext("source")
        for m in ts.getroot().iter("message")
        if m.find("translation") is None
        or m.find("translation").get("type") in ("unfinished", "obsolete", "vanished")  # type: ignore[union-attr]
    ]
    assert unfinished == []
    assert len(list(ts.getroot().iter("message"))) > 150


def test_compiled_file_is_used(qapp: QCoreApplication) -> None:
    translator = install_translator(qapp, "zh_CN")
    assert translator is not None
    try:
        assert message(MSG_ID_CHECKSUM) == "证件号码校验位不正确：请与证件原件逐位核对。"
        assert message("Too long: at most {limit} characters.", limit=300) == "内容过长：最多 300 个字符。"
    finally:
        uninstall_translators(qapp)
    assert message(MSG_ID_CHECKSUM) == MSG_ID_CHECKSUM  # English is the source language
