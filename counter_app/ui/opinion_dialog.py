"""A co-department's answer to its part of a joint case (会签意见): 同意, 不同意 or 需补正 with its
reasons, the documents it attaches (by name) and, for 需补正, the materials it needs corrected,
ticked from the part's own list. Checked on the window's worker; a wrong field is named in
Chinese and the form stays as typed. Keyboard: Alt+1/2/3 choose, Ctrl+Enter saves."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain.joint import Part
from counter_app.domain.messages import DomainError
from counter_app.domain.records import Case
from counter_app.services.context import AppContext
from counter_app.services.joint_parts import answer_part
from counter_app.ui.errors import explain
from counter_app.ui.form_parts import error_label, materials_table, save_buttons, ticked
from counter_app.ui.i18n import error_text
from counter_app.ui.worker import Worker


class OpinionDialog(QDialog):
    answered = Signal(object)  # the Case after the answer

    def __init__(
        self,
        ctx: AppContext,
        worker: Worker,
        case: Case,
        part: Part,
        departments: Sequence[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.worker, self.case, self.part = ctx, worker, case, part
        self.departments = list(departments)
        self.setWindowTitle(self.tr("Joint review opinion · %1").replace("%1", case.case_number or ""))
        said = self.tr("%1 checks: %2").replace("%1", part.name).replace("%2", part.checks or "—")
        if part.materials:
            said += "\n" + self.tr("Materials it needs: %1").replace("%1", "；".join(part.materials))
        self.checks = checks = QLabel(said)
        checks.setWordWrap(True)
        self.choices = QButtonGroup(self)
        row = QHBoxLayout()
        for n, (value, text) in enumerate(
            [
                ("agree", self.tr("&1 Agree")),
                ("disagree", self.tr("&2 Disagree")),
                ("correction", self.tr("&3 Needs correction")),
            ]
        ):
            button = QRadioButton(text)
            button.setObjectName(f"opinion_{value}")
            button.setProperty("value", value)
            self.choices.addButton(button, n)
            row.addWidget(button)
        self.choices.button(0).setChecked(True)
        self.text = QPlainTextEdit()
        self.text.setObjectName("opinion_text")
        self.text.setTabChangesFocus(True)
        self.text.setFixedHeight(80)
        self.attachments = QLineEdit()
        self.attachments.setObjectName("opinion_attachments")
        self.attachments.setPlaceholderText(self.tr("Names of the documents attached, separated by ；"))
        names = list(part.materials) or [str(m.get("name", "")) for m in case.materials]
        self.materials = materials_table(names, "opinion_materials")
        self.error = error_label("opinion_error")
        self.buttons = save_buttons(self, self.save)
        form = QFormLayout()
        form.addRow(self.tr("Opinion"), row)
        form.addRow(self.tr("Reasons"), self.text)
        form.addRow(self.tr("Attached documents"), self.attachments)
        layout = QVBoxLayout(self)
        layout.addWidget(checks)
        layout.addLayout(form)
        layout.addWidget(self.materials, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.choices.idToggled.connect(lambda _i, _on: self._shown())
        self._shown()

    def _shown(self) -> None:
        """The materials table only for 需补正; the dialog keeps its height to what it shows."""
        correcting = self.opinion() == "correction"
        self.materials.setVisible(correcting)
        layout = self.layout()
        if layout is not None:
            layout.activate()
        self.resize(680, max(self.minimumSizeHint().height(), 480 if correcting else 0))

    def opinion(self) -> str:
        checked = self.choices.checkedButton()
        return str(checked.property("value")) if checked is not None else ""

    def details(self) -> dict[str, Any]:
        text = self.attachments.text().replace(";", "；")
        values: dict[str, Any] = {
            "opinion": self.opinion(),
            "text": self.text.toPlainText(),
            "attachments": [a.strip() for a in text.split("；") if a.strip()],
        }
        if values["opinion"] == "correction":
            values["materials"] = ticked(self.materials)
        return values

    def save(self) -> None:
        details, case_id, seen = self.details(), self.case.id, self.case.state
        ctx, departments = self.ctx, self.departments
        self.buttons.setEnabled(False)
        self.worker.submit(
            lambda: answer_part(ctx, case_id, details, departments, seen_state=seen),
            self._saved,
            self._failed,
        )

    def _saved(self, case: Case) -> None:
        self.answered.emit(case)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.error.setText(error_text(error) if isinstance(error, DomainError) else explain(error))
        self.error.show()
        fields: dict[str, QWidget] = {
            "text": self.text,
            "attachments": self.attachments,
            "materials": self.materials,
        }
        if isinstance(error, DomainError) and error.field in fields:
            fields[error.field].setFocus(Qt.FocusReason.OtherFocusReason)
