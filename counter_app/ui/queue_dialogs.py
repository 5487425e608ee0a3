"""The queue panel's small dialogs: call a chosen ticket, transfer, park, pause (Ctrl+Enter = OK)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QSpinBox,
    QWidget,
)

from counter_app.services.queue import QueueCount, QueueTicket
from counter_app.ui.dialogs import _FormDialog
from counter_app.ui.durations import duration_text


def waited_text(seconds: int) -> str:
    """``12 分钟`` (never ``12′``): the one way durations are written."""
    return duration_text(seconds)


class CallTicketDialog(_FormDialog):
    """The tickets this window may call by hand, oldest first (Enter calls the one chosen)."""

    def __init__(self, tickets: list[QueueTicket], parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Call a chosen ticket"), parent)
        self.list = QListWidget()
        self.list.setObjectName("waiting_tickets")
        for t in tickets:
            text = (
                self.tr("%1   waited %2")
                .replace("%1", t.display)
                .replace("%2", waited_text(t.waited_seconds))
            )
            if t.phone_tail:
                text += self.tr("   phone …%1").replace("%1", t.phone_tail)
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, t.id)
            self.list.addItem(item)
        if tickets:
            self.list.setCurrentRow(0)
        else:
            self.show_error(self.tr("Nobody is waiting for this window."))
        self.list.itemActivated.connect(lambda _i: self.accept())
        self.form.addRow(self.tr("&Waiting"), self.list)
        self.list.setFocus()

    def chosen(self) -> str | None:
        item = self.list.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def accept(self) -> None:
        if self.chosen() is None:
            self.show_error(self.tr("Choose a ticket in the list."))
            return
        super().accept()


class TransferDialog(_FormDialog):
    """Send the applicant to another queue, or to one named window, with a note for them."""

    def __init__(
        self, queues: list[QueueCount], windows: list[tuple[str, str]], parent: QWidget | None = None
    ) -> None:
        super().__init__(self.tr("Transfer the ticket (Ctrl+Enter to confirm)"), parent)
        self.to_queue_choice = QRadioButton(self.tr("To a &queue"))
        self.to_window_choice = QRadioButton(self.tr("To a &window"))
        group = QButtonGroup(self)
        group.addButton(self.to_queue_choice)
        group.addButton(self.to_window_choice)
        self.to_queue_choice.setChecked(True)
        self.queue = QComboBox()
        self.queue.setObjectName("transfer_queue")
        for q in queues:
            self.queue.addItem(f"{q.code}  {q.name}", q.code)
        self.window_code = QComboBox()
        self.window_code.setObjectName("transfer_window")
        for code, name in windows:
            self.window_code.addItem(f"{code}  {name}", code)
        self.window_code.activated.connect(lambda _i: self.to_window_choice.setChecked(True))
        self.note = QLineEdit()
        self.note.setObjectName("transfer_note")
        self.note.setMaxLength(500)
        self.form.addRow(self.to_queue_choice, self.queue)
        self.form.addRow(self.to_window_choice, self.window_code)
        self.form.addRow(self.tr("&Note"), self.note)
        self.queue.setFocus()

    def target(self) -> dict[str, object]:
        body: dict[str, object] = {"note": self.note.text().strip()}
        if self.to_window_choice.isChecked():
            body["to_window"] = self.window_code.currentData()
        else:
            body["to_queue"] = self.queue.currentData()
        return body

    def accept(self) -> None:
        if self.to_window_choice.isChecked() and self.window_code.currentData() is None:
            self.show_error(self.tr("Choose the window to send the applicant to."))
            return
        if self.to_queue_choice.isChecked() and self.queue.currentData() is None:
            self.show_error(self.tr("Choose a queue."))
            return
        super().accept()


class ParkDialog(_FormDialog):
    """暂挂: the applicant fetches a missing paper and comes back to this window."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Park the ticket (Ctrl+Enter to confirm)"), parent)
        self.minutes = QSpinBox()
        self.minutes.setObjectName("park_minutes")
        self.minutes.setRange(1, 240)
        self.minutes.setValue(15)
        self.minutes.setSuffix(self.tr(" minutes"))
        self.form.addRow(self.tr("Comes back &after"), self.minutes)
        self.minutes.setFocus()
        self.minutes.selectAll()


# the reasons a hall pauses a window for (午休, 培训, 会议, …); any other is typed in
PAUSE_REASONS = (
    QT_TRANSLATE_NOOP("PauseDialog", "Lunch break"),
    QT_TRANSLATE_NOOP("PauseDialog", "Training"),
    QT_TRANSLATE_NOOP("PauseDialog", "Meeting"),
    QT_TRANSLATE_NOOP("PauseDialog", "Away for a moment"),
    QT_TRANSLATE_NOOP("PauseDialog", "Fetching materials"),
    QT_TRANSLATE_NOOP("PauseDialog", "System failure"),
    QT_TRANSLATE_NOOP("PauseDialog", "Equipment failure"),
    QT_TRANSLATE_NOOP("PauseDialog", "Handing over the window"),
)


class PauseDialog(_FormDialog):
    """暂停服务: the reason is required (the supervisors see it on the hall monitor)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Pause the window (Ctrl+Enter to confirm)"), parent)
        self.reason = QComboBox()
        self.reason.setObjectName("pause_reason")
        self.reason.setEditable(True)
        self.reason.addItems(["", *(self.tr(str(r)) for r in PAUSE_REASONS)])
        self.reason.setCurrentIndex(0)
        typed = self.reason.lineEdit()
        assert typed is not None  # an editable combo box has one
        typed.setPlaceholderText(self.tr("Choose a reason or type one"))
        typed.setMaxLength(200)
        self.form.addRow(self.tr("&Reason (required)"), self.reason)
        self.reason.setFocus()

    def text(self) -> str:
        return " ".join(self.reason.currentText().split())

    def accept(self) -> None:
        if not self.text():
            self.show_error(self.tr("Say why the window pauses: the hall supervisor sees the reason."))
            self.reason.setFocus()
            return
        if len(self.text()) > 200:
            self.show_error(self.tr("The reason is too long: at most 200 characters."))
            return
        super().accept()
