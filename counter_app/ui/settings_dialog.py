"""The settings window: every declared setting, its value, and where that value comes from.

Built from ``counter_app.settings.SETTINGS``, so a new setting shows up here without a line of UI.
The clerk changes their own settings (``Who.CLERK``) unless IT fixed them (system-wide file or
command line) or the hall server published them; IT's settings are shown greyed, with the file IT
sets them in. Saving writes the user's file on the window's worker; a refused value is told at its
field and the dialog keeps what was typed. The printer list is read on the print worker (asking
the print system can take a while with network printers).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QScrollArea,
    QStyledItemDelegate,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain.messages import DomainError
from counter_app.printing.paper import installed_printers
from counter_app.services.context import AppContext
from counter_app.settings import SETTINGS, Setting, Settings, Source, Who
from counter_app.ui.errors import explain
from counter_app.ui.i18n import LANGUAGES, error_text
from counter_app.ui.keys import bind
from counter_app.ui.worker import Worker, print_worker

log = logging.getLogger(__name__)
ERROR_STYLE = "color: #c62828;"
NOTE_STYLE = "color: #616161;"
PRINTER_KEYS = ("printer_a4", "printer_receipt")


def source_label(source: Source) -> str:
    """Where a value comes from, in the clerk's words."""
    return {
        Source.DEFAULT: QCoreApplication.translate("SettingsDialog", "Default"),
        Source.USER: QCoreApplication.translate("SettingsDialog", "This PC"),
        Source.SERVER: QCoreApplication.translate("SettingsDialog", "Hall server"),
        Source.SYSTEM: QCoreApplication.translate("SettingsDialog", "System (IT)"),
        Source.COMMAND_LINE: QCoreApplication.translate("SettingsDialog", "Command line"),
    }[source]


def choices(key: str) -> list[tuple[str, str]] | None:
    """(value, label) of the settings that take one of a few values; None for free text."""
    yes_no = [
        ("yes", QCoreApplication.translate("SettingsDialog", "Yes")),
        ("no", QCoreApplication.translate("SettingsDialog", "No")),
    ]
    table = {
        "receipt_paper": [
            ("a4", QCoreApplication.translate("SettingsDialog", "A4 sheet")),
            ("80mm", QCoreApplication.translate("SettingsDialog", "80 mm receipt roll")),
        ],
        "evaluation_window": [
            (
                "second_screen",
                QCoreApplication.translate("SettingsDialog", "Second screen (else a small panel)"),
            ),
            ("panel", QCoreApplication.translate("SettingsDialog", "Small panel in a corner")),
            ("off", QCoreApplication.translate("SettingsDialog", "Off (no rating asked)")),
        ],
        "print_processing_slip": yes_no,
        "allow_plain_http": yes_no,
        "language": list(LANGUAGES.items()),
    }
    return table.get(key)


def read_only_note(settings: Settings, setting: Setting) -> str:
    """Why the clerk cannot change *setting* here; empty when they can."""
    source = settings.sources[setting.key]
    if setting.who is Who.IT:
        return ""  # said once, above IT's settings
    if settings.locked(setting.key) or source is Source.SYSTEM:
        return QCoreApplication.translate(
            "SettingsDialog", "Set by IT in the system-wide file %1: it cannot be changed here."
        ).replace("%1", str(settings.system_path))
    if source is Source.COMMAND_LINE:
        return QCoreApplication.translate(
            "SettingsDialog", "Set by IT on the command line: it cannot be changed here."
        )
    if source is Source.SERVER:
        return QCoreApplication.translate(
            "SettingsDialog", "Set by the hall server: it cannot be changed here."
        )
    return ""


