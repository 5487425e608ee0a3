"""Setting layers: what the clerk may change, what IT and the hall server fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from counter_app.domain.messages import DomainError
from counter_app.settings import Source, load_settings


def test_the_clerk_changes_only_clerk_settings_that_nobody_fixed(
    tmp_path: Path, _isolated_system_settings: Path
) -> None:
    _isolated_system_settings.write_text("[counter]\nprinter_a4 = 柜台打印机\n", encoding="utf-8")
    settings = load_settings(tmp_path, {"language": "en"})
    settings.apply_server({"hall_name": "示范市政务服务中心（新）", "receipt_paper": "80mm", "bogus": "x"})
    assert settings.sources["hall_name"] is Source.SERVER and settings["receipt_paper"] == "80mm"
    for key, value in (
        ("printer_a4", "别的打印机"),
        ("hall_code", "330200"),
        ("receipt_paper", "a4"),
        ("language", "zh_CN"),
    ):
        with pytest.raises(DomainError):
            settings.set_user({key: value})
    settings.set_user({"clerk_name": "王芳", "printer_receipt": "小票机"})
    text = settings.user_path.read_text(encoding="utf-8")
    assert "王芳" in text and "小票机" in text and "printer_a4" not in text and "hall_code" not in text
    assert settings["printer_a4"] == "柜台打印机"  # IT's file wins, shown with its source
