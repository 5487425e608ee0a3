"""What a start of the window imports: nothing only printing, reports or a migration needs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from counter_app.store.db import open_database

PROGRAM = """
import sys
from pathlib import Path
from counter_app.services.context import open_context
import counter_app.ui.app, counter_app.ui.main_window
ctx = open_context(Path(sys.argv[1]))
ctx.close()
print(" ".join(sorted({m.split(".")[0] for m in sys.modules})))
"""

# each costs a tenth of a second or more to import; loaded when first used
LATER = {"alembic", "mako", "pygments", "pypinyin", "reportlab", "openpyxl", "barcode", "PIL"}


def test_opening_a_current_cache_and_the_window_modules_import_none_of_the_heavy_ones(tmp_path: Path) -> None:
    open_database(tmp_path / "counter.sqlite").dispose()  # made and migrated: now at the newest schema
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-c", PROGRAM, str(tmp_path)], capture_output=True, text=True, env=env, check=True
    )
    loaded = set(done.stdout.split())
    assert "sqlalchemy" in loaded and "PySide6" in loaded  # the program did load
    assert not loaded & LATER, loaded & LATER


PRELOAD = """
import sys
from counter_app.ui.app import WINDOW_MODULE, preload_window
assert WINDOW_MODULE not in sys.modules, "the sign-in dialog waits for the window's modules"
preload_window().join(60)
assert WINDOW_MODULE in sys.modules and "counter_app.ui.worklist_tab" in sys.modules
print("ok")
"""


def test_the_window_modules_load_on_their_own_thread_while_the_clerk_signs_in() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-c", PRELOAD], capture_output=True, text=True, env=env)
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr
