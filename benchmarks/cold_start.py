"""Cold start to a usable intake tab, in fresh processes, and the memory of the running client.

    .venv/bin/python -m benchmarks.cold_start [DATA_DIR] [runs]

Each run starts a new Python process that does what `counter-app --demo --no-server` does
(ui/starting.py: the start frame with the item search focused; behind it, open the cache, load
catalogue and calendar, import the window; then build the window in the frame's place) and
reports twice, each after the first event-loop turn that follows: when the frame takes typing, and
when the whole window has taken its place; the parent measures from process launch.

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
from PySide6.QtWidgets import QApplication
from counter_app.cli import _open_for_window, _parser
from counter_app.ui.starting import start_gui
args = _parser().parse_args(["--demo", "--no-server", "--data-dir", sys.argv[1]])
def framed(frame):
    print("FRAME", flush=True)
def ready(window):
    window.resize(1360, 860)
    def done():
        print("READY", flush=True)
        if len(sys.argv) > 2:  # memory after a search over everything
            window.cases.query.setText(sys.argv[2]); window.cases.refresh()
            QTimer.singleShot(3000, lambda: (print("RSS_MB", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024, flush=True), window.close()))
        else:
            window.close()
    QTimer.singleShot(0, done)
start_gui("zh_CN", True, lambda: _open_for_window(args), framed=framed, ready=ready)
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
QTimer.singleShot(0, lambda: (print("FRAME", flush=True), print("READY", flush=True), app.quit()))
app.exec()
"""


def run(folder: Path, extra: list[str], program: str = CHILD) -> tuple[float, float, str]:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", program, str(folder), *extra], stdout=subprocess.PIPE, text=True, env=env
    )
    assert proc.stdout is not None
    framed = ready = 0.0
    rest = ""
    for line in proc.stdout:
        if line.startswith("FRAME"):
            framed = (time.perf_counter() - t0) * 1000
        elif line.startswith("READY"):
            ready = (time.perf_counter() - t0) * 1000
        else:
            rest += line
    proc.wait()
    return framed, ready, rest


def main(folder: Path, runs: int) -> None:
    import counter_app

    compileall.compile_dir(Path(counter_app.__file__).parent, quiet=1)
    run(folder, [])  # first start seeds the demo folder; not counted
    run(folder, [], FLOOR)
    frames, times, floors = [], [], []
    for _ in range(runs):
        floors.append(run(folder, [], FLOOR)[1])
        framed, ready, _ = run(folder, [])
        frames.append(framed)
        times.append(ready)
    frame, ours, floor = statistics.median(frames), statistics.median(times), statistics.median(floors)
    print(
        f"floor (bare Qt window with a focused line edit): median {floor:.0f} ms, max {max(floors):.0f} ms ({runs} runs)"
    )
    print(
        f"cold start to the item search taking typing (the start frame): median {frame:.0f} ms,"
        f" max {max(frames):.0f} ms | ratio of medians {frame / floor:.1f}x"
    )
    print(
        f"cold start to the whole window (intake tab answering, typed text carried over): median {ours:.0f} ms,"
        f" max {max(times):.0f} ms | ratio of medians {ours / floor:.1f}x"
    )
    _, _, out = run(folder, ["张"])
    print(f"memory of the running client after a search: {out.strip()}")


if __name__ == "__main__":
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    if len(sys.argv) > 1:
        main(Path(sys.argv[1]), runs)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            main(Path(tmp), runs)
