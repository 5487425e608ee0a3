"""Sign-in at the start of the day; on a new PC, enrolment with IT's one-time code first.

The calls to the hall server run on a background thread; the dialog stays responsive and says
plainly what went wrong (wrong password, server away and user unknown here, nowhere safe on this PC
to keep the sign-in: said in a clerk's words, not as "keyring").
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain.messages import DomainError
from counter_app.services.context import AppContext, SignedInUser
from counter_app.services.hall_link import HallLink
from counter_app.ui.errors import explain
from counter_app.ui.i18n import error_text
from counter_app.ui.worker import Worker


class LoginDialog(QDialog):
    def __init__(
        self, link: HallLink, worker: Worker, parent: QWidget | None = None, username: str = ""
    ) -> None:
        super().__init__(parent)
        self.link, self.worker = link, worker
        self.user: SignedInUser | None = None
        # what this PC holds is read on the worker: the keyring may prompt or hang (a locked
        # Secret Service), and the window must not freeze meanwhile
        self._enrolled: bool | None = None
        self._keyring_ok = True
        self._submit_when_ready = False
        self.setWindowTitle(self.tr("Sign in — counter client"))
        self.setMinimumWidth(520)
        self.server = QLabel(link.server_url)
        self.server.setObjectName("login_server")
        self.code = QLineEdit()
        self.code.setObjectName("login_code")
        self.code.setPlaceholderText(self.tr("One-time code from IT, e.g. ABCD-EFGH-JKMN"))
        self.username = QLineEdit(username)
        self.username.setObjectName("login_username")
        self.password = QLineEdit()
        self.password.setObjectName("login_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.notice = QLabel()
        self.notice.setObjectName("login_notice")
        self.notice.setWordWrap(True)
        self.error = QLabel()
        self.error.setObjectName("login_error")
        self.error.setStyleSheet("color: #c62828;")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Hall server"), self.server)
        self.code_label = QLabel(self.tr("Enrolment &code"))
        self.code_label.setBuddy(self.code)
        form.addRow(self.code_label, self.code)
        form.addRow(self.tr("&User"), self.username)
        form.addRow(self.tr("&Password"), self.password)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.notice)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self._check_pc()

    @property
    def ready(self) -> bool:
        """Whether this PC's enrolment has been read (the OK button waits for it)."""
        return self._enrolled is not None

    def _check_pc(self) -> None:
        self._enrolled = None
        self.buttons.setEnabled(False)
        self.notice.setText(self.tr("Checking this PC…"))
        link = self.link
        self.worker.submit(
            lambda: (link.enrolled, link.keyring_ok), self._pc_checked, self._pc_failed, owner=self
        )

    def _pc_checked(self, state: tuple[bool, bool]) -> None:
        self._enrolled, self._keyring_ok = state
        self.buttons.setEnabled(True)
        self._refresh()
        if self._submit_when_ready:
            self._submit_when_ready = False
            self.submit()

    def submit_when_ready(self) -> None:
        """Sign in as soon as this PC's enrolment has been read (the demo hall's own sign-in;
        a submit before that is ignored, as the OK button is off)."""
        if self.ready:
            self.submit()
        else:
            self._submit_when_ready = True

    def _pc_failed(self, error: BaseException) -> None:
        self._pc_checked((False, False))
        self.error.setText(explain(error))

    def _refresh(self) -> None:
        enrolled = bool(self._enrolled)
        self.code.setVisible(not enrolled)
        self.code_label.setVisible(not enrolled)
        notes = []
        if not enrolled:
            notes.append(
                self.tr(
                    "This PC is not enrolled with the hall server yet: enter the one-time code IT gave you."
                )
            )
        if not self._keyring_ok:
            notes.append(
                self.tr(
                    "This PC cannot remember its sign-in to the hall server: it keeps it only while the "
                    "program is open. Once the program is closed, IT must connect this PC to the hall server "
                    "again before anyone can sign in here. Tell IT."
                )
            )
        preseeded = self.link.ctx.settings["enrollment_code"]
        if not enrolled and preseeded and not self.code.text():
            self.code.setText(preseeded)  # IT's installer preseeded it: the clerk only signs in
        self.notice.setText("\n".join(notes))
        focus = (
            self.code
            if not enrolled and not self.code.text()
            else (self.password if self.username.text() else self.username)
        )
        focus.setFocus(Qt.FocusReason.OtherFocusReason)

    def _busy(self, busy: bool) -> None:
        self.buttons.setEnabled(not busy)
        if busy:
            self.error.setText(self.tr("Contacting the hall server…"))

    def submit(self) -> None:
        code, username, password = (
            self.code.text().strip(),
            self.username.text().strip(),
            self.password.text(),
        )
        if self._enrolled is None:
            return  # still reading this PC's enrolment: the OK button is off meanwhile
        if not self._enrolled and not code:
            self.error.setText(self.tr("Enter the enrolment code."))
            self.code.setFocus()
            return
        if not username or not password:
            self.error.setText(self.tr("Enter your user name and password."))
            (self.username if not username else self.password).setFocus()
            return
        enrol = not self._enrolled

        def job() -> SignedInUser:
            if enrol:
                self.link.enroll(code)
            return self.link.sign_in(username, password)

        self._busy(True)
        self.worker.submit(job, self._signed_in, self._failed, owner=self)

    def _signed_in(self, user: SignedInUser) -> None:
        self._busy(False)
        self.user = user
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._busy(False)
        self._check_pc()  # an enrolment may have gone through before the sign-in failed
        self.error.setText(error_text(error) if isinstance(error, DomainError) else explain(error))
        self.password.selectAll()
        self.password.setFocus()


class ConnectDialog(QDialog):
    """A window working alone joins a hall server: address, IT's one-time code, first sign-in."""

    def __init__(self, ctx: AppContext, worker: Worker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.worker = ctx, worker
        self.link: HallLink | None = None
        self.setWindowTitle(self.tr("Connect to a hall server"))
        self.setMinimumWidth(560)
        self.server = QLineEdit()
        self.server.setObjectName("connect_server")
        self.server.setPlaceholderText("https://hall-server:8750")
        self.code = QLineEdit()
        self.code.setObjectName("connect_code")
        self.code.setPlaceholderText(self.tr("One-time code from IT, e.g. ABCD-EFGH-JKMN"))
        self.username = QLineEdit()
        self.username.setObjectName("connect_username")
        self.password = QLineEdit()
        self.password.setObjectName("connect_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel()
        self.error.setObjectName("connect_error")
        self.error.setStyleSheet("color: #c62828;")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Hall &server"), self.server)
        form.addRow(self.tr("Enrolment &code"), self.code)
        form.addRow(self.tr("&User"), self.username)
        form.addRow(self.tr("&Password"), self.password)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.server.setFocus()

    def submit(self) -> None:
        server, code = self.server.text().strip(), self.code.text().strip()
        username, password = self.username.text().strip(), self.password.text()
        if not (server and code and username and password):
            self.error.setText(self.tr("Fill in the server address, the enrolment code, user and password."))
            return
        ctx = self.ctx

        def job() -> HallLink:
            link = HallLink(ctx, server)
            link.enroll(code)
            link.sign_in(username, password)
            return link

        self.buttons.setEnabled(False)
        self.error.setText(self.tr("Contacting the hall server…"))
        self.worker.submit(job, self._connected, self._failed, owner=self)

    def _connected(self, link: HallLink) -> None:
        self.link = link
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.error.setText(error_text(error) if isinstance(error, DomainError) else explain(error))