class _BlankShownAs(QStyledItemDelegate):
    """Shows the empty entry of a printer list in words ("system default") instead of a blank line."""

    def __init__(self, blank: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.blank = blank

    def displayText(self, value: Any, locale: QLocale | QLocale.Language) -> str:
        return super().displayText(value, locale) or self.blank


@dataclass
class SettingRow:
    setting: Setting
    widget: QLineEdit | QComboBox
    editable: bool
    error: QLabel

    def value(self) -> str:
        w = self.widget
        if isinstance(w, QLineEdit):
            return w.text()
        if w.isEditable():
            return w.currentText()
        data = w.currentData()
        return str(data) if data is not None else w.currentText()


class SettingsDialog(QDialog):
    saved = Signal(dict)  # the keys written and their values

    def __init__(self, ctx: AppContext, worker: Worker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settings_dialog")
        self.setWindowTitle(self.tr("Settings (Ctrl+Enter to save, Esc to cancel)"))
        self.setMinimumWidth(780)
        self.resize(880, 680)
        self.ctx, self.worker = ctx, worker
        self.saving = False
        self.rows: dict[str, SettingRow] = {}
        settings = ctx.settings
        clerk = QGroupBox(self.tr("At this window"))
        clerk_grid = self._grid(clerk)
        it = QGroupBox(self.tr("Set by IT"))
        it_box = QVBoxLayout(it)
        it_note = QLabel(
            self.tr("IT sets these in the system-wide settings file %1; they are shown here only.").replace(
                "%1", str(settings.system_path)
            )
        )
        it_note.setObjectName("it_note")
        it_note.setWordWrap(True)
        it_note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        it_note.setStyleSheet(NOTE_STYLE)
        it_box.addWidget(it_note)
        it_grid = QGridLayout()
        it_box.addLayout(it_grid)
        self._headers(it_grid)
        for setting in (s for s in SETTINGS if s.who is Who.CLERK):
            self._add_row(clerk_grid, setting)
        for setting in (s for s in SETTINGS if s.who is Who.IT):
            self._add_row(it_grid, setting)
        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.addWidget(clerk)
        body_layout.addWidget(it)
        body_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        self.error = QLabel()
        self.error.setObjectName("settings_error")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setText(self.tr("&Save (Ctrl+Enter)"))
        save.setDefault(True)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        for seq in ("Ctrl+Return", "Ctrl+Enter"):
            bind(self, seq, self.save, window_wide=True)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        first = next((r.widget for r in self.rows.values() if r.editable), None)
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)
        print_worker().submit(
            installed_printers,
            self._printers_found,
            lambda error: log.warning("the printer list could not be read: %s", error),
            owner=self,
        )

    # -- building the rows -----------------------------------------------------------------
    def _grid(self, group: QGroupBox) -> QGridLayout:
        grid = QGridLayout(group)
        self._headers(grid)
        return grid

    def _headers(self, grid: QGridLayout) -> None:
        grid.setColumnStretch(1, 1)
        grid.setColumnMinimumWidth(0, 260)  # both groups line up
        grid.setColumnMinimumWidth(2, 130)
        for column, text in enumerate((self.tr("Setting"), self.tr("Value"), self.tr("Comes from"))):
            header = QLabel(f"<b>{text}</b>")
            header.setTextFormat(Qt.TextFormat.RichText)
            grid.addWidget(header, 0, column)

    def _add_row(self, grid: QGridLayout, setting: Setting) -> None:
        settings = self.ctx.settings
        key, value = setting.key, settings[setting.key]
        note = read_only_note(settings, setting)
        editable = setting.who is Who.CLERK and not note
        widget = self._value_widget(setting, value)
        widget.setObjectName(f"setting_{key}")
        widget.setEnabled(editable)
        if not editable:
            # a long value greyed out is still readable whole; a choice by its name, not its code
            widget.setToolTip(widget.currentText() if isinstance(widget, QComboBox) else value)
        label = QLabel(QCoreApplication.translate("settings", setting.label))
        label.setWordWrap(True)
        label.setBuddy(widget)
        source = QLabel(source_label(settings.sources[key]))
        source.setObjectName(f"source_{key}")
        error = QLabel()
        error.setObjectName(f"error_{key}")
        error.setStyleSheet(ERROR_STYLE)
        error.setWordWrap(True)
        error.hide()
        row = grid.rowCount()
        grid.addWidget(label, row, 0)
        grid.addWidget(widget, row, 1)
        grid.addWidget(source, row, 2)
        if note:
            hint = QLabel(note)
            hint.setObjectName(f"note_{key}")
            hint.setStyleSheet(NOTE_STYLE)
            hint.setWordWrap(True)
            grid.addWidget(hint, row + 1, 1, 1, 2)
        grid.addWidget(error, row + 2, 1, 1, 2)
        self.rows[key] = SettingRow(setting, widget, editable, error)

    def _value_widget(self, setting: Setting, value: str) -> QLineEdit | QComboBox:
        if setting.key in PRINTER_KEYS:
            combo = QComboBox()
            combo.setEditable(True)
            combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            blank = (
                self.tr("(system default printer)")
                if setting.key == "printer_a4"
                else self.tr("(same as the A4 printer)")
            )
            combo.setItemDelegate(_BlankShownAs(blank, combo))
            line = combo.lineEdit()
            assert line is not None
            line.setPlaceholderText(blank)
            combo.addItem("")
            if value:
                combo.addItem(value)
            combo.setCurrentIndex(combo.count() - 1)
            return combo
        options = choices(setting.key)
        if options is not None:
            combo = QComboBox()
            for option, text in options:
                combo.addItem(text, option)
            index = combo.findData(value)
            if index < 0:  # a value this window does not know a name for: shown as it is
                combo.addItem(value, value)
                index = combo.count() - 1
            combo.setCurrentIndex(index)
            return combo
        line = QLineEdit(value)
        line.setCursorPosition(0)
        return line

    def _printers_found(self, found: tuple[list[str], str]) -> None:
        names, default = found
        for key in PRINTER_KEYS:
            combo = self.rows[key].widget
            assert isinstance(combo, QComboBox)
            known = {combo.itemText(i) for i in range(combo.count())}
            for name in names:
                if name not in known:
                    combo.addItem(name)  # the text typed so far stays as it is
            if key == "printer_a4" and default:
                line = combo.lineEdit()
                assert line is not None
                line.setPlaceholderText(self.tr("(system default printer: %1)").replace("%1", default))

    # -- saving ----------------------------------------------------------------------------
    def changes(self) -> dict[str, str]:
        """What the clerk changed, as typed (the settings' own checks normalise and refuse)."""
        settings = self.ctx.settings
        return {
            key: row.value()
            for key, row in self.rows.items()
            if row.editable and row.value() != settings[key]
        }

    def save(self) -> None:
        if self.saving:
            return
        for row in self.rows.values():
            row.error.hide()
        self.error.clear()
        changed = self.changes()
        if not changed:
            self.accept()
            return
        settings = self.ctx.settings
        self._busy(True)
        self.worker.submit(
            lambda: settings.set_user(changed),
            lambda _none: self._saved(changed),
            self._failed,
            owner=self,
        )

    def _saved(self, changed: dict[str, str]) -> None:
        self._busy(False)
        self.saved.emit({key: self.ctx.settings[key] for key in changed})
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._busy(False)
        row = self.rows.get(error.field) if isinstance(error, DomainError) else None
        if row is not None and isinstance(error, DomainError):
            row.error.setText(error_text(error))
            row.error.show()
            row.widget.setFocus(Qt.FocusReason.OtherFocusReason)
            self.error.setText(self.tr("Nothing was saved: correct the marked setting."))
        elif isinstance(error, DomainError):
            self.error.setText(error_text(error))
        else:
            self.error.setText(explain(error))

    def _busy(self, busy: bool) -> None:
        self.saving = busy
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(not busy)
        if busy:
            self.error.setText(self.tr("Saving…"))

    def reject(self) -> None:
        """Esc cancels, but not while the file is being written (it takes a moment at most)."""
        if not self.saving:
            super().reject()
