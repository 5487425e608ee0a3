"""Setting layers: what the clerk may change, what IT and the hall server fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from counter_app.domain.messages import DomainError
from counter_app.services.hall_link import HallLink
from counter_app.settings import Source, load_settings
from hall_server.admin import set_setting
from hall_server.db import open_server_database
from tests.servers import ServerProcess
from tests.sync_helpers import window_client


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


@pytest.mark.parametrize("hall_db", ["sqlite"], indirect=True)
def test_the_hall_server_cannot_allow_plain_http_only_its_system_wide_file_can(
    hall: ServerProcess, hall_db: str, tmp_path: Path, system_file: Path
) -> None:
    """A hall setting published through the pull that tries to allow plain HTTP is ignored (the
    hall's name, published the same way, is taken); so is the user's file; IT's file is obeyed."""
    window = window_client(tmp_path / "w", hall.url, hall_db)
    try:
        link = HallLink(window.ctx, hall.url)
        link.sync_once()
        db = open_server_database(hall_db)
        try:
            with db.sessions() as s, s.begin():
                set_setting(s, db, "allow_plain_http", "yes")
                set_setting(s, db, "hall_name", "示范市政务服务中心（东区）")
        finally:
            db.dispose()
        report = link.sync_once()
        assert report.error == "" and report.touched.settings
        settings = window.ctx.settings
        assert settings["hall_name"] == "示范市政务服务中心（东区）"  # the pull's settings were applied
        assert settings["allow_plain_http"] == "no" and settings.sources["allow_plain_http"] is Source.DEFAULT
        assert window.store.server_settings()["allow_plain_http"] == "yes"  # kept, never obeyed
        with pytest.raises(DomainError, match="plain HTTP is only allowed to this PC itself"):
            HallLink(window.ctx, "http://192.0.2.10:8750")
    finally:
        window.close()

    data = tmp_path / "w"
    (data / "settings.ini").write_text("[counter]\nallow_plain_http = yes\n", encoding="utf-8")
    settings = load_settings(data)
    assert settings["allow_plain_http"] == "no" and settings.ignored_user == {"allow_plain_http": "yes"}
    system_file.write_text("[counter]\nallow_plain_http = yes\n", encoding="utf-8")
    settings = load_settings(data)
    assert settings["allow_plain_http"] == "yes" and settings.sources["allow_plain_http"] is Source.SYSTEM


def test_a_reload_swaps_in_a_whole_new_set_never_changing_one_a_reader_holds(
    tmp_path: Path, _isolated_system_settings: Path
) -> None:
    """The sync thread reloads the hall's settings while the database worker builds an actor from
    several of them: what a reader took stays one consistent set."""
    settings = load_settings(tmp_path, {"language": "en"})
    held = settings.snapshot()
    before = dict(held)
    settings.apply_server({"hall_name": "新中心", "hall_code": "330200", "window_code": "B09"})
    assert held == before  # the reader's set did not change under it
    now = settings.snapshot()
    assert (now["hall_name"], now["hall_code"], now["window_code"]) == ("新中心", "330200", "B09")
    settings.set_user({"printer_a4": "柜台打印机"})
    assert held == before and settings.snapshot()["printer_a4"] == "柜台打印机"
