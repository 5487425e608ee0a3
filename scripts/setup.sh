#!/usr/bin/env bash
# Prepares a fresh Debian/Ubuntu/UOS machine with Python 3.11+ to run and test the counter client:
# the Qt runtime libraries, a CJK font, poppler (PDF to image) and Xvfb from the system packages,
# then a virtual environment in .venv with the project and its Python dependencies.
# Usage: scripts/setup.sh [dev]     ("dev" adds the test and lint tools)
set -euo pipefail
cd "$(dirname "$0")/.."

# Qt 6 xcb/offscreen runtime (one list with the .deb's Depends: scripts/qt-runtime-packages.txt)
read -r -d '' -a QT_RUNTIME < <(grep -v '^#' scripts/qt-runtime-packages.txt) || true
SYSTEM_PACKAGES=(
  "${QT_RUNTIME[@]}"
  # a system CJK font for the widgets (the notices embed the font shipped in resources/)
  fonts-noto-cjk
  # PDF to image for tests and previews, a virtual screen for screenshots
  poppler-utils xvfb xauth
  # venv for Debian's python3 (no ensurepip without it)
  python3-venv
)
# the test suite also runs a real PostgreSQL and a real Secret Service keyring (gnome-keyring)
# ... and the kiosk and hall display pages in headless Chromium (selenium drives chromium-driver)
# ... and builds the installers: the .deb (in a debootstrapped bullseye root, from the git
# checkout), installed into debootstrapped Debian roots and checked by lintian; the Windows ones
# from a staged layout (makensis, wixl, msitools, 7z, osslsigncode); a second CJK face
# (fonts-droid-fallback) stands in for a hall's 仿宋 in the notice-font tests
# ... and prints through a real CUPS of the tests' own (cups-pdf queues; ghostscript measures pages)
DEV_PACKAGES=(postgresql dbus dbus-daemon gnome-keyring chromium chromium-driver fonts-liberation
  fonts-droid-fallback cups cups-client cups-pdf ghostscript
  debootstrap lintian binutils git debsigs nsis wixl msitools p7zip-full osslsigncode openssl
  openbox)  # the window manager scripts/screenshots.py is run with (frames, maximising)
[ "${1:-}" = "dev" ] && SYSTEM_PACKAGES+=("${DEV_PACKAGES[@]}")

if command -v dpkg-query >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
  missing=()
  for p in "${SYSTEM_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing system packages: ${missing[*]}"
    SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
else
  echo "Not a Debian-family system: install the Qt runtime libraries, a CJK font and poppler yourself." >&2
fi

PYTHON="${PYTHON:-python3}"
"$PYTHON" - <<'PY'
import sys
if sys.version_info < (3, 11):
    sys.exit(f"Python 3.11 or newer is needed, this is {sys.version.split()[0]}")
PY

if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
extra=""
[ "${1:-}" = "dev" ] && extra="[dev]"
stamp=".venv/.installed${extra}"
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".${extra}"
  touch "$stamp"
fi
