#!/usr/bin/env bash
# Builds the .deb for the domestic systems' glibc, in a Debian root of the target architecture:
#   installer/linux/build-deb-compat.sh VERSION                  → dist/counter-app_VERSION_amd64.deb (glibc >= 2.28: UOS 20)
#   DEB_ARCH=arm64 installer/linux/build-deb-compat.sh VERSION   → dist/counter-app_VERSION_arm64.deb (glibc >= 2.31: Kylin V10)
# Environment:
#   DEB_ARCH=amd64|arm64   the package's architecture (arm64 on an x86-64 machine runs under qemu-user-static)
#   SUITE=bullseye   the Debian suite of the build root (its libraries go into the bundle: OpenSSL, libffi…)
#   MIRROR=URL       the Debian mirror (default: the one this machine's apt uses)
#   SECURITY_MIRROR=URL   Debian's security archive (default: MIRROR with debian-security for debian);
#                    none: without it (the archive reached here serves amd64 only)
#   OUT=DIR          where the .deb goes (default: dist/)
#   DEB_COMPRESSION=xz|gzip   passed to build-deb.sh (xz, the default, for a release)
#   DEB_SIGN_KEY, DEB_SIGN_CMD   sign the .deb (sign-deb.sh)
#   COUNTER_APP_BUILD_CACHE=DIR   keeps the prepared roots (toolchain and Python), Zig and pip's cache
#                                 (default /var/cache/counter-app-build)
# Needs root (debootstrap, chroot, mount), the Debian mirror and PyPI; for arm64 on x86-64 also
# qemu-user-static (Debian's package; the build registers it with binfmt_misc when it is not).
#
# The glibc floor comes from the compiler, not from the root: CPython 3.11 and SQLite are built with
# Zig (PyPI's ziglang), which links against its own stubs of the chosen glibc version
# (build-python.sh), from Debian's own source packages (bookworm's python3.11 and sqlite3: the
# upstream sources with Debian's security fixes). pip in the root takes only wheels whose manylinux
# tag is within the floor (a _manylinux.py in the build venv, PEP 600), with PySide6 pinned to 6.7.3,
# the last with aarch64 wheels for glibc 2.31 (compat-constraints.txt). Then the same build-deb.sh as
# on any other machine runs inside, and fails if anything in the bundle needs a newer glibc.
set -euo pipefail

VERSION="${1:?usage: build-deb-compat.sh VERSION}"
ARCH="${DEB_ARCH:-amd64}"
SUITE="${SUITE:-bullseye}"
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
OUT="${OUT:-$ROOT/dist}"
CACHE="${COUNTER_APP_BUILD_CACHE:-/var/cache/counter-app-build}/$SUITE"
PYTHON_SUITE="bookworm"  # whose python3.11 and sqlite3 source packages (apt verifies them: signed index, hashes)
ZIG_VERSION="0.17.0"
case "$ARCH" in
    amd64) GLIBC=2.28; ZIG_TARGET=x86_64-linux-gnu.2.28 ;;   # UOS 20 (Debian 10 based)
    arm64) GLIBC=2.31; ZIG_TARGET=aarch64-linux-gnu.2.31 ;;  # Kylin V10 (Ubuntu 20.04 based), Phytium, Kunpeng
    *) echo "build-deb-compat.sh: DEB_ARCH is amd64 or arm64, not $ARCH" >&2; exit 2 ;;
esac

[[ "$VERSION" =~ ^[0-9][0-9A-Za-z.+~-]*$ ]] || { echo "build-deb-compat.sh: $VERSION is not a Debian version" >&2; exit 2; }
case "${DEB_COMPRESSION:=xz}" in
    xz | gzip) ;;
    *) echo "build-deb-compat.sh: DEB_COMPRESSION is xz or gzip, not $DEB_COMPRESSION" >&2; exit 2 ;;
esac
[ "$(id -u)" = 0 ] || { echo "build-deb-compat.sh: run it as root (debootstrap, chroot)" >&2; exit 2; }
# in a mount namespace of its own: however this ends (killed too), the root's /proc, /dev and cache
# mounts end with it and never stay under a folder someone deletes later
if [ -z "${COUNTER_APP_BUILD_NS:-}" ]; then
    COUNTER_APP_BUILD_NS=1 exec unshare --mount --propagation private bash "$0" "$@"
fi
for tool in debootstrap chroot git objdump python3; do
    command -v "$tool" >/dev/null || { echo "build-deb-compat.sh: $tool is needed" >&2; exit 2; }
