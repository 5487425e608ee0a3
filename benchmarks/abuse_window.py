"""One hall window as its own process, for ``benchmarks.fault_abuse``.

    python -m benchmarks.abuse_window enrol DATA_DIR SERVER_URL CODE
    python -m benchmarks.abuse_window work DATA_DIR SERVER_URL TARGET_OPS COMMITTED_LOG SEED ACCEPT_SHARE
    python -m benchmarks.abuse_window drain DATA_DIR SERVER_URL

(``fault_abuse`` forks these from a fork server that has imported this module: ``child``.)

``work`` signs in and records consults (咨询登记) and accepted cases (受理) through IntakeService, as
the intake tab does, in short bursts, poking the real background sync (HallLink's SyncRunner)
after each burst, until the window's outbox holds TARGET_OPS ops (a restarted window goes on where
the killed one stopped); each op's record id is appended to COMMITTED_LOG (``consult <id>`` or
``case <id>``) right after its local commit. Then it waits until nothing is waiting and prints
``REPORT {...}``. ``drain`` is a second process on the same data folder, pushing what waits at
the same time as the window's own process; it prints ``DRAIN {...}`` with what waited when it began.

ABUSE_FAULT, as COUNTER_FAULT in tests/faults/window_process.py:
- ``after_local_commit:K``: SIGKILL right after the K-th op this process commits;
- ``after_server_commit:N``: SIGKILL when the N-th push answer with results arrives, before the
  window records it (the server has committed, the window does not know).
"""

from __future__ import annotations

import functools
import json
import os
import random
import resource
import signal
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from counter_app.domain.case import ServiceMode
from counter_app.domain.catalogue import ServiceItem
from counter_app.services.context import AppContext, open_context
from counter_app.services.demo import all_received, person
from counter_app.services.hall_link import HallLink
from counter_app.services.intake import ApplicationDraft, IntakeService
from counter_app.store.models import OutboxRow
from counter_app.store.sync_store import SyncStore
from counter_app.sync.engine import SyncReport

PASSWORD = "counter-pass-1"  # tests.servers.PASSWORD: the clerk prepare_hall creates
DRAIN_LIMIT = 900.0  # seconds a window waits for its outbox to empty before it gives up
T = TypeVar("T")
# the windows are PCs of their own and so is the server: on one machine, the twenty windows yield
# to the server (and PostgreSQL), or a restarted server waits behind them for its imports
WINDOW_NICENESS = 10
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英"
QUESTIONS = ("需要带哪些材料？", "可以网上办理吗？", "多久能办好？", "代办需要什么手续？", "收费吗？")


def _die() -> None:
    sys.stdout.flush()
    os.kill(os.getpid(), signal.SIGKILL)


def _arm(fault: str) -> int:
    """Install the fault; returns K for ``after_local_commit:K`` (0 otherwise)."""
    kind, _, count = fault.partition(":")
    if kind == "after_local_commit":
        return int(count)
    if kind == "after_server_commit":
        left = [int(count)]
        original = SyncStore.record_results

        def record_then_die(self: SyncStore, results: list[dict[str, Any]]) -> tuple[int, int]:
            if results:
                left[0] -= 1
                if left[0] <= 0:
                    _die()
            return original(self, results)

        SyncStore.record_results = record_then_die  # type: ignore[method-assign]
    return 0


def _items(ctx: AppContext) -> list[ServiceItem]:
    """The items this window takes applications for (its departments), not the instant ones."""
    served = set(ctx.window().departments)
    items = [i for i in ctx.catalogue.items if i.department in served and not i.is_instant]
    return items or [i for i in ctx.catalogue.items if not i.is_instant]


class Window:
    def __init__(self, data_dir: Path, server_url: str) -> None:
        self.ctx = open_context(data_dir, {"server_url": server_url})
        self.link = HallLink(self.ctx)
        self.reported = threading.Condition()
        self.last: SyncReport | None = None
        self.needs_login = False
        self.busy = 0  # "database is locked": another thread or process held the cache too long

    def sign_in(self) -> None:
        self.retrying(lambda: self.link.sign_in("wangfang", PASSWORD))

    def on_report(self, report: SyncReport) -> None:
        with self.reported:
            self.last = report
            self.needs_login = self.needs_login or report.needs_login
            self.reported.notify_all()

    def sign_in_again(self) -> None:
        """The session ended (a refresh answer lost): the clerk signs in again, as the GUI asks."""
        if self.needs_login:
            self.needs_login = False
            self.sign_in()

    def retrying(self, action: Callable[[], T]) -> T:
        """*action*, again while the local cache stays locked past its busy timeout (the clerk
        sees an error, the form stays as it was, and tries again)."""
        while True:
            try:
                return action()
            except OperationalError as exc:
                if "locked" not in str(exc):
                    raise
                self.busy += 1
                time.sleep(0.2)

    def waiting(self) -> int:
        return self.retrying(lambda: self.ctx.sync_store.counts()[0])


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return round(usage.ru_utime + usage.ru_stime, 2)


