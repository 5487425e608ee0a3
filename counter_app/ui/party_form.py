"""Applicant or agent: kind, ID type and number, name, phone, address, with errors at the field."""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QWidget,
)

from counter_app.domain.case import Party
from counter_app.domain.identity import ORGANISATION_ID_TYPES, PERSON_ID_TYPES, IdType, PartyKind

FIELDS = ("kind", "id_type", "id_number", "name", "phone", "address")
# the domain's bounds (Party.validated, validate_id, clean_phone): no maxLength on the fields, since
# Qt's cuts a paste silently; the form says at the field what is too long and the save refuses it
LIMITS = {"id_number": 40, "name": 300, "phone": 20, "address": 300}


def id_type_text(id_type: IdType) -> str:
    labels = {
        IdType.RESIDENT_ID: QCoreApplication.translate("PartyForm", "Resident ID card"),
        IdType.USCC: QCoreApplication.translate("PartyForm", "Unified social credit code"),
        IdType.PASSPORT: QCoreApplication.translate("PartyForm", "Passport"),
        IdType.HK_MACAO_PERMIT: QCoreApplication.translate(
            "PartyForm", "Mainland travel permit for HK/Macao residents"
        ),
        IdType.TAIWAN_PERMIT: QCoreApplication.translate(
            "PartyForm", "Mainland travel permit for Taiwan residents"
        ),
        IdType.HMT_RESIDENCE: QCoreApplication.translate(
            "PartyForm", "Residence permit for HK/Macao/Taiwan residents"
        ),
        IdType.FOREIGN_PR: QCoreApplication.translate("PartyForm", "Foreign permanent resident ID card"),
    }
    return labels[id_type]


class PartyForm(QGroupBox):
    """The fields of one party; ``show_error`` puts a message under the field at fault."""

    changed = Signal()

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.kind = QComboBox()
        self.kind.addItem(self.tr("Person"), PartyKind.PERSON.value)
        self.kind.addItem(self.tr("Organisation"), PartyKind.ORGANISATION.value)
        self.id_type = QComboBox()
        self.id_number = QLineEdit()
        self.name = QLineEdit()
        self.phone = QLineEdit()
        self.address = QLineEdit()
        self._errors: dict[str, QLabel] = {}
        self._labels: dict[str, str] = {}
        self._length_said: dict[str, str] = {}
        form = QFormLayout(self)
        rows = (
            ("kind", self.tr("&Kind"), self.kind),
            ("id_type", self.tr("ID &type"), self.id_type),
            ("id_number", self.tr("ID n&umber"), self.id_number),
            ("name", self.tr("&Name"), self.name),
            ("phone", self.tr("&Phone"), self.phone),
            ("address", self.tr("Addre&ss"), self.address),
        )
        for key, label, widget in rows:
            widget.setObjectName(key)
            error = QLabel()
            error.setObjectName(f"{key}_error")
            error.setStyleSheet("color: #c62828;")
            error.setWordWrap(True)
            error.hide()
            self._errors[key] = error
            self._labels[key] = re.sub(r"\(&.\)|&", "", label).strip()
            form.addRow(label, widget)
            form.addRow("", error)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        for edit in (self.id_number, self.name, self.phone, self.address):
            edit.textEdited.connect(self._edited)
            edit.textChanged.connect(lambda _t, e=edit: self._check_length(e))
        self._kind_changed()

    def _kind_changed(self) -> None:
        kind = PartyKind(self.kind.currentData())
        self.id_type.clear()
        for t in PERSON_ID_TYPES if kind is PartyKind.PERSON else ORGANISATION_ID_TYPES:
            self.id_type.addItem(id_type_text(t), t.value)
        self.changed.emit()

    def _edited(self) -> None:
        sender = self.sender()
        if isinstance(sender, QLineEdit):
            self.clear_error(sender.objectName())
            self._check_length(sender)
        self.changed.emit()

    def too_long(self, key: str) -> str:
        """What to say when the field holds more than the domain allows; empty when it fits."""
        edit = self.findChild(QLineEdit, key)
        limit = LIMITS.get(key)
        count = len(edit.text().strip()) if edit is not None else 0
        if limit is None or count <= limit:
            return ""
        return (
            self.tr("%1: at most %2 characters, %3 now: shorten it.")
            .replace("%1", self._labels[key])
            .replace("%2", str(limit))
            .replace("%3", str(count))
        )

    def _check_length(self, edit: QLineEdit) -> None:
        key = edit.objectName()
        text = self.too_long(key)
        if text:
            self.show_error(key, text)
        elif self._errors[key].text() == self._length_said.get(key):
            self.clear_error(key)  # shortened enough: the length message goes, others stay

    def kind_value(self) -> PartyKind:
        return PartyKind(self.kind.currentData())

    def set_kind(self, kind: PartyKind) -> None:
        self.kind.setCurrentIndex(self.kind.findData(kind.value))

    def value(self) -> Party:
        """What was typed, unchecked (the service checks it and names the field at fault)."""
        return Party(
            kind=PartyKind(self.kind.currentData()),
            name=self.name.text(),
            id_type=IdType(self.id_type.currentData()),
            id_number=self.id_number.text(),
            phone=self.phone.text(),
            address=self.address.text(),
        )

    def set_value(self, party: Party | None) -> None:
        self.clear_errors()
        if party is None:
            self.kind.setCurrentIndex(0)
            for edit in (self.id_number, self.name, self.phone, self.address):
                edit.clear()
            return
        self.kind.setCurrentIndex(self.kind.findData(party.kind.value))
        self.id_type.setCurrentIndex(self.id_type.findData(party.id_type.value))
        self.id_number.setText(party.id_number)
        self.name.setText(party.name)
        self.phone.setText(party.phone)
        self.address.setText(party.address)

    def is_blank(self) -> bool:
        return not any(e.text().strip() for e in (self.id_number, self.name, self.phone, self.address))

    def show_error(self, key: str, text: str) -> QWidget:
        label = self._errors.get(key, self._errors["id_number"])
        length = self.too_long(key)  # the domain's "too long" said with the count, at the field
        if length:
            text = self._length_said[key] = length
        label.setText(text)
        label.show()
        widget = self.findChild(QWidget, key)
        return widget if widget is not None else self.id_number

    def error(self, key: str) -> str:
        label = self._errors[key]
        return "" if label.isHidden() else label.text()

    def clear_error(self, key: str) -> None:
        if key in self._errors:
            self._errors[key].hide()
            self._errors[key].clear()

    def clear_errors(self) -> None:
        for key in self._errors:
            self.clear_error(key)
