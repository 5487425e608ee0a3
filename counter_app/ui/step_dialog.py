"""One step of a case after acceptance, as a short form: what the step must say, checked by the
domain on the window's worker; a wrong field is named in Chinese and the form stays as typed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain.case_steps import SPECIAL_KINDS, Step, extension_request
from counter_app.domain.identity import IdType
from counter_app.domain.joint import disagreements
from counter_app.domain.messages import DomainError
from counter_app.domain.records import Case
from counter_app.services.casework import Approver, CaseWork, StepDone, ask_for_extension
from counter_app.ui import labels
from counter_app.ui.errors import explain
from counter_app.ui.form_parts import error_label, materials_table, save_buttons, ticked
from counter_app.ui.i18n import error_text
from counter_app.ui.party_form import id_type_text
from counter_app.ui.worker import Worker


def step_title(step: Step) -> str:
    """What the clerk does, as a button says it."""
    return {
        Step.START_REVIEW: QCoreApplication.translate("StepDialog", "Start review"),
        Step.REQUEST_CORRECTION: QCoreApplication.translate("StepDialog", "Request correction"),
        Step.CORRECTED: QCoreApplication.translate("StepDialog", "Corrected materials received"),
        Step.START_SPECIAL: QCoreApplication.translate("StepDialog", "Start a special procedure"),
        Step.END_SPECIAL: QCoreApplication.translate("StepDialog", "End the special procedure"),
        Step.EXTEND: QCoreApplication.translate("StepDialog", "Extend (supervisor)"),
        Step.DECIDE: QCoreApplication.translate("StepDialog", "Decide"),
        Step.COMPLETE: QCoreApplication.translate("StepDialog", "Complete"),
        Step.DELIVER: QCoreApplication.translate("StepDialog", "Hand over or post the result"),
        Step.RETURN: QCoreApplication.translate("StepDialog", "Return the case"),
        Step.WITHDRAW: QCoreApplication.translate("StepDialog", "Withdraw at the applicant's request"),
    }[step]


class StepDialog(QDialog):
    done_step = Signal(object)  # StepDone: the case after the step and the notice it issued

    def __init__(
        self,
        worker: Worker,
        work: CaseWork,
        case: Case,
        step: Step,
        parent: QWidget | None = None,
        approve: Callable[[str, str], Approver] | None = None,
    ) -> None:
        super().__init__(parent)
        self.worker, self.work, self.case, self.step = worker, work, case, step
        self.approve = approve  # 延期: a chief or supervisor signs at this window
        self.setWindowTitle(f"{step_title(step)} · {case.case_number or ''}")
        self.fields: dict[str, QWidget] = {}
        self.form = QFormLayout()
        self.materials: QTableWidget | None = None
        self._build()
        self.error = error_label("step_error")
        self.buttons = save_buttons(self, self.save)
        layout = QVBoxLayout(self)
        if self.materials is not None:
            layout.addWidget(self.materials, 1)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(680, max(self.sizeHint().height(), 480 if self.materials is not None else 0))

    # -- the form --------------------------------------------------------------------------------
    def _line(self, key: str, label: str, text: str = "") -> QLineEdit:
        edit = QLineEdit(text)
        edit.setObjectName(key)
        self.form.addRow(label, edit)
        self.fields[key] = edit
        return edit

    def _text(self, key: str, label: str) -> QPlainTextEdit:
        edit = QPlainTextEdit()
        edit.setObjectName(key)
        edit.setTabChangesFocus(True)
        edit.setFixedHeight(72)
        self.form.addRow(label, edit)
        self.fields[key] = edit
        return edit

    def _choice(self, key: str, label: str, options: list[tuple[str, str]]) -> QComboBox:
        box = QComboBox()
        box.setObjectName(key)
        for value, text in options:
            box.addItem(text, value)
        self.form.addRow(label, box)
        self.fields[key] = box
        return box

    def _days(self, key: str, label: str, top: int) -> QSpinBox:
        spin = QSpinBox()
        spin.setObjectName(key)
        spin.setRange(1, top)
        self.form.addRow(label, spin)
        self.fields[key] = spin
        return spin

    def _build(self) -> None:
        s = self.step
        if s is Step.REQUEST_CORRECTION:
            names = [str(m.get("name", "")) for m in self.case.materials]
            self.materials = materials_table(names, "correction_materials")
            self._text("note", self.tr("Note"))
        elif s is Step.START_SPECIAL:
            self._choice("procedure", self.tr("Procedure"), [(k, labels.procedure(k)) for k in SPECIAL_KINDS])
            self._text("reason", self.tr("Reason"))
            self._days("expected_days", self.tr("Expected working days"), 365)
        elif s is Step.DECIDE:
            self._choice(
                "decision",
                self.tr("Decision"),
                [("grant", self.tr("Grant the licence")), ("deny", self.tr("Refuse the licence"))],
            )
            reasons = self._text("reasons", self.tr("Reasons"))
            self._line("legal_basis", self.tr("Legal basis"))
            self._disagreed(reasons, "decision")
        elif s is Step.COMPLETE:
            decision = (self.case.lifecycle.get("decision") or {}).get("decision")
            self._line(
                "result", self.tr("Result"), self.tr("Granted") if decision != "deny" else self.tr("Denied")
            )
            self._line("certificate_number", self.tr("Certificate or licence number"))
            self._line("fee", self.tr("Fee charged (yuan)"), "0")
            self._text("overtime_reason", self.tr("Reason for the delay (if past the promised date)"))
        elif s is Step.DELIVER:
            self._choice(
                "method",
                self.tr("Delivery"),
                [("pickup", self.tr("Collected at the window")), ("mail", self.tr("By post"))],
            )
            self._line(
                "collector_name", self.tr("Collector's name"), str(self.case.applicant.get("name", ""))
            )
            self._choice(
                "collector_id_type",
                self.tr("Collector's ID type"),
                [(t.value, id_type_text(t)) for t in IdType if t is not IdType.USCC],
            )
            self._line("collector_id_number", self.tr("Collector's ID number"))
            self._line("carrier", self.tr("Carrier"))
            self._line("tracking_number", self.tr("Tracking number"))
            self._line("address", self.tr("Postal address"), str(self.case.applicant.get("address", "")))
        elif s is Step.EXTEND:
            self._extension()
        elif s in (Step.RETURN, Step.WITHDRAW):
            reasons = self._text("reasons", self.tr("Reasons"))
            self._text("remedies", self.tr("Remedies open to the applicant"))
            if s is Step.RETURN:
                self._disagreed(reasons, "")
        else:
            self._text("note", self.tr("Note"))

    def _disagreed(self, reasons: QPlainTextEdit, decision: str) -> None:
        """并联: a co-department disagreed; its reasons go into the refusal or the return as said."""
        said = disagreements(self.case.lifecycle)
        if not said:
            return
        reasons.setPlainText(said)
        box = self.fields.get(decision)
        if isinstance(box, QComboBox):
            box.setCurrentIndex(max(0, box.findData("deny")))

    def _extension(self) -> None:
        """延期: approved from the supervision view (take it as approved), or signed here by a
        chief or supervisor, or, with no one to sign, asked of the supervisors."""
        request = extension_request(self.case.lifecycle) or {}
        days = self._days("days", self.tr("Extra working days"), 60)
        reason = self._text("reason", self.tr("Reason"))
        status = request.get("status")
        if status == "approved":
            days.setValue(int(request.get("days") or 1))
            days.setEnabled(False)  # exactly the days approved
            reason.setPlainText(str(request.get("reason") or ""))
            self.note = QLabel(
                self.tr(
                    "Approved by %1 from the supervision view: take the extension and print its notice."
                ).replace("%1", str(request.get("decided_by") or ""))
            )
            self.form.addRow(self.note)
            return
        self._line("approver_username", self.tr("Approving chief or supervisor (user name)"))
        password = self._line("approver_password", self.tr("Their password"))
        password.setEchoMode(QLineEdit.EchoMode.Password)
        if self.approve is None:
            return
        if status == "pending":
            text = self.tr("Already asked of the supervisors on %1: their decision comes with the next sync.")
            text = text.replace("%1", str(request.get("on") or ""))
        else:
            text = self.tr(
                "No one to sign here? Leave both empty: the request goes to the supervisors' "
                "supervision tab, and the case shows their decision."
            )
            if status == "refused":
                text = (
                    self.tr("The last request was refused by %1: %2")
                    .replace("%1", str(request.get("decided_by") or ""))
                    .replace("%2", str(request.get("note") or ""))
                    + "\n"
                    + text
                )
        self.note = QLabel(text)
        self.note.setObjectName("extension_note")
        self.note.setWordWrap(True)
        self.form.addRow(self.note)

    def details(self) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for key, widget in self.fields.items():
            if isinstance(widget, QLineEdit):
                values[key] = widget.text()
            elif isinstance(widget, QPlainTextEdit):
                values[key] = widget.toPlainText()
            elif isinstance(widget, QComboBox):
                values[key] = widget.currentData()
            elif isinstance(widget, QSpinBox):
                values[key] = widget.value()
        if self.materials is not None:
            values["materials"] = ticked(self.materials)
        return values

    # -- saving ----------------------------------------------------------------------------------
    def save(self) -> None:
        details = self.details()
        case_id, step, seen = self.case.id, self.step, self.case.state
        username = str(details.pop("approver_username", ""))
        password = str(details.pop("approver_password", ""))
        approve = self.approve

        asking = step is Step.EXTEND and approve is not None and not username.strip() and not password
        approved = (extension_request(self.case.lifecycle) or {}).get("status") == "approved"
        ctx = self.work.ctx

        def job() -> StepDone:
            if asking and not approved:  # no one signs here: the supervisors decide
                return StepDone(ask_for_extension(ctx, case_id, details, seen_state=seen), [])
            signing = approve is not None and step is Step.EXTEND and not approved
            approver = approve(username, password) if signing and approve is not None else None
            return self.work.take(case_id, step, details, seen_state=seen, approver=approver)

        self.buttons.setEnabled(False)
        self.worker.submit(job, self._saved, self._failed)

    def _saved(self, done: StepDone) -> None:
        self.done_step.emit(done)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.error.setText(error_text(error) if isinstance(error, DomainError) else explain(error))
        if "approver_password" in self.fields:
            password = self.fields["approver_password"]
            assert isinstance(password, QLineEdit)
            password.clear()  # a password is never kept in a form
        self.error.show()
        if isinstance(error, DomainError) and error.field in self.fields:
            self.fields[error.field].setFocus(Qt.FocusReason.OtherFocusReason)
