#!/bin/sh
# Lets an x86-64 machine run arm64 programs (an arm64 root, entered with chroot) through
# qemu-user-static: registers it with binfmt_misc, which Debian's package does not do in a container.
# "F": the emulator is opened at registration, so it is found inside a chroot too; an entry without
# it is replaced. Idempotent, and safe when two processes run it at once (build-deb-compat.sh and
# the installer tests). Needs root and qemu-user-static. Nothing to do on an arm64 machine.
set -eu
[ "$(uname -m)" != aarch64 ] || exit 0
conf=/usr/lib/binfmt.d/qemu-aarch64.conf
binfmt=/proc/sys/fs/binfmt_misc
entry="$binfmt/qemu-aarch64"
[ -f "$conf" ] || { echo "qemu-binfmt.sh: arm64 here needs qemu-user-static (apt-get install qemu-user-static)" >&2; exit 2; }
[ -e "$binfmt/register" ] || mount -t binfmt_misc binfmt_misc "$binfmt"
if [ -e "$entry" ] && ! grep -q '^flags:.*F' "$entry"; then echo -1 > "$entry"; fi
[ -e "$entry" ] || grep -v '^#' "$conf" > "$binfmt/register" 2>/dev/null || [ -e "$entry" ]
