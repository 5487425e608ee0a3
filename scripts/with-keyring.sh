#!/usr/bin/env bash
# Runs a command with a real, unlocked Secret Service keyring (gnome-keyring in its own D-Bus
# session), as on a hall PC's desktop. The tests store device secrets and refresh tokens there.
# Usage: scripts/with-keyring.sh COMMAND...   (starts its own D-Bus session when none is given)
set -euo pipefail
if [ -z "${COUNTER_KEYRING_SESSION:-}" ]; then
  export COUNTER_KEYRING_SESSION=1
  exec dbus-run-session -- "$0" "$@"
fi
KEYRING_HOME="$(mktemp -d)"
trap 'rm -rf "$KEYRING_HOME"' EXIT
export XDG_RUNTIME_DIR="$KEYRING_HOME/run" XDG_DATA_HOME="$KEYRING_HOME/data" XDG_CACHE_HOME="$KEYRING_HOME/cache"
mkdir -p -m 700 "$XDG_RUNTIME_DIR" "$XDG_DATA_HOME" "$XDG_CACHE_HOME"
eval "$(printf 'test-keyring' | gnome-keyring-daemon --unlock --components=secrets 2>/dev/null)"
export GNOME_KEYRING_CONTROL
"$@"