def work(window: Window, target: int, log_path: Path, seed: int, accept_share: float) -> dict[str, Any]:
    ctx, link = window.ctx, window.link
    rng = random.Random(seed)
    kill_after = _arm(os.environ.get("ABUSE_FAULT", ""))
    intake = IntakeService(ctx)
    items = _items(ctx)

    def accept(item: ServiceItem, name: str) -> str:
        draft = ApplicationDraft(
            item, person(name, "11010519491231002"), None, ServiceMode.WINDOW, all_received(item)
        )
        return f"case {intake.accept(draft).case.id}\n"

    def consult(item: ServiceItem, name: str) -> str:
        return (
            f"consult {intake.record_consult(item, f'{name}：{rng.choice(QUESTIONS)}', '已一次性告知').id}\n"
        )

    log = os.open(log_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    with ctx.db.reads() as s:
        done = int(s.scalar(select(func.count()).select_from(OutboxRow)) or 0)
    link.start(window.on_report)
    recorded = 0
    while done < target:
        for _ in range(min(target - done, rng.randint(1, 20))):
            item = rng.choice(items)
            name = rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN)
            op = accept if rng.random() < accept_share else consult
            line = window.retrying(functools.partial(op, item, name))
            os.write(log, line.encode())  # the clerk has seen it saved
            done += 1
            recorded += 1
            if recorded == kill_after:
                _die()
        link.poke()
        window.sign_in_again()
        time.sleep(rng.uniform(0.0, 0.2))
    os.close(log)
    deadline = time.monotonic() + DRAIN_LIMIT
    while window.waiting() and time.monotonic() < deadline:
        window.sign_in_again()
        with window.reported:
            link.poke()
            window.reported.wait(2.0)
    link.stop()
    last = window.last
    return {
        "recorded": recorded,
        "waiting": window.waiting(),
        "error": last.error if last else "",
        "busy": window.busy,
        "cpu": _cpu(),
    }


def drain(window: Window) -> dict[str, Any]:
    waited = window.waiting()
    report = window.retrying(window.link.sync_once)
    for _ in range(5):
        if report.waiting == 0 and not report.error:
            break
        time.sleep(0.3)
        report = window.retrying(window.link.sync_once)
    return {"waited": waited, "waiting": report.waiting, "error": report.error, "busy": window.busy}


def enrol(window: Window, code: str) -> dict[str, Any]:
    """IT enrols the PC with its one-time code; the clerk signs in; the catalogue arrives."""
    window.link.enroll(code)
    window.sign_in()
    report = window.retrying(window.link.sync_once)
    return {"error": report.error, "cpu": _cpu()}


def run(args: list[str]) -> None:
    mode, data_dir, server_url = args[0], Path(args[1]), args[2]
    window = Window(data_dir, server_url)
    try:
        if mode == "enrol":
            print("ENROLLED " + json.dumps(enrol(window, args[3])), flush=True)
            return
        window.sign_in()
        if mode == "work":
            target, log_path, seed, share = int(args[3]), Path(args[4]), int(args[5]), float(args[6])
            print("REPORT " + json.dumps(work(window, target, log_path, seed, share)), flush=True)
        else:
            print("DRAIN " + json.dumps(drain(window)), flush=True)
    finally:
        window.ctx.close()


def child(args: list[str], output: str, fault: str) -> None:
    """The entry of a process forked from ``fault_abuse``'s fork server (this module imported
    once, so a restart costs no second of imports): output to *output*, then ``run``."""
    fd = os.open(output, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    os.dup2(fd, 1)
    os.dup2(fd, 2)
    os.close(fd)
    os.environ["ABUSE_FAULT"] = fault
    os.nice(WINDOW_NICENESS)
    run(args)


if __name__ == "__main__":
    run(sys.argv[1:])
