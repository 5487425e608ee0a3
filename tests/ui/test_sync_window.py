"""The window with a real hall server: enrolment and sign-in from the keyboard, the sync status."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from counter_app.domain.case import ServiceMode
from counter_app.services.catalogue import import_catalogue_file
from counter_app.services.context import AppContext, open_context
from counter_app.services.demo import all_received, demo_catalogue_path, person
from counter_app.services.hall_link import HallLink
from counter_app.services.intake import ApplicationDraft, IntakeService
from counter_app.settings.preseed import preseed
from counter_app.ui.app import build_window
from counter_app.ui.login_dialog import LoginDialog
from counter_app.ui.qt_app import make_application
from counter_app.ui.worker import Worker
from tests.servers import PASSWORD, ServerProcess, enrollment_code

pytestmark = pytest.mark.parametrize("hall_db", ["sqlite"], indirect=True)


@pytest.fixture
def ctx(hall: ServerProcess, tmp_path: Path) -> Iterator[AppContext]:
    make_application("zh_CN")
    context = open_context(tmp_path / "data", {"server_url": hall.url})
    import_catalogue_file(context, demo_catalogue_path())
    yield context
    context.close()


def _sign_in_by_keyboard(qtbot: QtBot, dialog: LoginDialog, code: str, username: str, password: str) -> None:
    if dialog.code.isVisible():
        qtbot.keyClicks(dialog.code, code)
        qtbot.keyClick(dialog.code, Qt.Key.Key_Tab)
    dialog.username.clear()
    qtbot.keyClicks(dialog.username, username)
    dialog.password.clear()
    qtbot.keyClicks(dialog.password, password)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)


def test_enrol_and_sign_in_from_the_keyboard(ctx: AppContext, hall_db: str, qtbot: QtBot) -> None:
    worker = Worker()
    link = HallLink(ctx)
    dialog = LoginDialog(link, worker)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.ready, timeout=10000)  # this PC's enrolment, read on the worker
    assert dialog.code.isVisible()  # a new PC: the one-time code first
    code = enrollment_code(hall_db, "W01", "A01")
    _sign_in_by_keyboard(qtbot, dialog, code, "wangfang", "wrong-password")
    qtbot.waitUntil(lambda: "密码" in dialog.error.text() or "password" in dialog.error.text(), timeout=20000)
    assert dialog.username.text() == "wangfang"  # the form is kept
    qtbot.waitUntil(lambda: dialog.ready, timeout=10000)
    assert not dialog.code.isVisible()  # the enrolment itself succeeded and is kept
    with qtbot.waitSignal(dialog.accepted, timeout=20000):
        _sign_in_by_keyboard(qtbot, dialog, "", "wangfang", PASSWORD)
    assert dialog.user is not None and dialog.user.display_name == "王芳"
    assert ctx.user == dialog.user
    worker.stop()


def test_a_preseeded_enrolment_code_leaves_only_the_sign_in(
    hall: ServerProcess, hall_db: str, qtbot: QtBot, tmp_path: Path, system_file: Path
) -> None:
    """IT's installer wrote the server and a one-time code: the clerk types a name and password."""
    code = enrollment_code(hall_db, "W05", "B01")
    preseed({"server_url": hall.url, "enrollment_code": code}, system_file)
    make_application("zh_CN")
    context = open_context(tmp_path / "preseeded")
    worker = Worker()
    try:
        dialog = LoginDialog(HallLink(context), worker)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitUntil(lambda: dialog.ready, timeout=10000)  # this PC's enrolment, read on the worker
        assert dialog.code.text() == code and QApplication.focusWidget() is not dialog.code
        with qtbot.waitSignal(dialog.accepted, timeout=20000):
            _sign_in_by_keyboard(qtbot, dialog, "", "wangfang", PASSWORD)
        assert HallLink(context).enrolled and context.user is not None
    finally:
        worker.stop()
        context.close()


def test_the_status_bar_follows_the_server(
    ctx: AppContext, hall: ServerProcess, hall_db: str, qtbot: QtBot
) -> None:
    link = HallLink(ctx)
    link.enroll(enrollment_code(hall_db, "W01", "A01"))
    link.sign_in("wangfang", PASSWORD)
    window, _worker = build_window(ctx, link)
    qtbot.addWidget(window)
    window.show()
    window.start_sync()
    status = window.sync_status
    assert status is not None
    qtbot.waitUntil(lambda: status.last is not None and status.last.online, timeout=20000)
    item = next(i for i in ctx.catalogue.items if i.name == "居民身份证换领")
    draft = ApplicationDraft(
        item, person("状态栏", "11010519491231002"), None, ServiceMode.WINDOW, all_received(item)
    )
    IntakeService(ctx).accept(draft)
    link.poke()
    qtbot.waitUntil(lambda: status.last is not None and status.last.pushed == 1, timeout=20000)
    assert status.last is not None and status.last.waiting == 0
    online_text = status.text()
    hall.stop()
    IntakeService(ctx).accept(draft)
    link.poke()
    qtbot.waitUntil(lambda: status.last is not None and not status.last.online, timeout=30000)
    assert status.last is not None and status.last.waiting == 1
    assert status.text() != online_text
    window.close()
    QApplication.processEvents()


def test_a_window_working_alone_joins_the_hall(ctx: AppContext, hall_db: str, qtbot: QtBot) -> None:
    from counter_app.ui.login_dialog import ConnectDialog

    item = next(i for i in ctx.catalogue.items if i.name == "居民身份证换领")
    draft = ApplicationDraft(
        item, person("单机时", "11010519491231002"), None, ServiceMode.WINDOW, all_received(item)
    )
    IntakeService(ctx).accept(draft)  # done before the hall server existed for this PC
    window, _worker = build_window(ctx)
    qtbot.addWidget(window)
    window.show()
    assert window.sync_status is None and window.connect_action.isEnabled()
    server_url = ctx.settings["server_url"]
    code = enrollment_code(hall_db, "W01", "A01")

    def fill() -> None:
        dialog = next(
            w for w in QApplication.topLevelWidgets() if isinstance(w, ConnectDialog) and w.isVisible()
        )
        qtbot.keyClicks(dialog.server, server_url)
        qtbot.keyClicks(dialog.code, code)
        qtbot.keyClicks(dialog.username, "wangfang")
        qtbot.keyClicks(dialog.password, PASSWORD)
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)

    QTimer.singleShot(0, fill)
    window.connect_to_hall()
    status = window.sync_status
    assert status is not None and window.link is not None
    qtbot.waitUntil(
        lambda: status.last is not None and status.last.online and status.last.waiting == 0, timeout=20000
    )
    assert not window.connect_action.isEnabled()
    assert ctx.sync_store.get("server_url") == server_url  # the next start signs in there
    window.close()
