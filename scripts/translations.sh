#!/usr/bin/env bash
# Refreshes the Qt Linguist files after interface strings change: lupdate collects every wrapped
# string into resources/i18n/*.ts (translate the new ones with Qt Linguist), lrelease compiles .qm.
set -euo pipefail
cd "$(dirname "$0")/.."
sources=$(find counter_app -name '*.py' -not -path '*/migrations/*' | sort)
# counter_app_en.ts holds only the English plural forms ("1 working day"): English is the source
for ts in resources/i18n/*.ts; do
  only=""
  [[ "$ts" == *_en.ts ]] && only="-pluralonly"
  .venv/bin/pyside6-lupdate -no-obsolete $only $sources -ts "$ts"
  .venv/bin/pyside6-lrelease "$ts" -qm "${ts%.ts}.qm"
done