done
if [ -z "${MIRROR:-}" ]; then
    MIRROR="$(grep -hoE '^(URIs:|deb)[[:space:]]+(\[[^]]*\][[:space:]]+)?https?://[^[:space:]]+' \
        /etc/apt/sources.list /etc/apt/sources.list.d/* 2>/dev/null | grep -v security | head -n1 |
        grep -oE 'https?://[^[:space:]]+')" || true
    MIRROR="${MIRROR:-http://deb.debian.org/debian}"
fi

WORK="$(mktemp -d "${TMPDIR:-/tmp}/counter-app-compat.XXXXXX")"
BOX="$WORK/root"
MOUNTS=()
cleanup() {
    for ((i = ${#MOUNTS[@]} - 1; i >= 0; i--)); do umount --lazy "${MOUNTS[$i]}" 2>/dev/null || true; done
    rm -rf --one-file-system "$WORK"
}
trap cleanup EXIT
trap "exit 143" TERM INT
# pip inside trusts what this machine trusts (an internal proxy's CA too) and uses its index
# (and apt and pip go through this machine's proxy, if it has one)
PIP_ENV=(PIP_CERT=/etc/ssl/certs/build-host.crt)
for name in PIP_INDEX_URL http_proxy https_proxy no_proxy HTTP_PROXY HTTPS_PROXY NO_PROXY; do
    if [ -n "${!name:-}" ]; then PIP_ENV+=("$name=${!name}"); fi
done
in_root() { chroot "$BOX" /usr/bin/env -i PATH=/opt/python3.11/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    HOME=/root LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive QT_QPA_PLATFORM=offscreen "${PIP_ENV[@]}" "$@"; }
bind() { mkdir -p "$2"; mount --bind "$1" "$2"; MOUNTS+=("$2"); }

# an arm64 root on an x86-64 machine: its programs run through qemu-user-static
if [ "$ARCH" = arm64 ]; then "$HERE/qemu-binfmt.sh"; fi

# 1. the prepared root: the suite's libraries and tools, Zig, CPython 3.11 for the floor (made once, cached)
# the root's recipe: the packages, Zig, the compiling script, the build machine's CPU; a change
# of any prepares a new root (an old one is left for rm)
ROOT_PACKAGES="make pkg-config ca-certificates patch xz-utils libssl-dev libffi-dev zlib1g-dev libbz2-dev
    liblzma-dev libreadline-dev libncursesw5-dev uuid-dev tcl binutils python3
    $(grep -v '^#' "$ROOT/scripts/qt-runtime-packages.txt" | tr '\n' ' ')"
SECURITY="${SECURITY_MIRROR:-${MIRROR%/debian}/debian-security}"
recipe="$( (cat "$HERE/build-python.sh"; echo "$ZIG_VERSION $SUITE $(uname -m) $SECURITY $ROOT_PACKAGES") |
    sha256sum | cut -c1-12)"
toolchain="$CACHE/toolchain-$ARCH-glibc$GLIBC-$recipe.tar"
if [ ! -f "$toolchain" ]; then
    echo "preparing a $SUITE $ARCH build root (once; kept in $CACHE)" >&2
    mkdir -p "$CACHE/zig"
    # Zig runs on this machine's architecture (a static program: it runs in either root)
    host_python="$ROOT/.venv/bin/python"; [ -x "$host_python" ] || host_python=python3
    "$host_python" -m pip download -q --no-deps --only-binary=:all: --platform "manylinux_2_12_$(uname -m)" \
        --platform "manylinux_2_17_$(uname -m)" --platform "musllinux_1_1_$(uname -m)" \
        -d "$CACHE/zig" "ziglang==$ZIG_VERSION" >&2
    debootstrap --arch="$ARCH" --variant=minbase "$SUITE" "$BOX" "$MIRROR" >&2
    # with Debian's security and point-release updates: the bundle carries the root's OpenSSL & co.
    {
        echo "deb $MIRROR $SUITE main"
        echo "deb $MIRROR $SUITE-updates main"
        if [ "$SECURITY" != none ]; then echo "deb $SECURITY $SUITE-security main"; fi
    } > "$BOX/etc/apt/sources.list"
    cp /etc/resolv.conf "$BOX/etc/resolv.conf"
    mount -t proc proc "$BOX/proc"; MOUNTS+=("$BOX/proc")
    in_root apt-get update -q >&2
    # CPython's libraries; tclsh for SQLite's amalgamation; binutils for objdump; the Qt xcb
    # platform's libraries (PyInstaller's hooks load PySide6 to find its plugins; the icons are
    # rendered with Qt). No C compiler: Zig is the compiler.
    # shellcheck disable=SC2086
    in_root apt-get install -y -q --no-install-recommends $ROOT_PACKAGES >&2 || {
        echo "build-deb-compat.sh: the $SUITE $ARCH packages could not be fetched (above). If only those from" \
            "$SECURITY fail, that archive does not serve $ARCH here: SECURITY_MIRROR=URL names another," \
            "SECURITY_MIRROR=none builds without Debian's security updates (say so in the release notes)" >&2
        exit 1
    }
    "$host_python" -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' \
        "$(ls "$CACHE/zig"/ziglang-"$ZIG_VERSION"-*.whl | head -n1)" "$BOX/tmp/zig"
    mv "$BOX/tmp/zig/ziglang" "$BOX/opt/zig" && chmod 755 "$BOX/opt/zig/zig" && rm -rf "$BOX/tmp/zig"
    echo "deb-src $MIRROR $PYTHON_SUITE main" > "$BOX/etc/apt/sources.list.d/python-source.list"
    in_root apt-get update -q >&2
    in_root sh -c 'mkdir -p /tmp/src && cd /tmp/src && apt-get source -q --download-only python3.11 sqlite3' >&2
    install -m 755 "$HERE/build-python.sh" "$BOX/tmp/build-python.sh"
    in_root sh /tmp/build-python.sh "$ZIG_TARGET" >&2
    python3 "$HERE/glibc_floor.py" "$BOX/opt/python3.11" --top 3 --max "$GLIBC" >&2
    rm -rf "$BOX/tmp/src" "$BOX/tmp/build-python.sh" "$BOX/var/cache/apt/archives"/*.deb
    umount "$BOX/proc"; MOUNTS=()
    tar -C "$BOX" -cf "$toolchain.tmp" .
    mv "$toolchain.tmp" "$toolchain"
    rm -rf "$BOX"
fi

# 2. this checkout in a fresh copy of the root, with its own venv
mkdir -p "$BOX"
tar -C "$BOX" -xf "$toolchain"
echo "CPython and SQLite from $(cat "$BOX/opt/python3.11/DEBIAN-SOURCE") with their fixes, for glibc $GLIBC on $ARCH, in $SUITE" >&2
cp /etc/resolv.conf "$BOX/etc/resolv.conf"
cp "${SSL_CERT_FILE:-/etc/ssl/certs/ca-certificates.crt}" "$BOX/etc/ssl/certs/build-host.crt"
bind /proc "$BOX/proc"
bind /dev "$BOX/dev"
mkdir -p "$CACHE/pip"
bind "$CACHE/pip" "$BOX/root/.cache/pip"
mkdir -p "$BOX/src"
# the checkout's files as they are (tracked and new, not ignored; not those deleted in the work tree)
(cd "$ROOT" && git ls-files -z --cached --others --exclude-standard | grep -zv '^dist/' |
    while IFS= read -r -d '' file; do if [ -e "$file" ]; then printf '%s\0' "$file"; fi; done |
    tar --null -T - -cf -) | tar -C "$BOX/src" -xf -
# the build venv takes only wheels within the floor (PEP 600: pip asks _manylinux), PySide6 6.7.3
major="${GLIBC%.*}"; minor="${GLIBC#*.}"
in_root sh -c "cd /src && python3.11 -m venv .venv &&
    printf 'def manylinux_compatible(major, minor, arch):\n    return (major, minor) <= ($major, $minor)\n' \
        > .venv/lib/python3.11/site-packages/_manylinux.py &&
    .venv/bin/pip install -q --upgrade pip &&
    .venv/bin/pip install -q -c installer/linux/compat-constraints.txt . 'pyinstaller==6.22.3'" >&2

# 3. the same build as anywhere else, inside
deb="$(in_root sh -c "cd /src && OUT=/src/dist GLIBC_MAX=$GLIBC DEB_COMPRESSION=$DEB_COMPRESSION installer/linux/build-deb.sh '$VERSION'" | tail -n1)"
mkdir -p "$OUT"
cp "$BOX$deb" "$OUT/"
# signed here, with this machine's key or tool (nothing of it enters the build root)
"$HERE/sign-deb.sh" "$OUT/$(basename "$deb")"
echo "$OUT/$(basename "$deb")"
