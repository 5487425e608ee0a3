"""The sign-in window speaks a hall clerk's words: a PC that cannot keep the sign-in says what that
means for the clerk (and that IT must come), never "system keyring"."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from counter_app.services.context import AppContext, open_context
from counter_app.services.hall_link import HallLink
from counter_app.ui.app import make_application
from counter_app.ui.i18n import uninstall_translators
from counter_app.ui.login_dialog import LoginDialog
from counter_app.ui.worker import Worker
from tests.ui.walk import texts_of, untranslated


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[AppContext]:
    make_application("zh_CN")
    context = open_context(tmp_path / "data", {"server_url": "http://127.0.0.1:9"})
    yield context
    context.close()
    uninstall_translators(QApplication.instance())  # type: ignore[arg-type]


def test_a_pc_that_cannot_keep_the_sign_in_says_so_plainly(ctx: AppContext, qtbot: QtBot) -> None:
    link = HallLink(ctx)
    link.credentials.persistent = False  # no keyring on this PC: secrets for this run only
    worker = Worker()
    dialog = LoginDialog(link, worker)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.ready, timeout=10000)  # this PC's enrolment, read on the worker
    note = dialog.notice.text()
    assert "无法保存登录信息" in note and "信息技术人员" in note
    assert "密钥" not in note and "keyring" not in note.lower()
    assert untranslated(texts_of(dialog)) == []
    worker.stop()


def test_a_pc_that_keeps_the_sign_in_says_nothing_about_it(ctx: AppContext, qtbot: QtBot) -> None:
    link = HallLink(ctx)
    link.credentials.persistent = True
    worker = Worker()
    dialog = LoginDialog(link, worker)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.ready, timeout=10000)  # this PC's enrolment, read on the worker
    assert "无法保存登录信息" not in dialog.notice.text()
    assert "尚未在大厅服务器注册" in dialog.notice.text()  # a new PC: IT's one-time code first
    worker.stop()


def test_the_keyring_is_never_read_on_the_gui_thread(
    ctx: AppContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A locked Secret Service may prompt and hang: the dialog reads this PC's enrolment on the
    worker and keeps its OK button off until the answer is in."""
    import threading

    import keyring

    gui_thread = threading.current_thread()
    readers: list[threading.Thread] = []
    real = keyring.get_password
    released = threading.Event()

    def slow_keyring(service: str, name: str) -> str | None:
        readers.append(threading.current_thread())
        released.wait(10)  # a keyring waiting for someone to unlock it
        return real(service, name)

    monkeypatch.setattr(keyring, "get_password", slow_keyring)
    link = HallLink(ctx)
    link.credentials.persistent = True
    ctx.sync_store.put(device_id="enrolled-before")  # so the dialog has to ask the keyring
    worker = Worker()
    dialog = LoginDialog(link, worker)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: bool(readers), timeout=10000)
    assert not dialog.ready and not dialog.buttons.isEnabled()  # the window answers meanwhile
    released.set()
    qtbot.waitUntil(lambda: dialog.ready, timeout=10000)
    assert dialog.buttons.isEnabled() and gui_thread not in readers
    worker.stop()


def test_a_sign_in_window_closed_while_the_pc_is_read_is_left_alone(
    ctx: AppContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The answer about this PC comes back after the window is gone: nothing is done with it (it
    used to reach the deleted window, an error in the middle of whatever ran next)."""
    import threading

    import keyring
    import shiboken6

    real = keyring.get_password
    released = threading.Event()
    monkeypatch.setattr(keyring, "get_password", lambda s, n: (released.wait(10), real(s, n))[1])
    link = HallLink(ctx)
    link.credentials.persistent = True
    worker = Worker()
    dialog = LoginDialog(link, worker, None, "wangfang")
    shiboken6.delete(dialog)
    released.set()
    qtbot.waitUntil(lambda: not worker.busy, timeout=10000)
    worker.stop()
    assert not shiboken6.isValid(dialog)


def test_a_sign_in_asked_before_the_pc_is_read_goes_ahead_once_it_is(
    ctx: AppContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The demo hall signs in by itself: asked while the keyring is still being read, the sign-in
    waits for it and then goes to the server (here: no server, so the clerk is told)."""
    import threading

    import keyring

    real = keyring.get_password
    released = threading.Event()
    monkeypatch.setattr(keyring, "get_password", lambda s, n: (released.wait(10), real(s, n))[1])
    link = HallLink(ctx)
    link.credentials.persistent = True
    ctx.sync_store.put(device_id="enrolled-before")
    worker = Worker()
    dialog = LoginDialog(link, worker, None, "wangfang")
    qtbot.addWidget(dialog)
    dialog.password.setText("secret-demo")
    dialog.show()
    dialog.submit_when_ready()
    assert not dialog.ready and dialog.error.text() == ""
    released.set()
    qtbot.waitUntil(lambda: dialog.ready, timeout=10000)
    qtbot.waitUntil(lambda: dialog.error.text() not in ("", "正在连接大厅服务器…"), timeout=20000)
    assert dialog.result() == 0  # not signed in: the server is not there, and the dialog says so
    qtbot.waitUntil(lambda: not worker.busy, timeout=20000)  # the PC read again after the failure
    worker.stop()
