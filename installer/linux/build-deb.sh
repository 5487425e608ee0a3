#!/usr/bin/env bash
# Builds the counter client's .deb in the UOS application layout (/opt/apps/<appid>/):
#   installer/linux/build-deb.sh VERSION [ARCH]         (ARCH: the dpkg architecture, default: this machine's)
# Environment:
#   BUNDLE=DIR      take an existing PyInstaller bundle (dist/counter-app) instead of building one
#   OUT=DIR         where the .deb goes (default: dist/)
#   MAINTAINER="Name <mail>"
#   DEB_SIGN_KEY=KEY or DEB_SIGN_CMD="..."   sign the .deb (sign-deb.sh)
#   GLIBC_MAX=X.Y   fail when anything in the bundle needs a newer glibc (build-deb-compat.sh sets it)
#   DEB_COMPRESSION=xz|gzip   xz (default: every release) or gzip -1, for the test suite's builds:
#                   4 s instead of about 65 s, a package 40 % larger, the same files in it
# Needs: the project's .venv with pyinstaller (the bundle, the icon render), dpkg-deb, objdump.
# The bundle is built for the machine it is built on: an arm64 .deb is built on an arm64 machine
# (installer/README.md, "Linux (.deb)").
set -euo pipefail

VERSION="${1:?usage: build-deb.sh VERSION [ARCH]}"
ARCH="${2:-$(dpkg --print-architecture)}"
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
APPID="org.counterapp.client"
PACKAGE="counter-app"
MAINTAINER="${MAINTAINER:-Counter app maintainers <counter-app@example.org>}"
OUT="${OUT:-$ROOT/dist}"
PY="$ROOT/.venv/bin/python"

[[ "$VERSION" =~ ^[0-9][0-9A-Za-z.+~-]*$ ]] || { echo "build-deb.sh: $VERSION is not a Debian version" >&2; exit 2; }
case "${DEB_COMPRESSION:-xz}" in
    xz) COMPRESS=(-Zxz) ;;
    gzip) COMPRESS=(-Zgzip -z1) ;;
    *) echo "build-deb.sh: DEB_COMPRESSION is xz or gzip, not $DEB_COMPRESSION" >&2; exit 2 ;;
esac
if [ "$ARCH" != "$(dpkg --print-architecture)" ] && [ -z "${BUNDLE:-}" ]; then
    echo "build-deb.sh: PyInstaller cannot cross-build: build on an $ARCH machine or pass BUNDLE=" >&2
    exit 2
fi
program_version="$("$PY" -c 'import counter_app; print(counter_app.__version__)')"
if [ "$program_version" != "$VERSION" ]; then
    echo "build-deb.sh: note: the package is $VERSION, the program says $program_version (counter_app/__init__.py)" >&2
fi

WORK="$(mktemp -d "${TMPDIR:-/tmp}/counter-app-deb.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

# 1. the bundle
if [ -n "${BUNDLE:-}" ]; then
    bundle="$(cd "$BUNDLE" && pwd)"
else
    (cd "$ROOT" && "$ROOT/.venv/bin/pyinstaller" --noconfirm --log-level WARN \
        --workpath "$WORK/pyinstaller" --distpath "$WORK/dist" "$HERE/counter-app.spec")
    bundle="$WORK/dist/counter-app"
fi
[ -x "$bundle/counter-app" ] || { echo "build-deb.sh: no counter-app program in $bundle" >&2; exit 2; }

# 2. the tree
STAGE="$WORK/stage"
APPDIR="$STAGE/opt/apps/$APPID"
mkdir -p "$APPDIR/files" "$APPDIR/entries/applications" "$STAGE/usr/bin" \
         "$STAGE/usr/share/applications" "$STAGE/usr/share/doc/$PACKAGE" "$STAGE/DEBIAN"
cp -a "$bundle/." "$APPDIR/files/"
# plain permissions whatever the build machine's umask was
find "$APPDIR/files" -type d -exec chmod 755 {} +
find "$APPDIR/files" -type f -exec chmod 644 {} +
chmod 755 "$APPDIR/files/counter-app"
find "$APPDIR/files" -type f -name '*.so*' -exec chmod 644 {} +

cat > "$APPDIR/info" <<JSON
{
    "appid": "$APPID",
    "name": "Counter client",
    "version": "$VERSION",
    "arch": ["$ARCH"],
    "permissions": {
        "autostart": false,
        "notification": false,
        "trayicon": false,
        "clipboard": true,
        "account": false,
        "bluetooth": false,
        "camera": false,
        "audio_record": false,
        "installed_apps": false
    }
}
JSON

cat > "$APPDIR/entries/applications/$APPID.desktop" <<DESKTOP
[Desktop Entry]
Type=Application
Name=政务服务窗口
Name[zh_CN]=政务服务窗口
Name[en]=Counter client
GenericName=Counter client
GenericName[zh_CN]=政务服务窗口
Comment=Intake, notices and printing at a government service hall counter
Comment[zh_CN]=政务服务大厅窗口受理、告知书打印
Exec=/opt/apps/$APPID/files/counter-app
Icon=$APPID
Categories=Office;
Keywords=counter;intake;notice;受理;窗口;
Terminal=false
StartupNotify=true
DESKTOP

for size in 48 256; do
    mkdir -p "$APPDIR/entries/icons/hicolor/${size}x${size}/apps"
    "$PY" "$HERE/render_icon.py" "$HERE/counter-app.svg" \
        "$APPDIR/entries/icons/hicolor/${size}x${size}/apps/$APPID.png" "$size"
