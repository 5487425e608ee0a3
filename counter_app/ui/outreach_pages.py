"""Two pages of 电子监察 about what the hall tells the public: the text messages that need someone
(failed, or in doubt: the provider may not have sent them) and the progress page's queries (办件查询),
each with its address, number and outcome, and the addresses that missed most (someone guessing)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from counter_app.services.oversight import Oversight, WatchedCase
from counter_app.ui.case_history import when, when_stored
from counter_app.ui.message_text import event_name, state_name
from counter_app.ui.watch_tables import fill, table


class _Page(QWidget):
    def __init__(self, name: str, headings: list[str]) -> None:
        super().__init__()
        self.summary = QLabel()
        self.summary.setObjectName(name + "_summary")
        self.summary.setWordWrap(True)
        self.table = table(name, headings)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)


class MessagesPage(_Page):
    def __init__(self) -> None:
        super().__init__(
            "oversight_messages",
            [
                self.tr("Case number"),
                self.tr("Department"),
                self.tr("Item"),
                self.tr("Message"),
                self.tr("To"),
                self.tr("State"),
                self.tr("Attempts"),
                self.tr("When"),
                self.tr("What the provider said"),
            ],
        )

    def show_view(self, view: Oversight) -> None:
        counts = view.message_counts or {}
        waiting = counts.get("queued", 0) + counts.get("sending", 0)
        reached, missed = counts.get("delivered", 0), counts.get("undelivered", 0)
        sent = counts.get("sent", 0) + reached + missed
        kept = [counts.get(s, 0) for s in ("logged", "failed", "in_doubt")]
        figures = [sent, reached, missed, *kept, waiting]
        said = self.tr(
            "This month: %1 sent (%2 delivered, %3 not delivered), %4 logged only, %5 failed, "
            "%6 in doubt, %7 waiting."
        )
        for n, figure in enumerate(figures, start=1):
            said = said.replace(f"%{n}", str(figure))
        self.summary.setText(said)
        fill(self.table, [self._row(c) for c in view.messages.cases])

    @staticmethod
    def _row(c: WatchedCase) -> list[str]:
        x = c.extra
        return [
            c.case_number,
            c.department,
            c.item_name,
            event_name(str(x.get("event"))),
            str(x.get("to") or ""),
            state_name(str(x.get("message_state"))),
            str(x.get("attempts") or ""),
            when_stored(x.get("at")),
            str(x.get("error") or ""),
        ]


class ProgressPage(_Page):
    def __init__(self) -> None:
        super().__init__(
            "oversight_progress",
            [self.tr("When"), self.tr("Address"), self.tr("Number asked"), self.tr("Answer")],
        )

    def _outcome(self, name: str) -> str:
        said = {
            "answered": self.tr("answered"),
            "unmatched": self.tr("not found (or a wrong pair)"),
            "limited": self.tr("refused: too many queries"),
        }
        return said.get(name, name)

    def show_view(self, view: Oversight) -> None:
        log = view.progress
        said = self.tr("This month: %1 answered, %2 not found, %3 refused for too many queries.")
        for n, outcome in enumerate(("answered", "unmatched", "limited"), start=1):
            said = said.replace(f"%{n}", str(log.month.get(outcome, 0)))
        if log.addresses:
            most = self.tr("Most misses: %1.").replace(
                "%1", ", ".join(f"{a} ({missed}/{asked})" for a, asked, missed in log.addresses)
            )
            said = f"{said} {most}"
        self.summary.setText(said)
        rows = [[when(q.at), q.address, q.case_number, self._outcome(q.outcome)] for q in log.recent]
        fill(self.table, rows)
