"""The window: intake and cases tabs, a status bar saying who, where, and what just happened."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QMessageBox, QTabWidget, QVBoxLayout, QWidget

from counter_app import __version__
from counter_app.domain.numbering import Series
from counter_app.services.context import AppContext
from counter_app.services.hall_link import HallLink
from counter_app.services.visits import VisitInProgress, record_visit
from counter_app.sync.engine import SyncReport
from counter_app.ui.cases_tab import CasesTab
from counter_app.ui.errors import explain
from counter_app.ui.evaluation_window import EvaluationWindow
from counter_app.ui.i18n import LANGUAGES
from counter_app.ui.intake_tab import IntakeTab
from counter_app.ui.login_dialog import ConnectDialog, LoginDialog
from counter_app.ui.monitor_tab import MonitorTab
from counter_app.ui.oversight_tab import OversightTab
from counter_app.ui.queue_panel import QueuePanel
from counter_app.ui.scanner import ScanCatcher
from counter_app.ui.settings_dialog import SettingsDialog
from counter_app.ui.sync_panel import SyncBridge, SyncLogDialog, SyncStatusLabel
from counter_app.ui.worker import Worker, finish_prints
from counter_app.ui.worklist_tab import WorklistTab

# who sees the hall monitor tab, and who only watches (no calling strip)
SUPERVISING = frozenset({"supervisor", "admin"})
ONLY_SUPERVISING = frozenset({"supervisor"})


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext, worker: Worker, link: HallLink | None = None) -> None:
        super().__init__()
        self.ctx = ctx
        self.worker = worker
        self.link = link
        s = ctx.settings
        self.setWindowTitle(
            self.tr("%1 — window %2 — counter client")
            .replace("%1", s["hall_name"])
            .replace("%2", s["window_code"])
        )
        self.intake = IntakeTab(ctx, worker)
        self.cases = CasesTab(ctx, worker)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.intake, self.tr("&Intake (Alt+1)"))
        self.tabs.addTab(self.cases, self.tr("&Cases (Alt+2)"))
        self.worklist = WorklistTab(ctx, worker, link=link)
        self.tabs.addTab(self.worklist, self._worklist_title(None))
        self.worklist.counts_changed.connect(
            lambda total, warning, overdue: self.tabs.setTabText(
                self.tabs.indexOf(self.worklist), self._worklist_title((total, warning, overdue))
            )
        )
        self.worklist.stepped.connect(lambda _c: self.link.poke() if self.link else None)
        self.worklist.not_found.connect(self._search_cases)
        self.scanner = ScanCatcher(self)  # a receipt scanned into any field opens its case
        self.scanner.scanned.connect(self.open_scanned)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.scanner)
        self.queue_panel = QueuePanel(link if self._serves_at_window() else None)  # 叫号: above the tabs
        self.monitor: MonitorTab | None = None
        self.oversight: OversightTab | None = None
        self._add_monitor()
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(self.queue_panel)
        column.addWidget(self.tabs, 1)
        self.queue_panel.setVisible(self._serves_at_window())  # once in the window: never a window itself
        self.setCentralWidget(central)
        self.where = QLabel(self._where())
        self.busy = QLabel()
        self.statusBar().addPermanentWidget(self.busy)
        self.sync_status: SyncStatusLabel | None = None
        self.sync_bridge = SyncBridge()
        self.sync_bridge.report.connect(self._sync_report)
        self.statusBar().addPermanentWidget(self.where)
        if link is not None:
            self._show_sync_status()
        self._menus()
        self.intake.status_message.connect(lambda text: self.statusBar().showMessage(text, 15000))
        self.intake.case_saved.connect(lambda _o: self.cases.refresh())
        self.intake.case_saved.connect(lambda _o: self.link.poke() if self.link else None)
        self.intake.case_saved.connect(lambda o: self.queue_panel.note_case(o.case.id))
        self.intake.consult_saved.connect(lambda c: self.queue_panel.note_consult(c.id))
        self.queue_panel.visit_finished.connect(self._visit_finished)
        self.evaluation: EvaluationWindow | None = None
        self.worker.busy_changed.connect(lambda b: self.busy.setText(self.tr("Saving…") if b else ""))
        self.tabs.currentChanged.connect(self._tab_changed)
        QTimer.singleShot(0, self.cases.refresh)
        QTimer.singleShot(0, self.worklist.refresh)
        self._warn_provisional()
        self._warn_default_device_code()

    # -- roles ----------------------------------------------------------------------------------
    def _role(self) -> str:
        return self.ctx.user.role if self.ctx.user is not None else ""

    def _serves_at_window(self) -> bool:
        """A supervisor watches the hall; calling tickets is for those who serve at a window."""
        return self._role() not in ONLY_SUPERVISING

    def _add_monitor(self) -> None:
        """大厅监控 (Alt+3): for supervisors, once the window is joined to a hall server."""
        if self.monitor is not None or self.link is None or self._role() not in SUPERVISING:
            return
        self.monitor = MonitorTab(self.link)
        self.tabs.addTab(self.monitor, self.tr("Hall &monitor (Alt+4)"))
        self.oversight = OversightTab(self.link)  # 电子监察 (Alt+5): the promises kept and broken
        self.tabs.addTab(self.oversight, self.tr("&Supervision (Alt+5)"))
        self.monitor.alerts.itemActivated.connect(lambda _i: self.tabs.setCurrentWidget(self.oversight))
        if not self._serves_at_window():  # the server refuses a supervisor's cases: no intake form
            self.tabs.setTabEnabled(0, False)
            self.tabs.setTabToolTip(
                0, self.tr("A supervisor watches the hall: sign in as a clerk to take applications.")
            )
            self.tabs.setCurrentWidget(self.monitor)

    # -- the visit and its evaluation (好差评) ----------------------------------------------------
    def _visit_finished(self, visit: VisitInProgress) -> None:
        self.worker.submit(
            lambda: record_visit(self.ctx, visit),
            lambda visit_id: self._evaluate(visit_id, visit.ticket_display),
            lambda error: self.statusBar().showMessage(
                self.tr("The visit was not recorded: %1").replace("%1", explain(error)), 15000
            ),
        )

    def _evaluate(self, visit_id: str, ticket_display: str) -> None:
        """The applicant's screen for this visit; one still waiting for the previous one gives way."""
        if self.link is not None:
            self.link.poke()
        if self.evaluation is not None and self.evaluation.isVisible():
            self.evaluation.skip()
        window = EvaluationWindow(self.ctx, self.worker, visit_id, ticket_display, keys_stay_with=self)
        window.rated.connect(lambda _v, _r: self.link.poke() if self.link else None)
        window.destroyed.connect(lambda _o=None, w=window: self._evaluation_gone(w))
        self.evaluation = window
        window.present(self)

    def _evaluation_gone(self, window: EvaluationWindow) -> None:
        if self.evaluation is window:
            self.evaluation = None

    def _menus(self) -> None:
        for n in (1, 2, 3, 4, 5):
            action = QAction(self)
            action.setShortcut(QKeySequence(f"Alt+{n}"))
            action.triggered.connect(
                lambda _c=False, i=n - 1: self.tabs.setCurrentIndex(min(i, self.tabs.count() - 1))
            )
            self.addAction(action)
        menu = self.menuBar().addMenu(self.tr("&View"))
        language = menu.addMenu(self.tr("Language (after restart)"))
        for code, name in LANGUAGES.items():
            act = language.addAction(name)
            act.setCheckable(True)
            act.setChecked(self.ctx.settings["language"] == code)
            act.triggered.connect(lambda _c=False, c=code: self._set_language(c))
        self.connect_action = menu.addAction(self.tr("Connect to a &hall server…"), self.connect_to_hall)
        self.connect_action.setEnabled(self.link is None)
        self.settings_action = menu.addAction(self.tr("&Settings…"), self.open_settings)
        self.settings_action.setShortcut(QKeySequence("Ctrl+,"))
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        help_menu.addAction(self.tr("Keyboard keys"), self._keys)
        help_menu.addAction(self.tr("About"), self._about)

    def open_settings(self) -> None:
        """The settings window (Ctrl+,): the clerk's own settings to change, IT's to read."""
        dialog = SettingsDialog(self.ctx, self.worker, self)
        dialog.saved.connect(self._settings_saved)
        dialog.finished.connect(dialog.deleteLater)
        self.settings_dialog = dialog
        dialog.open()

    def _settings_saved(self, changed: dict[str, str]) -> None:
        self.where.setText(self._where())
        if "language" in changed:
            self.statusBar().showMessage(self.tr("The language changes at the next start."), 10000)

    def _where(self) -> str:
        s = self.ctx.settings
        return (
            self.tr("Window %1 · clerk %2 · device %3")
            .replace(
                "%1", self.tr("%1 (%2)").replace("%1", self.ctx.window().name).replace("%2", s["window_code"])
            )
            .replace("%2", self._clerk())
            .replace("%3", s["device_code"])
        )

    def _clerk(self) -> str:
        user = self.ctx.user
        if user is not None:
            return user.display_name + (self.tr(" (offline sign-in)") if user.offline else "")
        return self.ctx.settings["clerk_name"] or self.tr("(not set)")

    def start_sync(self) -> None:
        if self.link is not None:
            self.link.start(self.sync_bridge.report.emit)

    def _show_sync_status(self) -> None:
        self.sync_status = SyncStatusLabel()
        self.sync_status.clicked.connect(self._sync_clicked)
        self.statusBar().insertPermanentWidget(1, self.sync_status)

    def connect_to_hall(self) -> None:
        """IT joins a window that worked alone to a hall server (enrolment and first sign-in)."""
        if self.link is not None:
            return
        dialog = ConnectDialog(self.ctx, self.worker, self)
        if not dialog.exec() or dialog.link is None:
            return
        self.link = dialog.link
        self._show_sync_status()
        self.connect_action.setEnabled(False)
        self.where.setText(self._where())
        self.start_sync()
        self.queue_panel.set_link(self.link if self._serves_at_window() else None)
        self.queue_panel.setVisible(self._serves_at_window())
        self._add_monitor()

    def _sync_report(self, report: SyncReport) -> None:
        if self.sync_status is None:
            return
        self.sync_status.show_report(report)
        if report.touched.cases or report.pushed or report.rejected:
            self.cases.refresh()
            self.worklist.refresh()

    def _sync_clicked(self) -> None:
        assert self.link is not None and self.sync_status is not None
        last = self.sync_status.last
        if last is not None and last.needs_login:
            dialog = LoginDialog(
                self.link, self.worker, self, self.ctx.user.username if self.ctx.user else ""
            )
            if dialog.exec():
                self.link.poke()
            return
        SyncLogDialog(self.link, self.worker, self).exec()

    def open_scanned(self, number: str) -> None:
        """A receipt's barcode: the case in the worklist (取件 and the other steps are there)."""
        if number.startswith(Series.ONE_TIME_NOTICE.value):  # 一次性告知书: the applicant is back
            self.tabs.setCurrentWidget(self.intake)
            self.intake.returning()
            dialog = self.intake.returning_dialog
            if dialog is not None:
                dialog.query.setText(number)
                dialog.query.returnPressed.emit()
            return
        self.tabs.setCurrentWidget(self.worklist)
        self.worklist.find_case(number)

    def _search_cases(self, number: str) -> None:
        """No open case has the number: every case is searched for it on the cases tab."""
        self.tabs.setCurrentWidget(self.cases)
        self.cases.query.setText(number)
        self.cases.refresh()

    def _worklist_title(self, counts: tuple[int, int, int] | None) -> str:
        """``待办 (Alt+3) 12 · 预警 2 · 超期 1``: the counts of the whole worklist."""
        title = self.tr("&Worklist (Alt+3)")
        if counts is None:
            return title
        total, warning, overdue = counts
        return (
            self.tr("%1 %2 · due soon %3 · overdue %4")
            .replace("%1", title)
            .replace("%2", str(total))
            .replace("%3", str(warning))
            .replace("%4", str(overdue))
        )

    def _tab_changed(self, index: int) -> None:
        if self.tabs.widget(index) is self.cases:
            self.cases.refresh()
            self.cases.query.setFocus()
        elif self.tabs.widget(index) is self.worklist:
            self.worklist.refresh()
            self.worklist.table.setFocus()
        elif self.tabs.widget(index) is self.monitor and self.monitor is not None:
            self.monitor.windows.setFocus()
        elif self.tabs.widget(index) is self.oversight and self.oversight is not None:
            self.oversight.departments.setFocus()
        else:
            self.intake.focus_item_search()

    def _warn_provisional(self) -> None:
        year = self.ctx.clock().year + 1
        if not self.ctx.calendar.knows(year):
            self.statusBar().showMessage(
                self.tr(
                    "No holiday calendar for %1 yet: deadlines reaching into it are provisional."
                ).replace("%1", str(year))
            )

    def _warn_default_device_code(self) -> None:
        """Two PCs left on the default device code would number their cases alike: say so."""
        if self.ctx.device_code_unset:
            warning = QLabel(
                self.tr(
                    "Device code not set (default %1): ask IT to set device_code or enrol this PC."
                ).replace("%1", self.ctx.settings["device_code"])
            )
            warning.setObjectName("device_code_warning")
            warning.setStyleSheet("color: #c62828;")
            self.statusBar().addPermanentWidget(warning)
            self.device_code_warning: QLabel | None = warning

    def _set_language(self, code: str) -> None:
        self.worker.submit(lambda: self.ctx.settings.set_user({"language": code}))
        self.statusBar().showMessage(self.tr("The language changes at the next start."), 10000)

    def _keys(self) -> None:
        QMessageBox.information(
            self,
            self.tr("Keyboard keys"),
            self.tr(
                "F2 item search · F3 returning applicant · F4 consult · F6 all materials received\n"
                "F7 agent · F8 complete now (instant items) · F9 accept · F10 one-time notice · F11 refuse\n"
                "Ctrl+N next applicant · Alt+1 intake · Alt+2 cases · Ctrl+P print (notices)\n"
                "In the materials list: 1 received · 2 missing · 3 needs correction · 4 not applicable · "
                "Space cycles · type to write a note\n"
                "Queue: F12 call next · Ctrl+F12 call a ticket · Shift+F12 recall · F5 start · Shift+F5 finish · "
                "Ctrl+Shift+N no-show · Ctrl+Shift+T transfer · Ctrl+Shift+K park · Ctrl+Shift+P pause/resume · "
                "Ctrl+Shift+W walk-in"
            ),
        )

    def _about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About"),
            self.tr("Counter client %1\nData folder: %2")
            .replace("%1", __version__)
            .replace("%2", str(self.ctx.data_dir)),
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.scanner)
        wait = float(self.ctx.settings["print_wait_seconds"]) + 10
        finish_prints(wait)  # a notice still printing comes out and is handed over to be recorded...
        self.worker.stop()  # ...with the queued clerk actions, before the window goes
        self.queue_panel.stop()
        if self.monitor is not None:
            self.monitor.stop()
        if self.oversight is not None:
            self.oversight.stop()
        if self.evaluation is not None:
            self.evaluation.close()
        if self.link is not None:
            self.link.stop()
        event.accept()
