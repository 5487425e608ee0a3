"""A window client wired to a real hall server: context, sync store, engine, enrolment."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from counter_app.domain.case import ServiceMode
from counter_app.services.catalogue import import_catalogue_file
from counter_app.services.context import AppContext, SignedInUser, open_context
from counter_app.services.demo import all_received, demo_catalogue_path, person
from counter_app.services.intake import ApplicationDraft, IntakeService, Outcome
from counter_app.store.sync_store import SyncStore
from counter_app.sync.account import enroll, sign_in
from counter_app.sync.credentials import Credentials
from counter_app.sync.engine import SyncEngine, SyncReport
from counter_app.sync.http import HallClient
from tests.servers import PASSWORD, enrollment_code


@dataclass
class WindowClient:
    ctx: AppContext
    store: SyncStore
    engine: SyncEngine

    def sync(self) -> SyncReport:
        return self.engine.run_once()

    def accept(self, name: str = "李建国", body17: str = "11010519491231002") -> Outcome:
        item = next(i for i in self.ctx.catalogue.items if i.name == "居民身份证换领")
        draft = ApplicationDraft(item, person(name, body17), None, ServiceMode.WINDOW, all_received(item))
        return IntakeService(self.ctx).accept(draft)

    def close(self) -> None:
        self.ctx.close()


def window_client(
    data_dir: Path,
    server_url: str,
    database_url: str,
    device: str = "W01",
    window: str = "A01",
    username: str = "wangfang",
    clock: object = None,
    replace: bool = False,
) -> WindowClient:
    code = enrollment_code(database_url, device, window, replace=replace)
    ctx = open_context(
        data_dir, {"device_code": device, "window_code": window}, **({"clock": clock} if clock else {})
    )
    import_catalogue_file(ctx, demo_catalogue_path())
    store = SyncStore(ctx.db)
    engine = SyncEngine(store, HallClient(server_url), Credentials(str(data_dir)))
    enroll(store, engine, server_url, code)
    who = sign_in(store, engine, username, PASSWORD)
    ctx.user = SignedInUser(who.username, who.display_name, who.role, who.offline)
    return WindowClient(ctx, store, engine)


def outbox(data_dir: Path) -> dict[int, tuple[str, str]]:
    """The window's outbox as stored: each op's sequence number, id and status."""
    con = sqlite3.connect(data_dir / "counter.sqlite")
    try:
        return {
            seq: (op_id, status)
            for seq, op_id, status in con.execute("SELECT seq, op_id, status FROM outbox")
        }
    finally:
        con.close()
