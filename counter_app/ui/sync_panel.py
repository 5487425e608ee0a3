"""The sync status in the status bar, and the sync log with the "needs attention" list."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.services.hall_link import HallLink
from counter_app.store.sync_store import AttentionItem, LogEntry
from counter_app.sync.engine import SKEW_LIMIT, SyncReport
from counter_app.ui.errors import explain, for_it
from counter_app.ui.labels import operation
from counter_app.ui.sync_log_text import log_line
from counter_app.ui.worker import Worker


def _local(stamp: datetime) -> datetime:
    """Stored in UTC, shown in the hall's time."""
    return stamp.replace(tzinfo=UTC).astimezone()


class SyncBridge(QObject):
    """Carries reports from the sync thread to the GUI thread (queued signal)."""

    report = Signal(object)


class SyncStatusLabel(QLabel):
    clicked = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("sync_status")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setText(self.tr("Sync: starting…"))
        self.last: SyncReport | None = None
        self.skew_seconds = 0.0  # this PC's clock minus the hall server's, as last measured

    def mousePressEvent(self, _event: QMouseEvent) -> None:
        self.clicked.emit()

    def show_report(self, r: SyncReport) -> None:
        self.last = r
        if r.skew_seconds is not None:
            self.skew_seconds = r.skew_seconds
        parts = []
        if r.client_too_old:
            parts.append(self.tr("⚠ this client is too old for the hall server: ask IT to upgrade it"))
        elif r.needs_login:
            parts.append(self.tr("⚠ sign in again to sync"))
        elif r.settings_problem:
            parts.append(self.tr("⚠ the hall server settings of this PC are wrong: ask IT"))
        elif r.stuck is not None and r.online:  # offline now: said so, the count still shows it
            parts.append(
                self.tr(
                    "⚠ the hall server fails on operation #%1: it stays queued and is retried; tell IT"
                ).replace("%1", str(r.stuck.seq))
            )
        elif r.server_failed:
            parts.append(self.tr("⚠ the hall server answered with an error: retrying"))
        elif r.online and not r.error:
            parts.append(self.tr("● online"))
        elif r.online:
            parts.append(self.tr("⚠ sync error"))
        else:
            parts.append(self.tr("○ offline (the window keeps working)"))
        parts.append(self.tr("%n operation(s) to upload", "", r.waiting))
        if r.attention:
            parts.append(self.tr("%n need(s) attention", "", r.attention))
        if r.online and not r.error:
            hall_time = r.finished_at - timedelta(seconds=self.skew_seconds)  # one clock: the hall's
            parts.append(self.tr("last sync %1").replace("%1", hall_time.astimezone().strftime("%H:%M:%S")))
        if r.skew_seconds is not None and abs(r.skew_seconds) > SKEW_LIMIT:
            parts.append(
                self.tr("⚠ this PC's clock is %1 min off the server's").replace(
                    "%1", str(round(abs(r.skew_seconds) / 60))
                )
            )
        self.setText(" · ".join(parts))
        self.setToolTip(for_it(r.error) if r.error else "")
        alarming = (
            r.attention or r.client_too_old or r.needs_login or r.settings_problem or (r.online and r.error)
        )
        self.setStyleSheet("color: #c62828;" if alarming else "")


class SyncLogDialog(QDialog):
    """What was pushed, pulled, rejected and why; refusals stay listed until a clerk marks them."""

    def __init__(self, link: HallLink, worker: Worker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.link, self.worker = link, worker
        self.setWindowTitle(self.tr("Sync with the hall server"))
        self.resize(900, 600)
        self.attention = QListWidget()
        self.attention.setObjectName("sync_attention")
        self.log = QListWidget()
        self.log.setObjectName("sync_log")
        self.handled = QPushButton(self.tr("&Mark as handled"))
        self.handled.clicked.connect(self._acknowledge)
        self.error = QLabel()
        self.error.setStyleSheet("color: #c62828;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(self.tr("Needs attention: refused by the hall server (nothing was lost locally)"))
        )
        layout.addWidget(self.attention)
        layout.addWidget(self.handled)
        layout.addWidget(QLabel(self.tr("Sync log")))
        layout.addWidget(self.log, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.refresh()

    def refresh(self) -> None:
        self.worker.submit(lambda: (self.link.attention(), self.link.recent_log()), self._show, self._failed)

    def _show(self, data: tuple[list[AttentionItem], list[LogEntry]]) -> None:
        items, entries = data
        self.attention.clear()
        for a in items:
            waiting = self.tr("[still queued, retried] ") if a.waiting else ""
            if a.collision:
                reason = self._collision_text(*a.collision)
            elif a.waiting:
                reason = self.tr("the hall server keeps failing on it: tell IT (details for IT: %1)")
                reason = reason.replace("%1", a.reason)
            else:
                reason = self.tr("refused by the hall server (its reason, for IT: %1)").replace(
                    "%1", a.reason
                )
            row = QListWidgetItem(
                f"{waiting}#{a.seq} {a.created_at:%Y-%m-%d %H:%M} {operation(a.op_type)} {a.summary}"
                f" — {reason}"
            )
            row.setData(Qt.ItemDataRole.UserRole, a.seq)
            if a.waiting:  # it leaves the list by itself once the server takes it
                row.setFlags(row.flags() & ~Qt.ItemFlag.ItemIsSelectable)
            self.attention.addItem(row)
        self.handled.setEnabled(any(not a.waiting for a in items))
        self.log.clear()
        for e in entries:
            self.log.addItem(log_line(e, f"{_local(e.at):%Y-%m-%d %H:%M:%S}"))

    def _collision_text(self, number: str, alias: str) -> str:
        """What the clerk does when a number this window made was also made on another PC."""
        if alias:
            text = self.tr(
                "Number %1 was also made on another PC with this device code. The hall keeps this record "
                "as %2: reprint the applicant's notice (it then shows %2), give it to the applicant if you "
                "can reach them, and tell IT."
            )
            return text.replace("%1", number).replace("%2", alias)
        return self.tr(
            "Notice number %1 was also made on another PC with this device code: the record is kept; "
            "tell IT, and quote the case as well as the notice number to the applicant."
        ).replace("%1", number)

    def _acknowledge(self) -> None:
        selectable = [self.attention.item(n) for n in range(self.attention.count())]
        selectable = [i for i in selectable if i.flags() & Qt.ItemFlag.ItemIsSelectable]
        item = self.attention.currentItem() or (selectable[0] if selectable else None)
        if item is None or not item.flags() & Qt.ItemFlag.ItemIsSelectable:
            return
        seq = int(item.data(Qt.ItemDataRole.UserRole))
        self.worker.submit(lambda: self.link.acknowledge(seq), lambda _r: self.refresh(), self._failed)

    def _failed(self, error: BaseException) -> None:
        self.error.setText(explain(error))
