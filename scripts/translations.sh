#!/usr/bin/env bash
# Refreshes the Qt Linguist files after interface strings change: lupdate collects every wrapped
# string into resources/i18n/*.ts (translate the new ones with Qt Linguist), lrelease compiles .qm.
set -euo pipefail
cd "$(dirname "$0")/.."
sources=$(find counter_app -name '*.py' -not -path '*/migrations/*' | sort)
for ts in resources/i18n/*.ts; do
  .venv/bin/pyside6-lupdate -no-obsolete $sources -ts "$ts"
  .venv/bin/pyside6-lrelease "$ts" -qm "${ts%.ts}.qm"
done
