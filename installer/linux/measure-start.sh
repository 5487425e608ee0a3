#!/usr/bin/env bash
# Cold start of the bundled client to its first mapped top-level window, under a virtual X server.
#   xvfb-run -a -s -noreset installer/linux/measure-start.sh PROGRAM [RUNS]
# (-noreset: Xvfb otherwise resets when its last client leaves, and a program connecting during
# the reset is refused and aborts: that was once taken for a crash of the program)
# PROGRAM: /usr/bin/counter-app, or dist/counter-app/counter-app. Each run uses a fresh data folder
# and the demo hall without a server (--demo --no-server); the time is from launch until xwininfo
# lists a top-level window with the program's WM_CLASS (Qt's 1x1 client-leader window has none),
# polled every 10 ms: the start frame (counter_app/ui/starting.py: the item search, taking typing) is
# mapped, its first paint may still be under way; the whole window takes its place when loaded.
set -euo pipefail
PROGRAM="${1:?usage: measure-start.sh PROGRAM [RUNS]}"
RUNS="${2:-5}"
: "${DISPLAY:?run under xvfb-run -a}"
for run in $(seq "$RUNS"); do
    data="$(mktemp -d)"
    start=$(date +%s%N)
    "$PROGRAM" --data-dir "$data" --demo --no-server >/dev/null 2>&1 &
    pid=$!
    until xwininfo -root -children 2>/dev/null | grep -q -F '("counter-app" "counter-app")'; do
        kill -0 "$pid" 2>/dev/null || { echo "run $run: the program ended before a window appeared" >&2; exit 1; }
        sleep 0.01
    done
    end=$(date +%s%N)
    echo "run $run: first window after $(( (end - start) / 1000000 )) ms"
    kill "$pid"; wait "$pid" 2>/dev/null || true
    rm -rf "$data"
done
