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
scripts/with-keyring.sh .venv/bin/pytest "$@"
