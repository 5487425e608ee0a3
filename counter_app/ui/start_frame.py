"""What the clerk sees in the first tenth of a second: the intake tab's item search, taking typing.

The program needs a second or more to import its services and open the cache; this frame shows at
once, in the main window's place and layout, with the item search focused. What is typed into it
is handed to the real intake tab when the window is ready (starting.py). A window joined to a
hall server signs the clerk in first: the field then waits, disabled, behind the sign-in dialog.

Only PySide6 here, and the same words as the widgets it stands for (their translation contexts).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QMainWindow, QTabWidget, QVBoxLayout, QWidget


def _t(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


class StartFrame(QMainWindow):
    def __init__(self, typing: bool) -> None:
        super().__init__()
        self.setObjectName("start_frame")
        self.setWindowTitle(self.tr("Counter client"))
        self.query = QLineEdit()
        self.query.setObjectName("item_query")
        self.query.setPlaceholderText(
            _t("ItemPicker", "Item: name, common name, code or pinyin initials (e.g. sfz, 营业执照)")
        )
        self.query.setEnabled(typing)
        left = QVBoxLayout()
        left.addWidget(QLabel(_t("IntakeTab", "<b>Service item</b> (F2)")))
        left.addWidget(self.query)
        left.addStretch(1)
        page = QWidget()
        row = QHBoxLayout(page)
        row.addLayout(left, 2)
        row.addStretch(3)  # where the materials pane comes
        tabs = QTabWidget()
        tabs.addTab(page, _t("MainWindow", "&Intake (Alt+1)"))
        self.setCentralWidget(tabs)
        for title in ("&View", "&Help"):  # the window's menus, greyed until it is ready
            self.menuBar().addMenu(_t("MainWindow", title)).setEnabled(False)
        self.statusBar().showMessage(self.tr("Opening the local data…"))

    def upgrading(self) -> None:
        """The cache is being upgraded for this version of the program (store.db.needs_upgrade)."""
        self.statusBar().showMessage(
            self.tr(
                "Upgrading the local data for this version (a backup copy is made first): this can "
                "take a minute or two. Please do not turn the PC off."
            )
        )

    def focus(self) -> None:
        if self.query.isEnabled():
            self.query.setFocus()

    def typed(self) -> tuple[str, int]:
        """What the clerk typed so far, and where the cursor is."""
        return self.query.text(), self.query.cursorPosition()
