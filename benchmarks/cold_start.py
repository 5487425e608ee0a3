"""Cold start to a usable intake tab, in fresh processes, and the memory of the running client.

    .venv/bin/python -m benchmarks.cold_start [DATA_DIR] [runs]

Each run starts a new Python process that does what `counter-app --demo` does (open the cache,
migrate, load catalogue and calendar, build the window, show it) and reports when the intake tab has
focus after the first event-loop turn; the parent measures from process launch.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHILD = r"""
import sys, resource
from PySide6.QtCore import QTimer
from counter_app.cli import _context, _parser
from counter_app.ui.app import build_window, make_application
args = _parser().parse_args(["--demo", "--data-dir", sys.argv[1]])
ctx = _context(args)
app = make_application("zh_CN")
window, worker = build_window(ctx)
window.resize(1360, 860)
window.show()
window.intake.focus_item_search()
def ready():
    print("READY", flush=True)
    if len(sys.argv) > 2:  # memory after a search over everything
        window.cases.query.setText(sys.argv[2]); window.cases.refresh()
        QTimer.singleShot(3000, lambda: (print("RSS_MB", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024, flush=True), app.quit()))
    else:
        app.quit()
QTimer.singleShot(0, ready)
app.exec()
worker.stop()
"""


def run(folder: Path, extra: list[str]) -> tuple[float, str]:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(folder), *extra], stdout=subprocess.PIPE, text=True, env=env
    )
    assert proc.stdout is not None
    ready = 0.0
    rest = ""
    for line in proc.stdout:
        if line.startswith("READY"):
            ready = (time.perf_counter() - t0) * 1000
        else:
            rest += line
    proc.wait()
    return ready, rest


def main(folder: Path, runs: int) -> None:
    run(folder, [])  # first start seeds the demo folder; not counted
    times = [run(folder, [])[0] for _ in range(runs)]
    print(
        f"cold start to usable intake tab: median {statistics.median(times):.0f} ms, max {max(times):.0f} ms ({runs} runs)"
    )
    _, out = run(folder, ["张"])
    print(f"memory of the running client after a search: {out.strip()}")


if __name__ == "__main__":
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    if len(sys.argv) > 1:
        main(Path(sys.argv[1]), runs)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            main(Path(tmp), runs)
