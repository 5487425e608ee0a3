"""Screenshots for the README and for looking at the layout: run under xvfb-run.

xvfb-run -a -s "-screen 0 1440x900x24" .venv/bin/python scripts/screenshots.py docs/screenshots [zh_CN|en]
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QTimer

from counter_app.cli import _context, _enrol_demo, _parser, _start_demo_hall
from counter_app.services.demo import person
from counter_app.services.hall_link import HallLink
from counter_app.ui.app import build_window, make_application


def main(out: Path, language: str) -> None:
    out.mkdir(parents=True, exist_ok=True)
    data = Path(tempfile.mkdtemp())
    demo_hall = _start_demo_hall(data)
    assert demo_hall is not None
    ctx = _context(_parser().parse_args(["--demo", "--data-dir", str(data), "--lang", language]), demo_hall)
    app = make_application(language)
    login = _enrol_demo(ctx, demo_hall)
    assert login is not None
    link = HallLink(ctx)
    from counter_app.ui.login_dialog import LoginDialog
    from counter_app.ui.worker import Worker

    login_worker = Worker()
    dialog = LoginDialog(link, login_worker, None, login[0])
    dialog.show()
    for _ in range(20):
        app.processEvents()
    dialog.grab().save(str(out / f"login-{language}.png"))
    dialog.close()
    login_worker.stop()
    link.sign_in(*login)
    window, worker = build_window(ctx, link)
    window.resize(1400, 880)
    window.show()
    window.start_sync()
    tab = window.intake

    def settle() -> None:
        while worker.busy:
            app.processEvents()
        for _ in range(20):
            app.processEvents()

    def shoot() -> None:
        tab.picker.query.setText("sfz")
        settle()
        item = next(i for i in ctx.catalogue.items if i.name == "居民身份证换领")
        tab.picker.choose(item)
        tab.applicant.set_value(person("李建国", "33010619800101201", "13800138000"))
        tab.applicant.address.setText("示范市西湖区文三路90号")
        tab.all_received()
        tab.checklist.set_status(1, tab.checklist.checks()[1].status.__class__("missing"))
        settle()
        window.grab().save(str(out / f"intake-{language}.png"))
        tab.all_received()
        tab.accept_case()
        settle()
        dialog = tab.notice_dialog
        assert dialog is not None
        settle()
        app.processEvents()
        QTimer.singleShot(800, lambda: finish(dialog))

    def finish(dialog: object) -> None:
        dialog.grab().save(str(out / f"notice-{language}.png"))  # type: ignore[attr-defined]
        dialog.close()  # type: ignore[attr-defined]
        window.tabs.setCurrentIndex(1)
        settle()
        QTimer.singleShot(1500, sync_log)

    def sync_log() -> None:
        window.grab().save(str(out / f"cases-{language}.png"))
        from counter_app.ui.sync_panel import SyncLogDialog

        log = SyncLogDialog(link, worker, window)
        log.show()
        settle()
        log.grab().save(str(out / f"sync-log-{language}.png"))
        log.close()
        link.stop()
        app.quit()

    QTimer.singleShot(300, shoot)
    app.exec()
    worker.stop()
    ctx.close()
    supervisor(out, language, data, demo_hall)


def supervisor(out: Path, language: str, data: Path, demo_hall: dict[str, str]) -> None:
    """The supervisors' hall monitor and a report, on a second PC of the same demo hall."""
    from hall_server import admin
    from hall_server.db import open_server_database

    hall_db = open_server_database(f"sqlite:///{data / 'demo-hall' / 'hall-server.sqlite'}")
    code = admin.enrollment_code(hall_db, "W02", "A02")
    hall_db.dispose()
    second = data / "supervisor"
    ctx = _context(_parser().parse_args(["--data-dir", str(second), "--lang", language]), demo_hall)
    app = make_application(language)
    link = HallLink(ctx)
    link.enroll(code)
    link.sign_in("zhaolei", demo_hall["password"])
    window, worker = build_window(ctx, link)
    window.resize(1400, 880)
    window.show()
    monitor = window.monitor
    assert monitor is not None
    window.tabs.setCurrentWidget(monitor)

    def shoot() -> None:
        window.grab().save(str(out / f"monitor-{language}.png"))
        monitor.open_reports()
        QTimer.singleShot(300, report)

    def report() -> None:
        from PySide6.QtWidgets import QApplication

        dialog = QApplication.activeModalWidget()
        assert dialog is not None
        dialog.resize(1200, 520)
        dialog.run_query()  # type: ignore[attr-defined]
        QTimer.singleShot(2500, lambda: finish(dialog))

    def finish(dialog: object) -> None:
        dialog.grab().save(str(out / f"report-{language}.png"))  # type: ignore[attr-defined]
        dialog.close()  # type: ignore[attr-defined]
        app.quit()

    QTimer.singleShot(4000, shoot)
    app.exec()
    monitor.stop()
    worker.stop()
    ctx.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2] if len(sys.argv) > 2 else "zh_CN")
