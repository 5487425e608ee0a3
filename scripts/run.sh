#!/usr/bin/env bash
# Sets up the client on a fresh Debian machine with Python 3.11 and opens it on the embedded demo
# hall: a local data folder with the bundled demo catalogue, demo settings and a few demo cases.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
exec .venv/bin/counter-app --demo "$@"
