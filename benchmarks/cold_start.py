"""Cold start to a usable intake tab, in fresh processes, and the memory of the running client.

    .venv/bin/python -m benchmarks.cold_start [DATA_DIR] [runs]

Each run starts a new Python process that does what `counter-app --demo` does (open the cache,
migrate, load catalogue and calendar, build the window, show it) and reports when the intake tab has
focus after the first event-loop turn; the parent measures from process launch.

The floor, run alternately with it: a new Python process that imports PySide6, makes a
QApplication, a QMainWindow with a QLineEdit, shows it focused and reports after the same first
event-loop turn. Both run from compiled bytecode, as an installed program does (the package is
compiled first; PYTHONDONTWRITEBYTECODE is cleared for the children).
"""

from __future__ import annotations

import compileall
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


FLOOR = r"""
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLineEdit, QMainWindow
app = QApplication([])
window = QMainWindow()
field = QLineEdit()
window.setCentralWidget(field)
window.resize(1360, 860)
window.show()
field.setFocus()
QTimer.singleShot(0, lambda: (print("READY", flush=True), app.quit()))
app.exec()
"""


def run(folder: Path, extra: list[str], program: str = CHILD) -> tuple[float, str]:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", program, str(folder), *extra], stdout=subprocess.PIPE, text=True, env=env
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
    import counter_app

    compileall.compile_dir(Path(counter_app.__file__).parent, quiet=1)
    run(folder, [])  # first start seeds the demo folder; not counted
    run(folder, [], FLOOR)
    times, floors = [], []
    for _ in range(runs):
        floors.append(run(folder, [], FLOOR)[0])
        times.append(run(folder, [])[0])
    ours, floor = statistics.median(times), statistics.median(floors)
    print(
        f"cold start to usable intake tab: median {ours:.0f} ms, max {max(times):.0f} ms ({runs} runs)"
        f" | floor (bare Qt window with a line edit) median {floor:.0f} ms, max {max(floors):.0f} ms"
        f" | ratio of medians {ours / floor:.1f}x"
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
