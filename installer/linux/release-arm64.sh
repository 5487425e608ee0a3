#!/usr/bin/env bash
# The arm64 package (Kylin V10 on Phytium and Kunpeng; glibc 2.31) built and checked as the
# amd64 package is in the test suite, on an x86-64 machine under qemu-user-static: too slow for the
# suite (installer/README.md, "The arm64 package's checks" has the last run's figures).
#   sudo installer/linux/release-arm64.sh           → dist/release-arm64.log
# Builds the arm64 .deb and its predecessor with build-deb-compat.sh (DEB_ARCH=arm64), installs it into
# a clean arm64 Debian 11 root and runs every installed-package test there (tests/installer, marker
# installer): lintian, the glibc floor, diagnose, print-test read back, the window offscreen to a
# usable intake tab, ldd over the bundle, the Depends in Ubuntu 20.04's package lists (Kylin V10's
# base; COUNTER_APP_DEPENDS_LISTS= skips it offline), preseeding, an intake synced to a hall server on this
# machine, the upgrade over unsynced operations, remove and purge, and Debian 13. Needs what
# scripts/test.sh sets up (scripts/setup.sh dev) and qemu-user-static.
set -euo pipefail
cd "$(dirname "$0")/../.."
[ "$(id -u)" = 0 ] || { echo "release-arm64.sh: run it as root (debootstrap, chroot)" >&2; exit 2; }
command -v qemu-aarch64-static >/dev/null || apt-get install -y -q qemu-user-static >&2
mkdir -p dist
export COUNTER_APP_ARCH=arm64 QT_QPA_PLATFORM=offscreen
# the Depends looked up in Ubuntu 20.04's lists, the base of Kylin V10 (names as on every architecture)
UBUNTU="${UBUNTU_MIRROR:-http://archive.ubuntu.com/ubuntu}/dists/focal"
export COUNTER_APP_DEPENDS_LISTS="${COUNTER_APP_DEPENDS_LISTS-$UBUNTU/main/binary-amd64/Packages.gz $UBUNTU/universe/binary-amd64/Packages.gz}"
start=$(date +%s)
set +e
scripts/with-keyring.sh .venv/bin/pytest tests/installer -m installer -p no:cacheprovider -s -v -rA \
    2>&1 | tee dist/release-arm64.log
status=${PIPESTATUS[0]}
set -e
echo "release-arm64.sh: $(( ($(date +%s) - start) / 60 )) min, pytest exit $status" | tee -a dist/release-arm64.log
exit "$status"
