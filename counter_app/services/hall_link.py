"""The window's link to the hall server, as the GUI and the command line use it.

Builds the HTTP client (TLS policy, CA bundle), the keyring credentials, the sync engine and its
background runner from the context's settings; enrolment and sign-in go through here too, and
so does reloading what a pull changed (catalogue, calendar, hall settings).
"""

from __future__ import annotations

from collections.abc import Callable

from counter_app.domain.case_steps import APPROVER_ROLES, MSG_APPROVER
from counter_app.domain.messages import QT_TRANSLATE_NOOP, DomainError
from counter_app.services.casework import Approver
from counter_app.services.context import AppContext, SignedInUser
from counter_app.services.deadlines import fix_provisional_dates
from counter_app.store.sync_store import AttentionItem, LogEntry, Touched
from counter_app.sync import account
from counter_app.sync.credentials import Credentials
from counter_app.sync.engine import SyncEngine, SyncReport
from counter_app.sync.http import HallClient, InsecureServer, check_server_url
from counter_app.sync.runner import SyncRunner

MSG_INSECURE = QT_TRANSLATE_NOOP("messages", "{reason}")


def apply_pulled(ctx: AppContext, touched: Touched) -> None:
    """Reload what a pull changed; a calendar fixes the provisional dates it now covers."""
    if touched.settings:
        ctx.reload_server_settings()
    if touched.catalogue:
        ctx.reload_catalogue()
    if touched.calendar:
        ctx.reload_calendar()
        fix_provisional_dates(ctx)


class HallLink:
    def __init__(self, ctx: AppContext, server_url: str | None = None) -> None:
        self.ctx = ctx
        s = ctx.settings
        url = server_url or s["server_url"]
        plain_http = s["allow_plain_http"] == "yes"
        try:
            self.server_url = check_server_url(url, plain_http)
        except InsecureServer as exc:
            raise DomainError(MSG_INSECURE, "server_url", reason=str(exc)) from None
        self.credentials = Credentials(str(ctx.data_dir))
        self.client = HallClient(self.server_url, s["ca_bundle"], allow_plain_http=plain_http)
        self.engine = SyncEngine(ctx.sync_store, self.client, self.credentials)
        self.runner: SyncRunner | None = None

    @property
    def enrolled(self) -> bool:
        return bool(self.ctx.sync_store.get("device_id")) and self.credentials.device_secret is not None

    @property
    def keyring_ok(self) -> bool:
        return self.credentials.persistent

    def enroll(self, code: str) -> account.Enrolment:
        done = account.enroll(self.ctx.sync_store, self.engine, self.server_url, code)
        self.ctx.reload_server_settings()
        return done

    def sign_in(self, username: str, password: str) -> SignedInUser:
        lock = self.runner.lock if self.runner else None
        if lock:
            lock.acquire()
        try:
            who = account.sign_in(self.ctx.sync_store, self.engine, username.strip(), password)
        finally:
            if lock:
                lock.release()
        self.ctx.user = SignedInUser(who.username, who.display_name, who.role, who.offline)
        return self.ctx.user

    def approver(self, username: str, password: str) -> Approver:
        """A chief or supervisor signing a clerk's step at this window (延期); the clerk stays
        signed in. Raises ``DomainError`` for a wrong password or a role that may not approve."""
        lock = self.runner.lock if self.runner else None
        if lock:
            lock.acquire()
        try:
            who = account.sign_in(self.ctx.sync_store, self.engine, username.strip(), password, adopt=False)
        finally:
            if lock:
                lock.release()
        if who.role not in APPROVER_ROLES:
            raise DomainError(MSG_APPROVER, "approver")
        return Approver(who.username, who.display_name, who.role)

    def after_round(self, report: SyncReport) -> None:
        """On the sync thread: reload what the pull changed before the GUI hears of it."""
        apply_pulled(self.ctx, report.touched)

    def sync_once(self) -> SyncReport:
        report = self.engine.run_once()
        self.after_round(report)
        return report

    def start(self, on_report: Callable[[SyncReport], None]) -> None:
        interval = float(self.ctx.settings["sync_interval_seconds"])
        self.runner = SyncRunner(self.engine, on_report, interval, before_report=self.after_round)
        self.runner.start()

    def poke(self) -> None:
        if self.runner is not None:
            self.runner.poke()

    def stop(self) -> None:
        if self.runner is not None:
            self.runner.stop()

    def attention(self) -> list[AttentionItem]:
        return self.ctx.sync_store.attention()

    def acknowledge(self, seq: int) -> None:
        self.ctx.sync_store.acknowledge(seq)

    def recent_log(self, limit: int = 300) -> list[LogEntry]:
        return self.ctx.sync_store.recent_log(limit)
