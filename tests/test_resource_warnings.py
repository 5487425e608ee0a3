"""The suite's own settings make a resource left open a failure (issue 15, item 10): a test that
forgets to close a file or a connection fails where it forgot, not some later test by chance.

Run ``TEST_TRACEMALLOC=1 scripts/test.sh`` to have each such failure name the line that opened it
(tracemalloc makes the suite some six times slower, so it is off by default)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LEAK = """
import gc
import sqlite3


def test_forgets_a_file(tmp_path):
    f = open(tmp_path / "x", "w")
    del f
    gc.collect()


def test_closes_its_connection(tmp_path):
    con = sqlite3.connect(tmp_path / "db")
    con.execute("CREATE TABLE t (x)")
    con.close()
"""


def test_an_unclosed_file_fails_the_suite_and_says_where_it_was_opened(tmp_path: Path) -> None:
    (tmp_path / "test_leak.py").write_text(LEAK, encoding="utf-8")
    run = subprocess.run(
        [
            sys.executable,
            "-X",
            "tracemalloc=5",
            "-m",
            "pytest",
            "-c",
            str(ROOT / "pyproject.toml"),
            "-p",
            "no:cacheprovider",
            "-p",
            "no:xdist",
            "-q",
            str(tmp_path / "test_leak.py"),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )
    out = run.stdout + run.stderr
    assert run.returncode == 1, out
    assert "1 failed, 1 passed" in out
    assert "FAILED" in out and "test_forgets_a_file" in out
    assert "ResourceWarning: unclosed file" in out
    assert 'test_leak.py", line 7' in out  # the line that opened it, from tracemalloc
