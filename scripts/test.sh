#!/usr/bin/env bash
# Sets up everything the test suite needs on a fresh Debian machine with Python 3.11 (Qt runtime,
# fonts, poppler, PostgreSQL, gnome-keyring), then runs the linters, the type checker and the whole
# test suite: headless (Qt's offscreen platform), with a real Secret Service keyring.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh dev
export QT_QPA_PLATFORM=offscreen
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy
# two workers (this is a 2-core machine; much of a test's time is spent waiting on a server
# process or a disk flush); the installer tests share one package build on one worker
# (tests/scheduling.py)
# a resource left open fails the test that left it (filterwarnings = error in pyproject.toml);
# TEST_TRACEMALLOC=1 makes the failure name the line that opened it (about six times slower)
if [ "${TEST_TRACEMALLOC:-0}" = 1 ]; then
  export PYTHONTRACEMALLOC=5
fi
scripts/with-keyring.sh .venv/bin/pytest -n "${TEST_WORKERS:-2}" "$@"
