#!/usr/bin/env bash
# Builds the .deb inside a Debian SUITE root, so that the bundle needs no newer glibc than that
# suite's: bullseye (Debian 11, glibc 2.31) is the oldest suite Debian's mirror still serves, and
# covers Kylin V10, Ubuntu 20.04 and Debian 11 besides the newer systems.
#   installer/linux/build-deb-compat.sh VERSION        → dist/counter-app_VERSION_amd64.deb
# Environment:
#   SUITE=bullseye   the Debian suite to build in
#   MIRROR=URL       the Debian mirror (default: the one this machine's apt uses)
#   OUT=DIR          where the .deb goes (default: dist/)
#   DEB_SIGN_KEY, DEB_SIGN_CMD   sign the .deb (sign-deb.sh)
#   COUNTER_APP_BUILD_CACHE=DIR   keeps the prepared root (toolchain and Python) and pip's cache
#                                 (default /var/cache/counter-app-build)
# Needs root (debootstrap, chroot, mount) and the Debian mirror and PyPI.
#
# The root has the suite's compilers and libraries, and CPython 3.11 built from Debian's own source
# package of python3.11 (bookworm's; the older suite has no 3.11): the upstream tarball with
# Debian's security patches (the series from its first CVE patch on; not Debian's layout patches),
# installed in /opt/python3.11 and kept in the cache. pip inside the root picks the wheels that
# suit its glibc (PySide6 6.9.x: the newer ones need glibc 2.34). Then the same build-deb.sh as on
# any other machine runs in there.
set -euo pipefail

VERSION="${1:?usage: build-deb-compat.sh VERSION}"
SUITE="${SUITE:-bullseye}"
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
OUT="${OUT:-$ROOT/dist}"
CACHE="${COUNTER_APP_BUILD_CACHE:-/var/cache/counter-app-build}/$SUITE"
PYTHON_SUITE="bookworm"  # whose python3.11 source package (apt verifies it: signed index, hashes)

[[ "$VERSION" =~ ^[0-9][0-9A-Za-z.+~-]*$ ]] || { echo "build-deb-compat.sh: $VERSION is not a Debian version" >&2; exit 2; }
[ "$(id -u)" = 0 ] || { echo "build-deb-compat.sh: run it as root (debootstrap, chroot)" >&2; exit 2; }
# in a mount namespace of its own: however this ends (killed too), the root's /proc, /dev and cache
# mounts end with it and never stay under a folder someone deletes later
if [ -z "${COUNTER_APP_BUILD_NS:-}" ]; then
    COUNTER_APP_BUILD_NS=1 exec unshare --mount --propagation private bash "$0" "$@"
fi
for tool in debootstrap chroot git; do
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

