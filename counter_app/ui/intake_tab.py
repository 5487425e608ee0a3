"""受理: item, applicant, agent, materials, service mode and the four outcomes, keyboard first.

Keys: F2 item search, F3 returning applicant, F4 consult, F6 all materials received, F7 agent on/off,
F8 instant completion, F9 accept, F10 one-time notice, F11 refuse, Ctrl+N new case (clears the
form; calling the next ticket is the queue strip's F12).
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain.case import MSG_NOT_COMPLETE, ServiceMode
from counter_app.domain.catalogue import ServiceItem
from counter_app.domain.messages import DomainError
from counter_app.domain.records import Consult
from counter_app.services.cases import CaseService, ReturningApplication
from counter_app.services.catalogue import find_items
from counter_app.services.context import AppContext
from counter_app.services.intake import ApplicationDraft, IntakeService, Outcome
from counter_app.ui import labels
from counter_app.ui.checklist import Checklist
from counter_app.ui.dialogs import ConsultDialog, RefusalDialog, ReturningDialog
from counter_app.ui.errors import explain, show_problem
from counter_app.ui.i18n import error_text, message
from counter_app.ui.item_picker import ItemPicker
from counter_app.ui.keys import bind
from counter_app.ui.notice_dialog import NoticeDialog
from counter_app.ui.party_form import PartyForm
from counter_app.ui.screen_fit import scrolled_column
from counter_app.ui.worker import Worker


class IntakeTab(QWidget):
    case_saved = Signal(object)  # Outcome
    consult_saved = Signal(object)  # Consult
    status_message = Signal(str)

    def __init__(self, ctx: AppContext, worker: Worker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.worker = worker
        # an action of this tab is being saved, or a returning application is being loaded into
        # the form: the action keys wait (a double press never saves twice, an old form never
        # saves over the one coming)
        self._form_jobs = 0
        self.intake = IntakeService(ctx)
        self.cases = CaseService(ctx)
        self.resume: ReturningApplication | None = None
        self.notice_dialog: NoticeDialog | None = None
        self.picker = ItemPicker(
            lambda q: find_items(ctx, q, self._departments()), lambda code: ctx.department(code).name
        )
        self.mode = QComboBox()
        self.mode.setObjectName("service_mode")
        for mode in ServiceMode:
            self.mode.addItem(labels.service_mode(mode), mode.value)
        self.applicant = PartyForm(self.tr("Applicant"))
        self.applicant.setObjectName("applicant")
        self.has_agent = QCheckBox(self.tr("Submitted by an a&gent (F7)"))
        self.agent = PartyForm(self.tr("Agent"))
        self.agent.setObjectName("agent")
        self.agent.hide()
        self.checklist = Checklist()
        self.checklist.setObjectName("checklist")
        self.materials_error = QLabel()
        self.materials_error.setObjectName("materials_error")
        self.materials_error.setStyleSheet("color: #c62828;")
        self.materials_error.setWordWrap(True)
        self.banner = QLabel()
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("background: #e3f2fd; padding: 6px;")
        self.banner.hide()
        self.buttons: dict[str, QPushButton] = {}
        self._layout()
        self._connect()
        self.clear()

    # -- layout -------------------------------------------------------------------------------
    def _button(self, key: str, text: str, shortcut: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(f"{text} ({shortcut})")
        button.setObjectName(key)
        button.clicked.connect(slot)
        self._key(shortcut, slot)
        self.buttons[key] = button
        return button

    def _layout(self) -> None:
        left = QVBoxLayout()
        left.addWidget(QLabel(self.tr("<b>Service item</b> (F2)")))
        left.addWidget(self.picker, 1)  # the item list takes the height the form leaves
        mode_row = QHBoxLayout()
        mode_row.addWidget(QLabel(self.tr("Service &mode")))
        mode_row.addWidget(self.mode, 1)
        mode_row.itemAt(0).widget().setBuddy(self.mode)  # type: ignore[union-attr]
        left.addLayout(mode_row)
        left.addWidget(self.applicant)
        left.addWidget(self.has_agent)
        left.addWidget(self.agent)
        pane = QWidget()  # the materials pane: the evaluation panel keeps off it (one monitor)
        pane.setObjectName("materials_pane")
        right = QVBoxLayout(pane)
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(self.banner)
        head = QHBoxLayout()
        head.addWidget(
            QLabel(self.tr("<b>Materials</b>  keys 1 received · 2 missing · 3 correction · 4 n/a"))
        )
        head.addStretch(1)
        head.addWidget(self._button("all_received", self.tr("All received"), "F6", self.all_received))
        right.addLayout(head)
        right.addWidget(self.checklist, 1)
        right.addWidget(self.materials_error)
        outcomes = QGridLayout()
        outcomes.addWidget(self._button("accept", self.tr("Accept"), "F9", self.accept_case), 0, 0)
        outcomes.addWidget(
            self._button("instant", self.tr("Complete now"), "F8", self.complete_instant), 0, 1
        )
        outcomes.addWidget(self._button("notify", self.tr("One-time notice"), "F10", self.notify), 0, 2)
        outcomes.addWidget(self._button("refuse", self.tr("Refuse"), "F11", self.refuse), 0, 3)
        outcomes.addWidget(
            self._button("returning", self.tr("Returning applicant"), "F3", self.returning), 1, 0
        )
        outcomes.addWidget(self._button("consult", self.tr("Consult"), "F4", self.consult), 1, 1)
        new_case = self._button("clear", self.tr("New case"), "Ctrl+N", self.clear)
        new_case.setToolTip(
            self.tr("Clear the form for a new case. It calls no ticket: the queue strip's F12 does that.")
        )
        outcomes.addWidget(new_case, 1, 2)
        right.addLayout(outcomes)
        left = scrolled_column(left)  # the form scrolls (the agent's too); the outcome keys stay in view
        root = QHBoxLayout(self)
        root.addLayout(left, 2)
        root.addWidget(pane, 3)
        self._key("F2", self.focus_item_search)
        self._key("F7", self.has_agent.toggle)

    def _key(self, keys: str, slot: Callable[[], object]) -> None:
        """Window-wide while this tab is shown (the focus may be on the tab bar), not in dialogs."""
        bind(self, keys, lambda: slot() if self.isVisible() else None, window_wide=True)

    def _connect(self) -> None:
        self.picker.chosen.connect(self._item_chosen)
        self.has_agent.toggled.connect(self._agent_toggled)
        self.checklist.changed.connect(self._materials_changed)

    def _materials_changed(self) -> None:
        """A note longer than the service takes is said at once, naming its material."""
        self.materials_error.setText(self.checklist.note_too_long())

    def _departments(self) -> list[str] | None:
        served = [d.strip() for d in self.ctx.settings["departments_served"].split(",") if d.strip()]
        return served or list(self.ctx.window().departments) or None

    # -- state --------------------------------------------------------------------------------
    def focus_item_search(self) -> None:
        self.picker.query.setFocus()
        self.picker.query.selectAll()

    def all_received(self) -> None:
        self.checklist.all_received()

    def _item_chosen(self, item: ServiceItem) -> None:
        if self.resume is not None and self.resume.item.code != item.code:
            self.resume = None
            self.banner.hide()
        self.checklist.set_for_item(item.materials)
        kind = self.applicant.kind_value()
        if self.applicant.is_blank() or kind not in item.applicant_kinds:
            self.applicant.set_kind(item.applicant_kinds[0])  # 企业开办 → 法人或其他组织
        self._update_buttons()
        self.applicant.id_number.setFocus() if self.applicant.is_blank() else self.checklist.setFocus()

    def _agent_toggled(self, on: bool) -> None:
        self.agent.setVisible(on)
        if on:
            self.agent.id_number.setFocus()

    def _update_buttons(self) -> None:
        item = self.picker.current
        instant = bool(item and item.is_instant)
        self.buttons["instant"].setEnabled(instant and not self._saving)
        self.buttons["accept"].setEnabled(bool(item) and not instant and not self._saving)
        for key in ("notify", "refuse"):
            self.buttons[key].setEnabled(bool(item) and not self._saving)

    @property
    def _saving(self) -> bool:
        return self._form_jobs > 0

    def _set_saving(self, saving: bool) -> None:
        """One of the tab's own jobs on the form submitted (True) or answered (False)."""
        self._form_jobs = max(0, self._form_jobs + (1 if saving else -1))
        self._update_buttons()

    def clear(self) -> None:
        """Ready for the next applicant."""
        self.resume = None
        self.banner.hide()
        self.picker.query.clear()
        self.picker.choose(None)
        self.checklist.set_materials([])
        self.applicant.set_value(None)
        self.agent.set_value(None)
        self.has_agent.setChecked(False)
        self.mode.setCurrentIndex(0)
        self.materials_error.clear()
        self._update_buttons()
        self.focus_item_search()

    def draft(self) -> ApplicationDraft | None:
        item = self.picker.current
        if item is None:
            self.status_message.emit(self.tr("Choose a service item first (F2)."))
            self.focus_item_search()
            return None
        return ApplicationDraft(
            item=item,
            applicant=self.applicant.value(),
            agent=self.agent.value() if self.has_agent.isChecked() else None,
            service_mode=ServiceMode(self.mode.currentData()),
            checks=tuple(self.checklist.checks()),
            resume_case_id=self.resume.case.id if self.resume else None,
        )

    # -- outcomes ----------------------------------------------------------------------------
    def accept_case(self) -> None:
        self._run(lambda d: self.intake.accept(d), self.tr("Accepted"))

    def complete_instant(self) -> None:
        self._run(lambda d: self.intake.complete_instant(d), self.tr("Completed on the spot"))

    def notify(self) -> None:
        self._run(lambda d: self.intake.notify(d), self.tr("One-time notice issued"))

    def refuse(self) -> None:
        if self.draft() is None:
            return
        item = self.picker.current
        dialog = RefusalDialog(item.refusal_reasons if item else (), self)
        dialog.setObjectName("refusal_dialog")

        def confirmed() -> None:
            reason, basis = dialog.reason.toPlainText(), dialog.basis.text()
            if not self._run(lambda d: self.intake.refuse(d, reason, basis), self.tr("Refused"), dialog):
                dialog.show_error(self.busy_message())
                dialog.open()  # what was typed stays; Ctrl+Enter again once the save is done

        dialog.accepted.connect(confirmed)
        dialog.open()
        self.refusal_dialog = dialog

    def _run(
        self,
        action: Callable[[ApplicationDraft], Outcome],
        done_text: str,
        dialog: RefusalDialog | None = None,
    ) -> bool:
        """Submit the action; False when refused because this tab's previous save is still running.

        Only the tab's own work on the form holds the key back (a save: a double press must not
        save twice; a returning application being loaded); behind other background work (a
        lookup, a list reloading) the save waits its turn on the worker instead of asking the
        clerk to press again."""
        if self._saving:
            self.status_message.emit(self.busy_message())
            return False
        draft = self.draft()
        if draft is None:
            return True
        self.applicant.clear_errors()
        self.agent.clear_errors()
        self.materials_error.clear()
        self._set_saving(True)
        self.worker.submit(
            lambda: action(draft),
            lambda outcome: self._saved(outcome, done_text),
            lambda error: self._failed(error, dialog),
        )
        return True

    def busy_message(self) -> str:
        return self.tr("Still busy with the previous action: press the key again in a moment.")

    def _saved(self, outcome: Outcome, done_text: str) -> None:
        self._set_saving(False)
        case = outcome.case
        number = case.case_number or (outcome.notices[0].number if outcome.notices else "")
        labelled = self.tr("%1: %2")  # the colon of the interface's language (：in Chinese)
        headline = labelled.replace("%1", f"<b>{escape(done_text)}</b>").replace("%2", escape(number))
        headline += f"  {escape(case.applicant_name)}  {escape(case.item_name)}"
        for text, params in outcome.warnings:
            headline += f"<br><span style='color:#c62828'>{escape(message(text, **params))}</span>"
        self.status_message.emit(labelled.replace("%1", done_text).replace("%2", number))
        self.case_saved.emit(outcome)
        self.clear()
        dialog = NoticeDialog(self.ctx, self.worker, outcome.notices, headline, self)
        dialog.finished.connect(lambda _r: self.focus_item_search())
        self.notice_dialog = dialog
        dialog.open()

    def _failed(self, error: BaseException, dialog: RefusalDialog | None) -> None:
        self._set_saving(False)
        if isinstance(error, DomainError):
            text = error_text(error)
            target, _, key = error.field.partition(".")
            if target in ("applicant", "agent"):
                form = self.applicant if target == "applicant" else self.agent
                form.show_error(key, text).setFocus()
            elif target == "material" and key.isdigit():
                self.materials_error.setText(self.checklist.error_at(int(key), text))
                self.checklist.setFocus()
            elif target in ("materials", "material"):
                self.materials_error.setText(
                    self.checklist.naming_unreceived(text) if error.message == MSG_NOT_COMPLETE else text
                )
                self.checklist.setFocus()
            elif dialog is not None and target in ("reason", "legal_basis"):
                dialog.show_error(text)
                dialog.open()
            else:
                self.status_message.emit(text)
                show_problem(self, self.tr("Not saved"), text, warning=True)
            return
        show_problem(self, self.tr("Not saved"), explain(error))

    # -- returning applicant and consult --------------------------------------------------
    def returning(self) -> None:
        dialog = ReturningDialog(
            lambda q: self.worker.submit(
                lambda: self.cases.find_returning(q),
                dialog.show_results,
                lambda error: dialog.message.setText(explain(error)),
                owner=dialog,
            ),
            self,
        )
        dialog.setObjectName("returning_dialog")
        dialog.chosen.connect(self.load_returning)
        self.returning_dialog = dialog
        dialog.open()

    def load_returning(self, case_id: str) -> None:
        self._set_saving(True)  # the form is about to be replaced: no save from the old one now
        self.worker.submit(
            lambda: self.cases.reopen(case_id),
            self._reopened,
            self._not_reopened,
        )

    def _not_reopened(self, error: BaseException) -> None:
        self._set_saving(False)
        show_problem(self, self.tr("Not loaded"), explain(error))

    def _reopened(self, app: ReturningApplication | None) -> None:
        self._set_saving(False)
        if app is None:
            return
        self.clear()
        self.resume = app
        self.picker.choose(app.item)
        self.picker.query.setText(app.item.name)
        self.applicant.set_value(app.applicant)
        self.has_agent.setChecked(app.agent is not None)
        self.agent.set_value(app.agent)
        self.mode.setCurrentIndex(self.mode.findData(app.service_mode.value))
        self.checklist.set_materials(app.checks)
        self.banner.setText(
            self.tr(
                "Returning applicant: the checklist of %1 is loaded with what was already received. "
                "Accepting now starts the clock today."
            ).replace("%1", app.case.applicant["name"])
        )
        self.banner.show()
        self._update_buttons()
        self.checklist.setFocus()

    def consult(self) -> None:
        item = self.picker.current
        dialog = ConsultDialog(item.name if item else "", self)
        dialog.setObjectName("consult_dialog")

        def save() -> None:
            q, a = dialog.question.toPlainText(), dialog.answer.toPlainText()
            self.worker.submit(
                lambda: self.intake.record_consult(item, q, a),
                saved,
                failed,
            )

        def saved(consult: Consult) -> None:
            self.status_message.emit(self.tr("Consult recorded: %1").replace("%1", consult.number))
            self.consult_saved.emit(consult)

        def failed(error: BaseException) -> None:
            dialog.show_error(error_text(error) if isinstance(error, DomainError) else explain(error))
            dialog.open()

        dialog.accepted.connect(save)
        self.consult_dialog = dialog
        dialog.open()
