"""Screenshots of every main screen at one screen size and language, as a clerk and a supervisor.

Run under a virtual X server with a window manager (openbox), the screen the size asked for:

    xvfb-run -a -s "-screen 0 1366x768x24" sh -c \\
        'openbox & sleep 1; .venv/bin/python scripts/screenshots.py docs/screenshots zh_CN 1366x768'
    xvfb-run -a -s "-screen 0 1920x1080x24" sh -c \\
        'openbox & sleep 1; .venv/bin/python scripts/screenshots.py /tmp/shots/1920-en en 1920x1080'

Each PNG is the whole screen (so a window running off its edge shows as cut; the sign-in, shown
alone, only its window): the main window
maximised, then each dialog over it. The README's pictures are the zh_CN ones at 1366x768 in
docs/screenshots. Without a window manager the windows have no frames, and maximising is only a
request: the script says so when the screen is not the size asked for.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

from counter_app.cli import _context, _enrol_demo, _parser, _start_demo_hall
from counter_app.domain.case_steps import Step
from counter_app.services.context import AppContext
from counter_app.services.demo import person
from counter_app.services.hall_link import HallLink
from counter_app.ui.app import build_window
from counter_app.ui.main_window import MainWindow
from counter_app.ui.qt_app import make_application
from counter_app.ui.screen_fit import open_maximised
from counter_app.ui.worker import Worker


class Shooter:
    """Steps run one after another on the event loop, each given time to draw (and to poll)."""

    def __init__(self, app: QApplication, out: Path, language: str) -> None:
        self.app, self.out, self.language = app, out, language
        self.steps: list[tuple[int, Callable[[], None]]] = []

    def then(self, wait_ms: int, step: Callable[[], None]) -> None:
        self.steps.append((wait_ms, step))

    def run(self) -> None:
        self._next()
        self.app.exec()

    def _next(self) -> None:
        if not self.steps:
            self.app.quit()
            return
        wait, step = self.steps.pop(0)

        def go() -> None:
            step()
            self._next()

        QTimer.singleShot(wait, go)

    def shot(self, name: str, only: QWidget | None = None) -> None:
        """The whole screen, or the screen under *only* (its frame included)."""
        for _ in range(10):
            self.app.processEvents()
        screen = QGuiApplication.primaryScreen()
        r = only.frameGeometry() if only is not None else screen.geometry()
        picture = screen.grabWindow(0, r.x(), r.y(), r.width(), r.height())
        picture.save(str(self.out / f"{name}-{self.language}.png"))


def check_screen(size: str) -> None:
    want = tuple(int(n) for n in size.split("x"))
    got = QGuiApplication.primaryScreen().geometry()
    if (got.width(), got.height()) != want:
        print(f"the screen is {got.width()}x{got.height()}, not {size}", file=sys.stderr)


def settle(app: QApplication, worker: Worker) -> None:
    while worker.busy:
        app.processEvents()
    for _ in range(20):
        app.processEvents()


def clerk(out: Path, language: str, size: str, data: Path, demo_hall: dict[str, str]) -> None:
    ctx = _context(_parser().parse_args(["--demo", "--data-dir", str(data), "--lang", language]), demo_hall)
    app = make_application(language)
    check_screen(size)
    login = _enrol_demo(ctx, demo_hall)
    assert login is not None
    link = HallLink(ctx)
    from counter_app.ui.login_dialog import LoginDialog

    s = Shooter(app, out, language)
    login_worker = Worker()
    dialog = LoginDialog(link, login_worker, None, login[0])
    dialog.show()
    s.then(500, lambda: s.shot("login", dialog))  # nothing else is on the screen yet
    s.then(0, dialog.close)
    s.run()
    login_worker.stop()
    link.sign_in(*login)
    window, worker = build_window(ctx, link)
    open_maximised(window)
    window.start_sync()
    tab = window.intake
    s = Shooter(app, out, language)

    def fill() -> None:
        window.queue_panel.call_next()
        tab.picker.query.setText("sfz")
        settle(app, worker)
        item = next(i for i in ctx.catalogue.items if i.name == "居民身份证换领")
        tab.picker.choose(item)
        tab.applicant.set_value(person("李建国", "33010619800101201", "13800138000"))
        tab.applicant.address.setText("示范市西湖区文三路90号")
        tab.has_agent.setChecked(True)
        tab.all_received()
        tab.checklist.set_status(1, tab.checklist.checks()[1].status.__class__("missing"))
        settle(app, worker)

    def accept() -> None:
        tab.has_agent.setChecked(False)
        tab.all_received()
        tab.accept_case()
        settle(app, worker)

    def close_notice() -> None:
        if tab.notice_dialog is not None:
            tab.notice_dialog.close()
        window.tabs.setCurrentIndex(1)

    s.then(1500, fill)
    s.then(3000, lambda: s.shot("intake"))
    s.then(0, accept)
    s.then(1500, lambda: s.shot("notice"))
    # printing with no print service here: what the clerk is told, in the dialog's status line
    s.then(0, lambda: tab.notice_dialog.print_all() if tab.notice_dialog is not None else None)
    s.then(3000, lambda: s.shot("notice-print-failed"))
    s.then(0, close_notice)
    s.then(1500, lambda: s.shot("cases"))
    s.then(0, lambda: window.tabs.setCurrentWidget(window.worklist))
    s.then(2500, lambda: s.shot("worklist"))

    def correction() -> None:  # the case waiting for review in the list: its 补正 form
        wl = window.worklist
        for row in range(wl.table.rowCount()):
            if wl.rows[row].case.state.value == "under_review":
                wl.table.setCurrentCell(row, 0)
                break
        settle(app, worker)
        wl.open_step(Step.REQUEST_CORRECTION)

    s.then(0, correction)
    s.then(1500, lambda: s.shot("worklist-step"))
    s.then(0, lambda: window.worklist.dialog.close() if window.worklist.dialog else None)

    def joint() -> None:  # the restaurant opening as the lead sees it: each part and its clock
        wl = window.worklist
        for row in range(wl.table.rowCount()):
            if wl.rows[row].case.item_code == JOINT_ITEM_CODE:
                wl.table.setCurrentCell(row, 0)
                break
        settle(app, worker)

    s.then(0, joint)
    s.then(1500, lambda: s.shot("worklist-joint"))
    dialogs(s, window, link, worker)
    s.run()
    window.queue_panel.stop()
    link.stop()
    worker.stop()
    ctx.close()


def dialogs(s: Shooter, window: MainWindow, link: HallLink, worker: Worker) -> None:
    """The sync log, settings, the pause and transfer dialogs, the evaluation window."""
    from counter_app.services.queue import QueueCount
    from counter_app.ui.evaluation_window import EvaluationWindow
    from counter_app.ui.queue_dialogs import PauseDialog, TransferDialog
    from counter_app.ui.sync_panel import SyncLogDialog

    shown: list[QWidget] = []

    def show(make: Callable[[], QWidget]) -> None:
        dialog = make()
        shown.append(dialog)
        dialog.show()

    def close() -> None:
        while shown:
            shown.pop().close()

    queues = [QueueCount("A", "综合受理", 3), QueueCount("B", "公安户政出入境", 5)]
    for name, make in (
        ("sync-log", lambda: SyncLogDialog(link, worker, window)),
        ("settings", lambda: _settings(window)),
        ("pause", lambda: PauseDialog(window)),
        ("transfer", lambda: TransferDialog(queues, [("B02", "公安户政出入境2号窗口")], window)),
        ("evaluation", lambda: _evaluation(window, EvaluationWindow)),
    ):
        s.then(0, lambda m=make: show(m))  # type: ignore[misc]
        s.then(1200, lambda n=name: s.shot(n))  # type: ignore[misc]
        s.then(0, close)


def _settings(window: MainWindow) -> QWidget:
    window.open_settings()
    return window.settings_dialog


def _evaluation(window: MainWindow, kind: type) -> QWidget:
    evaluation: QWidget = kind(window.ctx, window.worker, "screenshot-visit", "A001", keys_stay_with=window)
    evaluation.present(window)  # type: ignore[attr-defined]
    return evaluation


JOINT_ITEM_CODE = "021000200000"  # 开办餐饮店“一件事”联办 (demo_lifecycle.py)


def _another_pc(
    language: str, data: Path, demo_hall: dict[str, str], who: tuple[str, str, str]
) -> tuple[AppContext, QApplication, HallLink, MainWindow, Worker]:
    """Another PC of the demo hall: enrolled as (device, window), *user* signed in, its window up."""
    from hall_server import admin
    from hall_server.db import open_server_database

    device, window_code, user = who
    hall_db = open_server_database(f"sqlite:///{data / 'demo-hall' / 'hall-server.sqlite'}")
    code = admin.enrollment_code(hall_db, device, window_code)
    hall_db.dispose()
    folder = data / window_code.lower()
    ctx = _context(_parser().parse_args(["--data-dir", str(folder), "--lang", language]), demo_hall)
    app = make_application(language)
    link = HallLink(ctx)
    link.enroll(code)
    link.sign_in(user, demo_hall["password"])
    window, worker = build_window(ctx, link)
    open_maximised(window)
    return ctx, app, link, window, worker


def co_department(out: Path, language: str, data: Path, demo_hall: dict[str, str]) -> None:
    """The environment bureau's window (G02): the restaurant's part in its worklist, and its opinion."""
    ctx, app, link, window, worker = _another_pc(language, data, demo_hall, ("W03", "G02", "wangfang"))
    window.start_sync()
    s = Shooter(app, out, language)
    s.then(4000, lambda: window.tabs.setCurrentWidget(window.worklist))
    s.then(2000, lambda: s.shot("joint-part-worklist"))
    s.then(0, window.worklist.open_opinion)
    s.then(1500, lambda: s.shot("joint-opinion"))
    s.then(0, lambda: window.worklist.opinion_dialog.close() if window.worklist.opinion_dialog else None)
    s.run()
    window.queue_panel.stop()
    link.stop()
    worker.stop()
    ctx.close()


def supervisor(out: Path, language: str, data: Path, demo_hall: dict[str, str]) -> None:
    """The supervisors' hall monitor, its dialogs and a report, on a second PC of the demo hall."""
    ctx, app, link, window, worker = _another_pc(language, data, demo_hall, ("W02", "A02", "zhaolei"))
    monitor = window.monitor
    assert monitor is not None
    window.tabs.setCurrentWidget(monitor)
    s = Shooter(app, out, language)
    opened: list[QWidget] = []

    def report() -> None:
        monitor.open_reports()
        dialog = QApplication.activeModalWidget()
        assert dialog is not None
        opened.append(dialog)
        dialog.run_query()  # type: ignore[attr-defined]

    def tickets() -> None:
        from counter_app.ui.monitor_dialogs import TicketsDialog

        dialog = TicketsDialog(monitor.monitor, monitor.worker, [], monitor)
        opened.append(dialog)
        dialog.show()

    def close() -> None:
        while opened:
            opened.pop().close()

    s.then(4000, lambda: s.shot("monitor"))
    s.then(0, report)
    s.then(3000, lambda: s.shot("report"))
    s.then(0, close)
    s.then(0, tickets)
    s.then(1500, lambda: s.shot("tickets"))
    s.then(0, close)
    s.then(0, lambda: window.tabs.setCurrentWidget(window.oversight))
    s.then(3000, lambda: s.shot("supervision"))
    s.then(0, lambda: window.oversight.lists.setCurrentIndex(3) if window.oversight else None)
    s.then(500, lambda: s.shot("supervision-stopped"))
    s.then(0, lambda: window.oversight.lists.setCurrentIndex(5) if window.oversight else None)
    s.then(500, lambda: s.shot("supervision-joint"))
    s.run()
    monitor.stop()
    if window.oversight is not None:
        window.oversight.stop()
    link.stop()
    worker.stop()
    ctx.close()


def main(out: Path, language: str, size: str) -> None:
    out.mkdir(parents=True, exist_ok=True)
    data = Path(tempfile.mkdtemp())
    demo_hall = _start_demo_hall(data)
    assert demo_hall is not None
    clerk(out, language, size, data, demo_hall)
    co_department(out, language, data, demo_hall)
    supervisor(out, language, data, demo_hall)


if __name__ == "__main__":
    main(
        Path(sys.argv[1]),
        sys.argv[2] if len(sys.argv) > 2 else "zh_CN",
        sys.argv[3] if len(sys.argv) > 3 else "1366x768",
    )
