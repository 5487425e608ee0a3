"""Exactly once under abuse: tens of thousands of ops from many windows while everything fails.

    scripts/with-keyring.sh .venv/bin/python -m benchmarks.fault_abuse [--windows 20] [--ops 50000]
        [--engine postgresql|sqlite] [--seed 1] [options: --help]

A hall (a throwaway PostgreSQL cluster, or SQLite) behind a real ``hall-server serve`` process; one
window process per window (``benchmarks.abuse_window``: HallLink, IntakeService, the outbox, the
background SyncRunner), each with its data folder, device code (W01…) and window, enrolled with a
code of its own; between them ``benchmarks.abuse_proxy``. Meanwhile:

- server_kill: the server is SIGKILLed in the middle of a push (every ``--server-kill-every`` s)
  and restarted;
- drop_answer, cut_answer, duplicate, duplicate_parallel, late, refuse: the proxy's faults on a
  share (``--fault-rate``) of the pushes (late = held back and delivered after later pushes);
- two_processes: a second process on a window's data folder pushes the same batch at the same time;
- client_kill_after_local_commit, client_kill_after_server_commit, client_kill_random: window
  processes SIGKILLed right after a local commit, right after the server committed a push (before
  the answer is recorded), or at any moment; each comes back and goes on.

A fault is counted when it took effect (a proxy fault while the server was down is none). At the
end every window's outbox (and the ids it reported saved) is compared with the server's ledger
and records (``benchmarks.abuse_ledger``, the many-window form of tests/faults/ledger.py), and one
line is printed: ``lost=… duplicated=… out_of_order=… stuck=… ops=… windows=… faults=… (by kind)
elapsed=… engine=…``. The exit status is 1 when any of lost, duplicated, out_of_order, stuck (or
rejected, mismatched, phantom, collisions, anomalies) is not 0. Not part of the test run.

The run copies the code into its folder first (the server and the windows restart hundreds of
times, and the checkout may change meanwhile); window processes are forked from a fork server
that imported the client once, and run at a lower priority than the server and PostgreSQL (on
one machine they stand for twenty PCs). 50,000 ops from 20 windows take about 8 minutes on two
cores.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import itertools
import json
import multiprocessing
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from multiprocessing.process import BaseProcess as Process
from pathlib import Path
from typing import Any

from benchmarks import abuse_window
from benchmarks.abuse_ledger import WindowFiles, tally
from benchmarks.abuse_proxy import AbuseProxy
from benchmarks.sync_common import hall
from counter_app.services.demo import demo_catalogue_path
from counter_app.sync.credentials import keyring_status
from tests.servers import ServerProcess, enrollment_code

ROOT = Path(__file__).resolve().parents[1]
# the run's own copy of the code: the server and the windows restart many times, and the
# checkout may change meanwhile (a new column, a new check); every restart runs the code it began with
SNAPSHOT = ("counter_app", "hall_server", "benchmarks", "tests", "resources")
IN_SNAPSHOT = "FAULT_ABUSE_IN_SNAPSHOT"
CLIENT_KILLS = ("client_kill_after_local_commit", "client_kill_after_server_commit", "client_kill_random")


# -- the hall and its windows ----------------------------------------------------------------------
def window_codes(count: int) -> list[str]:
    """The demo hall's windows, then more general-intake windows (A05, A06, …) as IT would add."""
    doc = json.loads(demo_catalogue_path().read_text(encoding="utf-8"))
    codes = [w["code"] for w in doc["windows"]]
    extra = (f"A{n:02d}" for n in itertools.count(5))
    while len(codes) < count:
        code = next(extra)
        if code not in codes:
            codes.append(code)
    return codes[:count]


