"""待办: the open cases of the departments this window serves, soonest due first, 预警 and 超期
in colour; a case's timeline, materials and notices beside; only the steps its state allows.
Keyboard first: Ctrl+F searches, the arrows walk the list, each step has its Alt key."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain.case import CaseState
from counter_app.domain.case_steps import Step, allowed_steps, extension_request
from counter_app.domain.dates import written_date
from counter_app.domain.joint import OPEN, Part, asked_by_parts, parts_of
from counter_app.domain.messages import DomainError
from counter_app.domain.records import Case, Notice
from counter_app.services.cases import CaseDetail, CaseService
from counter_app.services.casework import CaseWork, StepDone
from counter_app.services.context import AppContext
from counter_app.services.hall_link import HallLink
from counter_app.services.joint_parts import part_correction_notice
from counter_app.services.worklist import Urgency, WorkFilter, Worklist, WorklistView, WorkRow
from counter_app.store.worklist_reads import WORKLIST_STATES, Selection
from counter_app.ui import labels
from counter_app.ui.case_course import course_html
from counter_app.ui.case_history import english, event_line
from counter_app.ui.errors import explain
from counter_app.ui.i18n import error_text
from counter_app.ui.joint_text import parts_html
from counter_app.ui.keys import bind
from counter_app.ui.message_text import messages_html
from counter_app.ui.notice_dialog import NoticeDialog
from counter_app.ui.opinion_dialog import OpinionDialog
from counter_app.ui.scanner import TAKES_SCANS
from counter_app.ui.step_dialog import StepDialog, step_title
from counter_app.ui.worker import Worker

NUMBER, APPLICANT, STATE, PROMISED, LEFT, ITEM, CLERK = range(7)
COLOURS = {Urgency.OVERDUE: "#ffcdd2", Urgency.WARNING: "#ffe0b2", Urgency.STOPPED: "#e0e0e0"}
ITEM_WIDTH = 220
# 延期 is offered where the window is joined to a hall: its approver signs in as the hall knows them
STEPS_ALONE = [s for s in Step if s is not Step.EXTEND]


ACCEPTANCES = frozenset({"case.accept", "case.complete_instant"})


class WorklistTab(QWidget):
    counts_changed = Signal(int, int, int)  # total, 预警, 超期: the main window's tab title
    not_found = Signal(str)  # a scanned number no open case has

    def __init__(
        self, ctx: AppContext, worker: Worker, parent: QWidget | None = None, link: HallLink | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx, self.worker, self.link = ctx, worker, link
        self.worklist, self.work, self.cases = Worklist(ctx), CaseWork(ctx), CaseService(ctx)
        self.rows: list[WorkRow] = []
        self.matched = 0
        self._selection: Selection | None = None
        self._paging = False
        self.detail: CaseDetail | None = None
        self.dialog: StepDialog | None = None
        self._finding = ""
        self.notice_dialog: NoticeDialog | None = None
        self.search = QLineEdit()
        self.search.setObjectName("worklist_search")
        self.search.setProperty(TAKES_SCANS, True)
        self.search.setPlaceholderText(self.tr("Case number, applicant name or ID number (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.state = QComboBox()
        self.state.setObjectName("worklist_state")
        self.state.addItem(self.tr("Every state"), None)
        for st in WORKLIST_STATES:
            self.state.addItem(labels.state(st), st.value)
        self.item = QComboBox()
        self.item.setObjectName("worklist_item")
        self.item.addItem(self.tr("Every item"), "")
        self.due_soon = QCheckBox(self.tr("Due &soon"))
        self.overdue = QCheckBox(self.tr("O&verdue"))
        self.mine = QCheckBox(self.tr("&Mine"))
        self.problem = QLabel()
        self.problem.setObjectName("worklist_problem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #c62828;")
        self.problem.hide()
        self.shown = QLabel()
        self.shown.setObjectName("worklist_shown")
        self.table = QTableWidget(0, 7)
        self.table.setObjectName("worklist_table")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Case number"),
                self.tr("Applicant"),
                self.tr("State"),
                self.tr("Promised by"),
                self.tr("Working days left"),
                self.tr("Item"),
                self.tr("Accepted by"),
            ]
        )
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.text = QTextBrowser()
        self.text.setObjectName("worklist_detail")
        self.buttons: dict[Step, QPushButton] = {}
        for step in list(Step) if link is not None else STEPS_ALONE:
            button = QPushButton(step_title(step))
            button.setObjectName(f"step_{step.name.lower()}")
            button.clicked.connect(lambda _c=False, s=step: self.open_step(s))
            self.buttons[step] = button
        self.opinion_button = QPushButton(self.tr("Joint review &opinion"))
        self.opinion_button.setObjectName("step_opinion")
        self.opinion_button.clicked.connect(self.open_opinion)
        self.opinion_dialog: OpinionDialog | None = None
        self.part_notice_button = QPushButton(self.tr("Correction &notice for the joint departments"))
        self.part_notice_button.setObjectName("part_correction_notice")
        self.part_notice_button.clicked.connect(self.open_part_notice)
        self._debounce = QTimer(self, singleShot=True, interval=250)
        self._layout()
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self._debounce.timeout.connect(self.refresh)
        self.search.returnPressed.connect(self.refresh)
        for box in (self.state, self.item):
            box.currentIndexChanged.connect(lambda _i: self.refresh())
        for check in (self.due_soon, self.overdue, self.mine):
            check.toggled.connect(lambda _b: self.refresh())
        self.table.currentCellChanged.connect(lambda row, *_: self._open(row))
        self.table.verticalScrollBar().valueChanged.connect(self._scrolled)
        bind(self, "Ctrl+F", lambda: self.search.setFocus(Qt.FocusReason.ShortcutFocusReason))
        self._set_detail(None)

    def _layout(self) -> None:
        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        filters.addWidget(self.state, 1)
        filters.addWidget(self.item, 2)
        for check in (self.due_soon, self.overdue, self.mine):
            filters.addWidget(check)
        filters.addWidget(self.shown)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.text, 1)
        self.grid = QGridLayout()
        rl.addLayout(self.grid)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.table)
        split.addWidget(right)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([760, 500])
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.problem)
        layout.addWidget(split, 1)

    # -- the list --------------------------------------------------------------------------------
    def current_filter(self) -> WorkFilter:
        state = self.state.currentData()
        return WorkFilter(
            text=self.search.text(),
            state=CaseState(state) if state else None,
            item_code=str(self.item.currentData() or ""),
            due_soon=self.due_soon.isChecked(),
            overdue=self.overdue.isChecked(),
            mine=self.mine.isChecked(),
        )

    def find_case(self, number: str) -> None:
        """A scanned receipt: the case under that number, whatever the filters were; when no open
        case has it, ``not_found`` says so (the main window then searches every case)."""
        for widget in (self.search, self.state, self.item, self.due_soon, self.overdue, self.mine):
            widget.blockSignals(True)
        self.search.setText(number)
        self.state.setCurrentIndex(0)
        self.item.setCurrentIndex(0)
        for check in (self.due_soon, self.overdue, self.mine):
            check.setChecked(False)
        for widget in (self.search, self.state, self.item, self.due_soon, self.overdue, self.mine):
            widget.blockSignals(False)
        self._finding = number
        self.refresh()

    def refresh(self) -> None:
        flt = self.current_filter()

        def load() -> tuple[Selection, WorklistView]:
            return self.worklist.selection(flt), self.worklist.load(flt)

        self.worker.submit(load, lambda found: self._show(found[1], found[0]), self._failed)

    def _scrolled(self, value: int) -> None:
        """Near the end of what is shown: the next page, while the filter holds more."""
        bar = self.table.verticalScrollBar()
        if self._paging or self._selection is None or len(self.rows) >= self.matched:
            return
        if value < bar.maximum() - 2 * max(1, bar.pageStep()):
            return
        self._paging = True
        sel, offset = self._selection, len(self.rows)

        def shown(rows: list[WorkRow]) -> None:
            self._paging = False
            if sel is self._selection and offset == len(self.rows):
                self._append(rows)
                self._scrolled(self.table.verticalScrollBar().value())  # still room: the next

        def failed(error: BaseException) -> None:
            self._paging = False
            self._failed(error)

        self.worker.submit(lambda: self.worklist.page(sel, offset), shown, failed)

    def _failed(self, error: BaseException) -> None:
        self.problem.setText(error_text(error) if isinstance(error, DomainError) else explain(error))
        self.problem.show()

    def left_text(self, row: WorkRow) -> str:
        if row.urgency is Urgency.DONE:
            return self.tr("Waiting to be collected")
        if row.days_left is None:
            return self.tr("Clock stopped")
        if row.urgency is Urgency.STOPPED:
            return self.tr("Clock stopped, %n working day(s) kept", "", row.days_left)
        if row.urgency is Urgency.OVERDUE and row.days_left == 0:
            return self.tr("Overdue")  # due on a working day, today is a rest day after it
        if row.days_left < 0:
            return self.tr("Overdue by %n working day(s)", "", -row.days_left)
        if row.days_left == 0:
            return self.tr("Due today")
        return self.tr("%n working day(s) left", "", row.days_left)

    def _show(self, view: WorklistView, selection: Selection | None = None) -> None:
        self.problem.hide()
        finding, self._finding = self._finding, ""
        if finding and not view.rows:
            self.not_found.emit(finding)
        self.counts_changed.emit(view.total, view.warning, view.overdue)
        self._items(view)
        current = self.detail.case.id if self.detail else None
        self._selection, self.matched, self.rows = selection, view.matched, []
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        self._append(view.rows)
        self.table.resizeColumnsToContents()
        if self.table.columnWidth(ITEM) > ITEM_WIDTH:
            self.table.setColumnWidth(ITEM, ITEM_WIDTH)
        keep = next((n for n, row in enumerate(self.rows) if row.case.id == current), 0)
        if view.rows:
            self.table.setCurrentCell(keep, 0)
        self.table.blockSignals(False)
        if view.rows:
            self._open(keep)
            if finding:
                self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self._set_detail(None)
        self._scrolled(self.table.verticalScrollBar().value())  # a short page fills the view

    def _append(self, rows: list[WorkRow]) -> None:
        en = english()
        first = len(self.rows)
        self.rows = self.rows + rows
        self.table.setRowCount(len(self.rows))
        for n, row in enumerate(rows, start=first):
            c = row.case
            values = {
                NUMBER: c.case_number or "",
                APPLICANT: c.applicant_name,
                STATE: labels.state(c.state),
                PROMISED: written_date(c.promised_due, provisional=row.provisional, english=en)
                if c.promised_due and row.urgency is not Urgency.STOPPED
                else "",
                LEFT: self.left_text(row),
                ITEM: c.item_name,
                CLERK: c.clerk,
            }
            if c.part and values[PROMISED]:  # a co-department's row: its own part's date, said so
                values[PROMISED] = self.tr("Joint review by %1").replace("%1", values[PROMISED])
            colour = COLOURS.get(row.urgency)
            for col, value in values.items():
                cell = QTableWidgetItem(value)
                cell.setData(Qt.ItemDataRole.UserRole, c.id)
                if col == ITEM:
                    cell.setToolTip(value)
                if colour and col in (PROMISED, LEFT):
                    cell.setBackground(QColor(colour))
                self.table.setItem(n, col, cell)
        self.shown.setText(
            self.tr("%1 of %2 shown").replace("%1", f"{len(self.rows):,}").replace("%2", f"{self.matched:,}")
        )

    def _items(self, view: WorklistView) -> None:
        chosen = self.item.currentData()
        known = [self.item.itemData(i) for i in range(1, self.item.count())]
        if known == [code for code, _ in view.items] or self.item.currentIndex() > 0:
            return  # a chosen item keeps the list it was chosen from
        self.item.blockSignals(True)
        while self.item.count() > 1:
            self.item.removeItem(1)
        for code, name in view.items:
            self.item.addItem(name, code)
        self.item.setCurrentIndex(max(0, self.item.findData(chosen)))
        self.item.blockSignals(False)

    # -- one case --------------------------------------------------------------------------------
    def _open(self, row: int) -> None:
        cell = self.table.item(row, 0) if row >= 0 else None
        if cell is None:
            return
        case_id = cell.data(Qt.ItemDataRole.UserRole)
        self.worker.submit(lambda: self.cases.detail(case_id), self._set_detail, self._failed)

    def _my_part(self, case: Case) -> Part | None:
        """This window's department's part of a joint case it does not lead (并联), if any."""
        served = self.worklist.departments()
        mine = [p for p in parts_of(case.lifecycle) if p.department in served]
        return next((p for p in mine if p.state == OPEN), mine[0] if mine else None)

    def _set_detail(self, detail: CaseDetail | None) -> None:
        self.detail = detail
        allowed = set(allowed_steps(detail.case.state)) if detail else set()
        part = self._my_part(detail.case) if detail else None
        leads = detail is not None and (
            detail.case.department in self.worklist.departments()
            or detail.case.window_code == self.ctx.actor.window_code
        )
        if not leads:  # a co-department answers its part; the lead department takes the steps
            allowed = set()
        for button in [*self.buttons.values(), self.opinion_button, self.part_notice_button]:
            self.grid.removeWidget(button)
        shown = [b for step, b in self.buttons.items() if step in allowed]
        answering = part is not None and part.state == OPEN and detail is not None
        self.opinion_button.setVisible(answering)
        if answering:
            shown.insert(0, self.opinion_button)
        noticing = leads and detail is not None and asked_by_parts(detail.case.lifecycle) is not None
        self.part_notice_button.setVisible(noticing)
        if noticing:  # a joint part asked for 补正: the applicant gets its notice from this window
            shown.insert(0, self.part_notice_button)
        for n, button in enumerate(shown):  # the allowed steps only, side by side, in order
            self.grid.addWidget(button, n // 3, n % 3)
        for step, button in self.buttons.items():
            button.setVisible(step in allowed)
        self.text.setHtml(self.detail_html(detail) if detail else "")

    def detail_html(self, detail: CaseDetail) -> str:
        c = detail.case
        en = english()
        promised = self.tr("Promised by %1")
        materials, notices, timeline = self.tr("Materials"), self.tr("Notices"), self.tr("Timeline")
        lines = [f"<h3>{escape(c.case_number or '')} · {escape(labels.state(c.state))}</h3>"]
        lines.append(f"<p>{escape(c.item_name)}</p>")
        who = [str(c.applicant.get(k) or "") for k in ("name", "id_number", "phone")]
        lines.append(f"<p>{escape(' · '.join(w for w in who if w))}</p>")
        if c.promised_due and c.state not in (CaseState.CORRECTION, CaseState.SUSPENDED):
            unknown = not self.ctx.calendar.knows_span(c.accepted_on, c.promised_due)
            due = written_date(c.promised_due, provisional=unknown, english=en)
            lines.append(f"<p>{escape(promised.replace('%1', due))}</p>")
        lines += self._request_html(c.lifecycle)
        lines += parts_html(c.lifecycle, self.ctx.clock().date(), self.ctx.calendar, en)
        lines.append(f"<h4>{escape(materials)}</h4><ul>")
        for m in c.materials:
            lines.append(f"<li>{escape(str(m.get('name', '')))}</li>")
        lines.append("</ul>")
        if detail.notices:  # a co-department's window has none of the case's notices
            lines.append(f"<h4>{escape(notices)}</h4><ul>")
            for n in detail.notices:
                lines.append(f"<li>{escape(labels.notice_kind(n.kind))} {escape(n.number)}</li>")
            lines.append("</ul>")
        lines += messages_html(c.lifecycle)
        if not any(e.action in ACCEPTANCES for e in detail.events):  # its steps were taken elsewhere
            lines += course_html(c)
        if detail.events:  # what this window did with the case
            lines.append(f"<h4>{escape(timeline)}</h4><ul>")
            lines += [f"<li>{escape(event_line(e, c.window_code))}</li>" for e in detail.events]
            lines.append("</ul>")
        return "".join(lines)

    def _request_html(self, lifecycle: dict[str, object]) -> list[str]:
        """Where the clerk's request for an extension stands (decided from the supervision view)."""
        request = extension_request(dict(lifecycle)) or {}
        status, who = request.get("status"), str(request.get("decided_by") or "")
        days = str(request.get("days") or "")
        if status == "pending":
            text = self.tr("Extension of %1 working day(s) asked: waiting for a supervisor's decision.")
        elif status == "approved":
            text = self.tr("Extension of %1 working day(s) approved by %2: take it with the Extend button.")
        elif status == "refused":
            text = self.tr("Extension refused by %2: %3")
        else:
            return []
        text = text.replace("%1", days).replace("%2", who).replace("%3", str(request.get("note") or ""))
        colour = "#2e7d32" if status == "approved" else "#c62828" if status == "refused" else "#e65100"
        return [f'<p style="color: {colour};">{escape(text)}</p>']

    def open_step(self, step: Step) -> None:
        if self.detail is None:
            return
        approve = self.link.approver if self.link is not None else None
        dialog = StepDialog(self.worker, self.work, self.detail.case, step, self, approve)
        dialog.setObjectName("step_dialog")
        dialog.done_step.connect(self._stepped)
        self.dialog = dialog
        dialog.open()

    def open_opinion(self) -> None:
        part = self._my_part(self.detail.case) if self.detail else None
        if self.detail is None or part is None:
            return
        dialog = OpinionDialog(
            self.ctx, self.worker, self.detail.case, part, self.worklist.departments(), self
        )
        dialog.setObjectName("opinion_dialog")
        dialog.answered.connect(self._answered)
        self.opinion_dialog = dialog
        dialog.open()

    def open_part_notice(self) -> None:
        """The 补正通知书 for what the joint departments asked, made (or found) on the worker."""
        if self.detail is None:
            return
        case_id, ctx = self.detail.case.id, self.ctx
        self.part_notice_button.setEnabled(False)
        self.worker.submit(lambda: part_correction_notice(ctx, case_id), self._part_notice, self._part_failed)

    def _part_notice(self, notices: list[Notice]) -> None:
        self.part_notice_button.setEnabled(True)
        self.refresh()
        self._print(notices, self.tr("Correction notice: print it for the applicant"))

    def _part_failed(self, error: BaseException) -> None:
        self.part_notice_button.setEnabled(True)
        self._failed(error)

    def _print(self, notices: list[Notice], title: str) -> None:
        notice_dialog = NoticeDialog(self.ctx, self.worker, notices, title, self)
        notice_dialog.setObjectName("notice_dialog")
        notice_dialog.finished.connect(lambda _r: self.refresh())
        self.notice_dialog = notice_dialog
        notice_dialog.open()

    def _answered(self, case: Case) -> None:
        self.stepped.emit(case)
        self.refresh()

    def _stepped(self, done: StepDone) -> None:
        self.stepped.emit(done.case)
        self.refresh()
        if done.notices:  # the step's notice, to print for the applicant at once
            title = self.tr("%1: print the notice").replace(
                "%1", step_title(self.dialog.step) if self.dialog else ""
            )
            self._print(done.notices, title)

    stepped = Signal(object)  # a step was saved: the sync runner is poked