# 1. the prepared root: the suite, its build tools and libraries, CPython 3.11 (made once, cached)
toolchain="$CACHE/toolchain.tar"
if [ ! -f "$toolchain" ]; then
    echo "preparing a $SUITE build root (once; kept in $CACHE)" >&2
    mkdir -p "$CACHE"
    debootstrap --variant=minbase "$SUITE" "$BOX" "$MIRROR" >&2
    echo "deb $MIRROR $SUITE main" > "$BOX/etc/apt/sources.list"
    cp /etc/resolv.conf "$BOX/etc/resolv.conf"
    mount -t proc proc "$BOX/proc"; MOUNTS+=("$BOX/proc")
    in_root apt-get update -q >&2
    # the compilers and CPython's libraries; binutils for objdump; the Qt xcb platform's libraries
    # (PyInstaller's hooks load PySide6 to find its plugins; the icons are rendered with Qt)
    in_root apt-get install -y -q --no-install-recommends build-essential pkg-config ca-certificates \
        libssl-dev libsqlite3-dev libffi-dev zlib1g-dev libbz2-dev liblzma-dev libreadline-dev \
        libncursesw5-dev uuid-dev libgdbm-dev binutils python3 xz-utils patch \
        $(grep -v '^#' "$ROOT/scripts/qt-runtime-packages.txt") >&2
    echo "deb-src $MIRROR $PYTHON_SUITE main" > "$BOX/etc/apt/sources.list.d/python-source.list"
    in_root apt-get update -q >&2
    in_root sh -c 'mkdir -p /tmp/src && cd /tmp/src && apt-get source -q --download-only python3.11' >&2
    in_root sh -c 'set -e; mkdir -p /tmp/python /tmp/debian-python
        tar -C /tmp/python --strip-components=1 -xzf /tmp/src/python3.11_*.orig.tar.gz
        tar -C /tmp/debian-python -xJf /tmp/src/python3.11_*.debian.tar.xz
        cd /tmp/python
        grep -v "^#" /tmp/debian-python/debian/patches/series | sed -n "/^CVE-/,\$p" |
            while read -r patch; do patch -p1 -s --no-backup-if-mismatch < "/tmp/debian-python/debian/patches/$patch"; done
        # Debian builds pyexpat into the interpreter (its layout patches); built as a module here,
        # the CVE-2026-4224 fix (pycore_ceval.h) needs what upstream modules define for that
        if grep -q pycore_ceval.h Modules/pyexpat.c && ! grep -q Py_BUILD_CORE_MODULE Modules/pyexpat.c; then
            sed -i "1i #ifndef Py_BUILD_CORE_BUILTIN\\n#  define Py_BUILD_CORE_MODULE 1\\n#endif" Modules/pyexpat.c
        fi
        ls /tmp/src/*.dsc | sed "s|.*/||; s|\.dsc\$||" > /tmp/python-source' >&2
    in_root sh -c 'cd /tmp/python && ./configure --prefix=/opt/python3.11 --enable-shared \
        LDFLAGS=-Wl,-rpath,/opt/python3.11/lib --with-ensurepip=install >/tmp/configure.log &&
        make -j"$(nproc)" >/tmp/make.log 2>&1 && make install >/tmp/install.log 2>&1' ||
        { tail -n 30 "$BOX"/tmp/*.log >&2; exit 1; }
    # which source it was (e.g. python3.11_3.11.2-6+deb12u8): shown by the build, kept in the root
    cp "$BOX/tmp/python-source" "$BOX/opt/python3.11/DEBIAN-SOURCE"
    for module in ssl sqlite3 ctypes zlib bz2 lzma uuid pyexpat _elementtree _decimal; do
        in_root /opt/python3.11/bin/python3.11 -c "import $module" ||
            { echo "build-deb-compat.sh: the built Python has no $module module" >&2; exit 1; }
    done
    rm -rf "$BOX/tmp/python" "$BOX/tmp/debian-python" "$BOX/tmp/src" "$BOX"/tmp/*.log \
        "$BOX/var/cache/apt/archives"/*.deb
    umount "$BOX/proc"; MOUNTS=()
    tar -C "$BOX" -cf "$toolchain.tmp" .
    mv "$toolchain.tmp" "$toolchain"
    rm -rf "$BOX"
fi

# 2. this checkout in a fresh copy of the root, with its own venv
mkdir -p "$BOX"
tar -C "$BOX" -xf "$toolchain"
echo "CPython from $(cat "$BOX/opt/python3.11/DEBIAN-SOURCE") with its security patches, in $SUITE" >&2
cp /etc/resolv.conf "$BOX/etc/resolv.conf"
cp "${SSL_CERT_FILE:-/etc/ssl/certs/ca-certificates.crt}" "$BOX/etc/ssl/certs/build-host.crt"
bind /proc "$BOX/proc"
bind /dev "$BOX/dev"
mkdir -p "$CACHE/pip"
bind "$CACHE/pip" "$BOX/root/.cache/pip"
mkdir -p "$BOX/src"
# the checkout's files as they are (tracked and new, not ignored; not those deleted in the work tree)
(cd "$ROOT" && git ls-files -z --cached --others --exclude-standard | grep -zv '^dist/' |
    while IFS= read -r -d '' file; do [ -e "$file" ] && printf '%s\0' "$file"; done |
    tar --null -T - -cf -) | tar -C "$BOX/src" -xf -
in_root sh -c 'cd /src && python3.11 -m venv .venv &&
    .venv/bin/pip install -q --upgrade pip &&
    .venv/bin/pip install -q . "pyinstaller==6.22.3"' >&2

# 3. the same build as anywhere else, inside
deb="$(in_root sh -c "cd /src && OUT=/src/dist installer/linux/build-deb.sh '$VERSION'" | tail -n1)"
mkdir -p "$OUT"
cp "$BOX$deb" "$OUT/"
# signed here, with this machine's key or tool (nothing of it enters the build root)
"$HERE/sign-deb.sh" "$OUT/$(basename "$deb")"
echo "$OUT/$(basename "$deb")"