done
mkdir -p "$APPDIR/entries/icons/hicolor/scalable/apps"
install -m 644 "$HERE/counter-app.svg" "$APPDIR/entries/icons/hicolor/scalable/apps/$APPID.svg"

# the command for IT, and the menu entry and icons for systems that do not read /opt/apps/*/entries
# (plain Debian, Kylin): links, so there is one copy; UOS finds the same desktop-file id and shows one entry
ln -s "/opt/apps/$APPID/files/counter-app" "$STAGE/usr/bin/counter-app"
ln -s "/opt/apps/$APPID/entries/applications/$APPID.desktop" "$STAGE/usr/share/applications/$APPID.desktop"
for icon in scalable/apps/$APPID.svg 48x48/apps/$APPID.png 256x256/apps/$APPID.png; do
    mkdir -p "$STAGE/usr/share/icons/hicolor/$(dirname "$icon")"
    ln -s "/opt/apps/$APPID/entries/icons/hicolor/$icon" "$STAGE/usr/share/icons/hicolor/$icon"
done

mkdir -p "$STAGE/usr/share/man/man1"
gzip -9n < "$HERE/debian/counter-app.1" > "$STAGE/usr/share/man/man1/counter-app.1.gz"
chmod 644 "$STAGE/usr/share/man/man1/counter-app.1.gz"
install -m 644 "$HERE/debian/copyright" "$STAGE/usr/share/doc/$PACKAGE/copyright"
{
    echo "$PACKAGE ($VERSION) stable; urgency=medium"
    echo
    echo "  * Release $VERSION of the counter client (PyInstaller bundle, UOS layout)."
    echo
    echo " -- $MAINTAINER  $(date -R -d "@${SOURCE_DATE_EPOCH:-$(date +%s)}")"
} | gzip -9n > "$STAGE/usr/share/doc/$PACKAGE/changelog.gz"
chmod 644 "$STAGE/usr/share/doc/$PACKAGE/changelog.gz"

mkdir -p "$STAGE/usr/share/lintian/overrides"
install -m 644 "$HERE/lintian-overrides" "$STAGE/usr/share/lintian/overrides/$PACKAGE"

# 3. control and maintainer scripts
install -m 755 "$HERE/debian/config" "$HERE/debian/postinst" "$HERE/debian/prerm" "$HERE/debian/postrm" "$STAGE/DEBIAN/"
install -m 644 "$HERE/debian/templates" "$STAGE/DEBIAN/templates"
installed_size="$(du -sk --apparent-size "$STAGE" --exclude=DEBIAN | cut -f1)"
# the Qt xcb platform's system libraries (scripts/qt-runtime-packages.txt, as scripts/setup.sh
# installs them), which the bundle leaves to the system (installer/linux/counter-app.spec), C++'s
# runtime and libatomic (Qt 6.9's QtPdf), and a CJK font for the widgets
depends="debconf (>= 0.5) | debconf-2.0, libc6 (>= 2.36)"
for lib in $(grep -v '^#' "$ROOT/scripts/qt-runtime-packages.txt") libstdc++6 libatomic1; do
    depends+=", $lib"
done
depends+=", fonts-noto-cjk | fonts-wqy-microhei | fonts-wqy-zenhei"
# the floor, read once (objdump over every ELF file); over GLIBC_MAX the files above it are listed
measured="$(python3 "$HERE/glibc_floor.py" "$APPDIR/files" --top 3 ${GLIBC_MAX:+--max "$GLIBC_MAX"})" || {
    echo "$measured" >&2
    echo "build-deb.sh: the glibc floor could not be read, or is above ${GLIBC_MAX:-the limit} (above)" >&2
    exit 1
}
echo "$measured" >&2
floor="$(echo "$measured" | sed -n 's/^glibc floor: \([0-9.]*\).*/\1/p')"
depends="${depends/libc6 (>= 2.36)/libc6 (>= $floor)}"
cat > "$STAGE/DEBIAN/control" <<CONTROL
Package: $PACKAGE
Version: $VERSION
Architecture: $ARCH
Maintainer: $MAINTAINER
Installed-Size: $installed_size
Depends: $depends
Recommends: cups-client
Section: misc
Priority: optional
Description: counter client for government service halls (政务服务窗口)
 The clerk's window at a government service hall counter: intake of
 applications against the hall's catalogue, the notices (受理, 一次性告知,
 不予受理 …) rendered and printed, the case list, the queue-calling strip,
 working offline and syncing with the hall server.
 .
 Installed under /opt/apps/$APPID (UOS application layout) with
 /usr/bin/counter-app for IT: counter-app diagnose, print-test, preseed.
 System-wide settings: /etc/counter-app/settings.ini, preseedable through
 debconf (counter-app/server_url, window_code, hall_code, device_code,
 ca_bundle, enrollment_code).
CONTROL

mkdir -p "$OUT"
deb="$OUT/${PACKAGE}_${VERSION}_${ARCH}.deb"
dpkg-deb --root-owner-group "${COMPRESS[@]}" --build "$STAGE" "$deb" >/dev/null
# 4. the signing hook (DEB_SIGN_KEY or DEB_SIGN_CMD; neither: not signed)
"$HERE/sign-deb.sh" "$deb"
echo "$deb"