def add_windows(db_url: str, codes: list[str]) -> None:
    from counter_app.domain.catalogue_format import parse_catalogue
    from hall_server import admin as server_admin
    from hall_server.db import open_server_database
    from tests.servers import signing_key_file

    doc = json.loads(demo_catalogue_path().read_text(encoding="utf-8"))
    known = {w["code"] for w in doc["windows"]}
    model = next(w for w in doc["windows"] if w["code"] == "A01")
    added = [c for c in codes if c not in known]
    if not added:
        return
    for code in added:
        doc["windows"].append({**model, "code": code, "name": f"综合受理{int(code[1:])}号窗口"})
    db = open_server_database(db_url, signing_key_file=signing_key_file(db_url))
    try:
        server_admin.import_catalogue(db, parse_catalogue(doc))
    finally:
        db.dispose()


class Launcher:
    """Window processes forked from a fork server that has imported the client once: a restarted
    window is a new process (its own SQLite connections, sync engine, keyring session) without a
    second of imports each time."""

    def __init__(self) -> None:
        self.mp = multiprocessing.get_context("forkserver")
        self.mp.set_forkserver_preload(["benchmarks.abuse_window"])

    def start(self, args: list[str], output: Path, fault: str = "") -> Process:
        proc = self.mp.Process(target=abuse_window.child, args=(args, str(output), fault), daemon=True)
        proc.start()
        return proc


def enrol_all(launcher: Launcher, slots: list[Slot], url: str, db_url: str, parallel: int = 4) -> None:
    """Every window enrolled with a code of its own (IT's ``enroll-code --device --window``)."""
    todo = list(slots)
    running: list[tuple[Slot, Process]] = []
    while todo or running:
        while todo and len(running) < parallel:
            slot = todo.pop(0)
            code = enrollment_code(db_url, slot.device, slot.window)
            running.append((slot, launcher.start(["enrol", str(slot.data_dir), url, code], slot.output)))
        slot, proc = running.pop(0)
        proc.join(300)
        if proc.exitcode != 0 or _last_line(slot.output, "ENROLLED ").get("error", "?"):
            raise RuntimeError(f"enrolling {slot.device} failed:\n{slot.output.read_text()[-3000:]}")


@dataclass
class Slot:
    """One window: its folder, its share of the ops and the process serving it now."""

    device: str
    window: str
    data_dir: Path
    target: int
    kills_left: int
    proc: Process | None = None
    fault: str = ""
    kill_at: float = 0.0
    runs: int = 0
    done: bool = False
    report: dict[str, Any] = field(default_factory=dict)

    @property
    def committed(self) -> Path:
        return self.data_dir.parent / f"{self.device}.committed"

    @property
    def output(self) -> Path:
        return self.data_dir.parent / f"{self.device}.out"


def _last_line(path: Path, prefix: str) -> dict[str, Any]:
    lines = [line for line in path.read_text(errors="replace").splitlines() if line.startswith(prefix)]
    return json.loads(lines[-1][len(prefix) :]) if lines else {}


