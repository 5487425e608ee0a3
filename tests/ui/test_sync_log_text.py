"""The sync log as the clerk reads it: what a real round with a real hall server did, in the
interface's language with its plurals; the stored line stays English for IT."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from counter_app.domain.case import ServiceMode
from counter_app.services.catalogue import import_catalogue_file
from counter_app.services.context import AppContext, open_context
from counter_app.services.demo import all_received, demo_catalogue_path, person
from counter_app.services.hall_link import HallLink
from counter_app.services.intake import ApplicationDraft, IntakeService
from counter_app.ui.app import make_application
from counter_app.ui.i18n import install_translator, uninstall_translators
from counter_app.ui.sync_panel import SyncLogDialog
from counter_app.ui.worker import Worker
from tests.servers import PASSWORD, ServerProcess, enrollment_code

pytestmark = pytest.mark.parametrize("hall_db", ["sqlite"], indirect=True)


@pytest.fixture
def synced(hall: ServerProcess, hall_db: str, tmp_path: Path) -> Iterator[HallLink]:
    """A window that enrolled, signed in and pushed two accepted cases in one round."""
    make_application("zh_CN")
    ctx: AppContext = open_context(tmp_path / "data", {"server_url": hall.url})
    import_catalogue_file(ctx, demo_catalogue_path())
    link = HallLink(ctx)
    link.enroll(enrollment_code(hall_db, "W01", "A01"))
    link.sign_in("wangfang", PASSWORD)
    item = next(i for i in ctx.catalogue.items if i.name == "居民身份证换领")
    for name in ("张三", "李四"):
        draft = ApplicationDraft(
            item, person(name, "11010519491231002"), None, ServiceMode.WINDOW, all_received(item)
        )
        IntakeService(ctx).accept(draft)
    report = link.engine.run_once()
    assert report.online and report.pushed == 2, report.error
    yield link
    ctx.close()
    uninstall_translators(QApplication.instance())  # type: ignore[arg-type]


def _lines(qtbot: QtBot, link: HallLink) -> list[str]:
    worker = Worker()
    dialog = SyncLogDialog(link, worker)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.log.count() > 0, timeout=20000)
    worker.stop()
    return [dialog.log.item(n).text() for n in range(dialog.log.count())]


def test_the_clerk_reads_the_sync_log_in_chinese(synced: HallLink, qtbot: QtBot) -> None:
    lines = _lines(qtbot, synced)
    assert any(line.endswith("[上传] 大厅服务器已接收 2 项操作") for line in lines), lines
    assert any(line.endswith("[登录] 王芳已登录") for line in lines), lines
    assert any("[注册] 本机已注册为设备 W01，所属窗口 A01" in line for line in lines), lines
    assert not [line for line in lines if "op(s)" in line or "[push]" in line]
    # what IT reads (the stored line) stays English
    stored = [e.message for e in synced.recent_log() if e.kind == "push"]
    assert stored == ["2 op(s) accepted by the server"]


def test_the_english_interface_says_it_in_english(synced: HallLink, qtbot: QtBot) -> None:
    app = QApplication.instance()
    assert app is not None
    install_translator(app, "en")
    lines = _lines(qtbot, synced)
    assert any(line.endswith("[upload] 2 operations accepted by the hall server") for line in lines), lines
    assert any(line.endswith("[sign-in] 王芳 signed in") for line in lines), lines