class Run:
    """The windows' processes, the server's deaths and the second processes, until all is pushed."""

    def __init__(
        self,
        args: argparse.Namespace,
        launcher: Launcher,
        server: ServerProcess,
        proxy: AbuseProxy,
        slots: list[Slot],
    ) -> None:
        self.args, self.launcher, self.server, self.proxy, self.slots = args, launcher, server, proxy, slots
        self.rng = random.Random(args.seed)
        self.faults: collections.Counter[str] = collections.Counter()
        self.drains: list[tuple[Slot, Process, Path]] = []
        self.busy = 0
        self.downtime = 0.0  # seconds the server was dead or starting again
        self.stopping = threading.Event()
        self.killed = threading.Event()
        self.server_lock = threading.Lock()  # the chaos thread restarts the server under it
        self.kill_lock = threading.Lock()
        proxy.on_kill = self._kill_server

    # -- the server ---------------------------------------------------------------------------------
    def _kill_server(self) -> None:
        """On the proxy's thread, a few milliseconds after it forwarded a push."""
        with self.kill_lock:
            if self.stopping.is_set():
                return
            proc = self.server.proc
            if proc is not None and proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
                self.faults["server_kill"] += 1
            self.killed.set()

    def _server_chaos(self) -> None:
        every = self.args.server_kill_every
        while not self.stopping.wait(self.rng.uniform(0.6, 1.4) * every):
            self.killed.clear()
            self.proxy.arm_server_kill()
            deadline = time.monotonic() + 30
            while not self.killed.wait(0.5) and not self.stopping.is_set() and time.monotonic() < deadline:
                pass
            if not self.killed.is_set():
                self.proxy.disarm()
                continue
            down = time.monotonic()
            with self.server_lock:
                if self.server.proc is not None:
                    self.server.proc.wait(30)
                    self.server.proc = None
                time.sleep(self.rng.uniform(0.1, 1.0))
                self.restart_server()
            self.downtime += time.monotonic() - down

    def restart_server(self) -> None:
        """``serve`` again (under the server lock); a start that does not answer in time is killed
        and tried again (the machine is busy)."""
        for attempt in range(5):
            try:
                self.server.start()
                return
            except RuntimeError:
                if self.server.proc is not None:
                    self.server.proc.kill()
                    self.server.proc.wait(30)
                    self.server.proc = None
                if attempt == 4:
                    raise

    # -- the windows --------------------------------------------------------------------------------
    def _start(self, slot: Slot) -> None:
        slot.fault, slot.kill_at = "", 0.0
        if slot.kills_left > 0:  # spread over the window's share of the ops
            kind = self.rng.choice(CLIENT_KILLS)
            if kind == CLIENT_KILLS[0]:
                most = max(2, 2 * slot.target // self.args.client_kills)
                slot.fault = f"after_local_commit:{self.rng.randint(1, most)}"
            elif kind == CLIENT_KILLS[1]:
                slot.fault = f"after_server_commit:{self.rng.randint(1, 30)}"
            else:
                slot.kill_at = time.monotonic() + self.rng.uniform(2.0, 60.0)
        slot.runs += 1
        seed = self.args.seed * 1_000_003 + int(slot.device[1:]) * 1009 + slot.runs
        slot.proc = self.launcher.start(
            [
                "work",
                str(slot.data_dir),
                self.proxy.url,
                str(slot.target),
                str(slot.committed),
                str(seed),
                str(self.args.accept_share),
            ],
            slot.output,
            slot.fault,
        )

    def _check(self, slot: Slot) -> None:
        proc = slot.proc
        if proc is None:
            return
        if slot.kill_at and time.monotonic() > slot.kill_at and proc.is_alive():
            proc.kill()
            proc.join()
        code = proc.exitcode
        if code is None:
            return
        slot.proc = None
        proc.close()
        if code == -signal.SIGKILL:
            kind = CLIENT_KILLS[2] if slot.kill_at else CLIENT_KILLS[0 if "local" in slot.fault else 1]
            self.faults[kind] += 1
            slot.kills_left -= 1
            self._start(slot)
        elif code == 0:
            slot.done, slot.report = True, _last_line(slot.output, "REPORT ")
            self.busy += slot.report.get("busy", 0)
        else:
            tail = slot.output.read_text(errors="replace")[-3000:]
            raise RuntimeError(f"window {slot.device} exited with {code}:\n{tail}")

    def _second_process(self) -> None:
        self.drains = [d for d in self.drains if not self._drain_over(*d)]
        busy = [s for s in self.slots if s.proc is not None and not s.done]
        if busy and len(self.drains) < 2:
            slot = self.rng.choice(busy)
            out = slot.data_dir.parent / f"{slot.device}.drain-{slot.runs}-{len(self.drains)}.out"
            self.drains.append(
                (slot, self.launcher.start(["drain", str(slot.data_dir), self.proxy.url], out), out)
            )

    def _drain_over(self, slot: Slot, proc: Process, out: Path) -> bool:
        code = proc.exitcode
        if code is None:
            return False
        if code != 0:
            raise RuntimeError(
                f"second process on {slot.device} exited with {code}:\n{out.read_text()[-3000:]}"
            )
        report = _last_line(out, "DRAIN ")
        self.busy += report.get("busy", 0)
        if report.get("waited", 0) > 0:
            self.faults["two_processes"] += 1
        return True

    def progress(self) -> str:
        ops = sum(s.committed.read_bytes().count(b"\n") for s in self.slots if s.committed.exists())
        faults = sum(self.faults.values()) + sum(self.proxy.injected.values())
        done = sum(s.done for s in self.slots)
        return f"  … {ops} ops recorded, {faults} faults, {done}/{len(self.slots)} windows done"

    def run(self) -> None:
        chaos = threading.Thread(target=self._server_chaos, name="server-chaos", daemon=True)
        self.proxy.enabled = True
        chaos.start()
        for slot in self.slots:
            self._start(slot)
        started = last_print = time.monotonic()
        next_second = started + self.args.two_process_every
        try:
            while not all(s.done for s in self.slots):
                time.sleep(0.1)
                for slot in self.slots:
                    self._check(slot)
                now = time.monotonic()
                if now > next_second:
                    self._second_process()
                    next_second = now + self.rng.uniform(0.5, 1.5) * self.args.two_process_every
                if now - last_print > 30:
                    print(self.progress(), flush=True)
                    last_print = now
                if now - started > self.args.timeout:
                    errors = [
                        line
                        for line in self.server.log.read_text(errors="replace").splitlines()
                        if "Error" in line
                    ]
                    raise RuntimeError(
                        f"not finished after {self.args.timeout} s:\n{self.progress()}\n"
                        f"the server's last errors: {errors[-3:]}"
                    )
        finally:
            self.proxy.enabled = False
            with self.kill_lock:
                self.stopping.set()
            self.proxy.disarm()
            chaos.join(60)
            with self.server_lock:
                if self.server.proc is None or self.server.proc.poll() is not None:
                    self.server.proc = None
                    self.restart_server()
            for slot in self.slots:
                if slot.proc is not None:
                    slot.proc.kill()
                    slot.proc.join()
        for slot, proc, out in self.drains:
            proc.join(120)
            self._drain_over(slot, proc, out)
        self.proxy.wait_idle(60)
        self.faults.update(self.proxy.injected)


# -- the command ------------------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="benchmarks.fault_abuse", description=__doc__.split("\n\n")[0])
    p.add_argument("--windows", type=int, default=20)
    p.add_argument("--ops", type=int, default=50_000, help="ops in all (spread evenly over the windows)")
    p.add_argument("--engine", choices=("postgresql", "sqlite"), default="postgresql")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument(
        "--accept-share", type=float, default=0.12, help="case.accept among the ops (the rest consult.record)"
    )
    p.add_argument("--fault-rate", type=float, default=0.6, help="share of the pushes the proxy tampers with")
    p.add_argument(
        "--server-kill-every", type=float, default=15.0, help="seconds between server kills (jittered)"
    )
    p.add_argument("--client-kills", type=int, default=8, help="window-process kills per window")
    p.add_argument("--two-process-every", type=float, default=4.0, help="seconds between second processes")
    p.add_argument("--timeout", type=float, default=1080.0, help="give up when pushing takes longer (s)")
    p.add_argument("--keep", metavar="FOLDER", help="run in FOLDER and keep it (logs, data folders)")
    args = p.parse_args(argv)
    if not keyring_status()[0]:
        print("no Secret Service keyring: run through scripts/with-keyring.sh", file=sys.stderr)
        return 2
    if not os.environ.get(IN_SNAPSHOT):
        return in_snapshot(args, sys.argv[1:] if argv is None else argv)
    return run_hall(args)


def in_snapshot(args: argparse.Namespace, argv: list[str]) -> int:
    """Copy the code as it is now into the run's folder and run there."""
    with contextlib.ExitStack() as stack:
        if args.keep:
            folder = Path(args.keep).resolve()
        else:
            folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="fault-abuse-")))
        code = folder / "code"
        shutil.rmtree(code, ignore_errors=True)
        for name in SNAPSHOT:
            shutil.copytree(ROOT / name, code / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        head = subprocess.run(
            ["git", "-C", str(ROOT), "describe", "--always", "--dirty"], capture_output=True, text=True
        ).stdout.strip()
        print(f"fault_abuse: the code of {ROOT} as it is now ({head or 'not a git checkout'})", flush=True)
        argv = [*argv, "--keep", str(folder if args.keep else folder / "run")]
        env = {**os.environ, IN_SNAPSHOT: "1"}
        return subprocess.call([sys.executable, "-m", "benchmarks.fault_abuse", *argv], cwd=code, env=env)


def run_hall(args: argparse.Namespace) -> int:
    t0 = time.monotonic()
    with contextlib.ExitStack() as stack:
        if args.keep:
            folder = Path(args.keep).resolve()
            folder.mkdir(parents=True, exist_ok=True)
        else:
            folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="fault-abuse-")))
        server, db_url = stack.enter_context(hall(folder, args.engine))
        proxy = AbuseProxy(server.port, args.fault_rate, args.seed)
        stack.callback(proxy.close)
        codes = window_codes(args.windows)
        add_windows(db_url, codes)
        share, extra = divmod(args.ops, args.windows)
        slots = []
        for n, window in enumerate(codes, 1):
            device = f"W{n:02d}"
            data_dir = folder / "windows" / device / "data"
            data_dir.mkdir(parents=True)
            slots.append(Slot(device, window, data_dir, share + (n <= extra), args.client_kills))
        launcher = Launcher()
        enrol_all(launcher, slots, proxy.url, db_url)
        print(
            f"fault_abuse: {args.windows} windows enrolled, {args.ops} ops to push into {args.engine} "
            f"({time.monotonic() - t0:.0f} s of set-up; code in {ROOT})",
            flush=True,
        )
        t1 = time.monotonic()
        run = Run(args, launcher, server, proxy, slots)
        run.run()
        pushed = time.monotonic() - t1
        result = tally(
            [WindowFiles(s.device, s.data_dir / "counter.sqlite", s.committed) for s in slots], db_url
        )
    elapsed = time.monotonic() - t0
    faults = run.faults
    checks = dict(sorted(proxy.checks.items()))
    print(f"  proxy: {dict(proxy.requests)} requests; what the copies were answered: {checks}")
    waiting = {s.device: s.report for s in slots if s.report.get("waiting")}
    if waiting:
        print(f"  windows that did not drain: {waiting}")
    for note in result.notes[:20]:
        print("  " + note)
    print(
        f"  rejected={result.rejected} mismatched={result.mismatched} phantom={result.phantom} "
        f"local_cache_busy={run.busy} "
        f"collisions={result.collisions} anomalies={sum(v for k, v in checks.items() if k.startswith('anomaly'))} "
        f"(sync phase {pushed:.0f} s, the server down {run.downtime:.0f} s of it)"
    )
    by_kind = " ".join(f"{k}={v}" for k, v in sorted(faults.items()))
    print(
        f"lost={result.lost} duplicated={result.duplicated} out_of_order={result.out_of_order} "
        f"stuck={result.stuck} ops={result.ops} windows={len(slots)} faults={sum(faults.values())} "
        f"({by_kind}) elapsed={elapsed:.0f}s engine={args.engine}",
        flush=True,
    )
    anomalies = any(v for k, v in checks.items() if k.startswith("anomaly"))
    return 0 if result.clean and not anomalies else 1


if __name__ == "__main__":
    sys.exit(main())
