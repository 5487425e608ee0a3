"""The Linux .deb, built from this checkout and installed into a clean Debian bookworm root.

A session fixture builds the package once (``installer/linux/build-deb.sh``: PyInstaller, then
dpkg-deb) while it prepares a ``debootstrap --variant=minbase`` root; the package is installed there
with apt, which brings its Depends from the Debian mirror, and the installed program is run inside
the chroot: nothing from the checkout or the venv is visible to it.

Needs root (chroot, mount), debootstrap, dpkg-deb, lintian, objdump and the Debian mirror of
/etc/apt/sources.list(.d). To save CI time the minbase root and apt's downloaded packages are kept in
``/var/cache/counter-app-test/<suite>/`` (``COUNTER_APP_TEST_CACHE`` moves it); without them the
test makes them. ``COUNTER_APP_DEB=FILE`` tests an already built .deb instead of building one.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "installer" / "linux"
SUITE = "bookworm"
VERSION = "0.2.0"
APPID = "org.counterapp.client"
APP_DIR = f"/opt/apps/{APPID}"
CACHE = Path(os.environ.get("COUNTER_APP_TEST_CACHE", "/var/cache/counter-app-test")) / SUITE
CHROOT_ENV = {
    "PATH": "/usr/sbin:/usr/bin:/sbin:/bin",
    "HOME": "/root",
    "LANG": "C.UTF-8",
    "DEBIAN_FRONTEND": "noninteractive",
    "QT_QPA_PLATFORM": "offscreen",
}

pytestmark = pytest.mark.installer


def _mirror() -> str:
    """The Debian mirror this machine's apt uses (the deb822 or one-line sources)."""
    candidates = [Path("/etc/apt/sources.list"), *sorted(Path("/etc/apt/sources.list.d").glob("*"))]
    for path in candidates:
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        for stanza in re.split(r"\n\s*\n", text):
            uris = re.search(r"^URIs:\s*(\S+)", stanza, re.M)
            suites = re.search(r"^Suites:\s*(.+)$", stanza, re.M)
            if uris and suites and SUITE in suites.group(1).split() and "security" not in uris.group(1):
                return uris.group(1)
        for line in text.splitlines():
            m = re.match(rf"^deb\s+(?:\[[^]]*\]\s+)?(\S+)\s+{SUITE}\s", line)
            if m:
                return m.group(1)
    return "http://deb.debian.org/debian"


def _run(cmd: list[str], **kw: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, capture_output=True, text=True, check=False, **kw)  # type: ignore[call-overload, no-any-return]


def _ok(cmd: list[str], **kw: object) -> str:
    done = _run(cmd, **kw)
    assert done.returncode == 0, f"{cmd} -> {done.returncode}\n{done.stdout}\n{done.stderr}"
    return done.stdout


def _base_tarball() -> Path:
    """A minbase root of SUITE as a tarball, made once and kept in the cache."""
    tarball = CACHE / "minbase.tar"
    if tarball.is_file():
        return tarball
    CACHE.mkdir(parents=True, exist_ok=True)
    build = CACHE / "minbase.tmp"
    shutil.rmtree(build, ignore_errors=True)
    _ok(["debootstrap", "--variant=minbase", SUITE, str(build), _mirror()])
    _ok(["tar", "-C", str(build), "-cf", str(tarball) + ".tmp", "."])
    os.replace(str(tarball) + ".tmp", tarball)
    shutil.rmtree(build, ignore_errors=True)
    return tarball


@dataclass
class Chroot:
    root: Path
    deb: Path  # on the host
    build_seconds: float

    def run(self, script: str) -> subprocess.CompletedProcess[str]:
        return _run(["chroot", str(self.root), "/bin/sh", "-c", script], env=CHROOT_ENV)

    def ok(self, script: str) -> str:
        done = self.run(script)
        assert done.returncode == 0, f"{script} -> {done.returncode}\n{done.stdout}\n{done.stderr}"
        return done.stdout + done.stderr

    def installed(self) -> bool:
        status = self.run("dpkg-query -W -f='${Status}' counter-app").stdout
        return status == "install ok installed"

    def install(self, extra: str = "") -> subprocess.CompletedProcess[str]:
        return self.run(f"apt-get install -y -q {extra} /tmp/counter-app.deb")

    def ensure_installed(self) -> None:
        if not self.installed():
            done = self.install()
            assert done.returncode == 0, done.stdout + done.stderr

    def preseed(self, **answers: str) -> None:
        lines = "".join(
            f"counter-app counter-app/{key} {'password' if key == 'enrollment_code' else 'string'} {value}\n"
            for key, value in answers.items()
        )
        done = _run(["chroot", str(self.root), "debconf-set-selections"], input=lines, env=CHROOT_ENV)
        assert done.returncode == 0, done.stderr


@pytest.fixture(scope="session")
def chroot(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Chroot]:
    import time

    for tool in ("debootstrap", "chroot", "dpkg-deb", "objdump", "lintian"):
        assert shutil.which(tool), f"{tool} is needed (Debian package: see installer/README.md)"
    assert os.geteuid() == 0, "the .deb test installs into a chroot: run it as root"
    work = tmp_path_factory.mktemp("deb")
    started = time.monotonic()
    prebuilt = os.environ.get("COUNTER_APP_DEB")
    build = None
    if not prebuilt:
        # the build runs while the root is prepared
        env = {**os.environ, "OUT": str(work / "out"), "TMPDIR": str(work)}
        build = subprocess.Popen(
            ["bash", str(LINUX / "build-deb.sh"), VERSION],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
    root = work / "root"
    root.mkdir()
    _ok(["tar", "-C", str(root), "-xf", str(_base_tarball())])
    archives = CACHE / "archives"
    (archives / "partial").mkdir(parents=True, exist_ok=True)
    mounts = [root / "proc", root / "var/cache/apt/archives"]
    _ok(["mount", "-t", "proc", "proc", str(mounts[0])])
    try:
        _ok(["mount", "--bind", str(archives), str(mounts[1])])
        shutil.copyfile("/etc/resolv.conf", root / "etc/resolv.conf")
        (root / "etc/apt/sources.list").write_text(f"deb {_mirror()} {SUITE} main\n", encoding="utf-8")
        if build is not None:
            stdout, stderr = build.communicate()
            assert build.returncode == 0, f"build-deb.sh failed:\n{stdout}\n{stderr}"
            deb = Path(stdout.strip().splitlines()[-1])
        else:
            deb = Path(prebuilt)  # type: ignore[arg-type]
        build_seconds = time.monotonic() - started
        shutil.copyfile(deb, root / "tmp/counter-app.deb")
        box = Chroot(root, deb, build_seconds)
        box.ok("apt-get update -q")
        yield box
    finally:
        if build is not None and build.poll() is None:
            build.kill()
            build.wait()
        for mount in reversed(mounts):
            _run(["umount", "--lazy", str(mount)])
        if not any(m.is_mount() for m in mounts):
            shutil.rmtree(root, ignore_errors=True)


def test_lintian_reports_nothing_unexplained(chroot: Chroot) -> None:
    """Every tag lintian still finds is overridden with its reason (installer/linux/lintian-overrides)."""
    done = _run(["lintian", "--no-tag-display-limit", str(chroot.deb)])
    unexplained = [line for line in done.stdout.splitlines() if re.match(r"^[EW]: ", line)]
    assert not unexplained, "\n".join(unexplained)


def test_the_package_has_the_uos_layout(chroot: Chroot) -> None:
    listing = _ok(["dpkg-deb", "-c", str(chroot.deb)])
    for path in (
        f".{APP_DIR}/info",
        f".{APP_DIR}/entries/applications/{APPID}.desktop",
        f".{APP_DIR}/entries/icons/hicolor/scalable/apps/{APPID}.svg",
        f".{APP_DIR}/entries/icons/hicolor/48x48/apps/{APPID}.png",
        f".{APP_DIR}/entries/icons/hicolor/256x256/apps/{APPID}.png",
        f".{APP_DIR}/files/counter-app",
        "./usr/bin/counter-app -> /opt/apps/org.counterapp.client/files/counter-app",
    ):
        assert path in listing, path
    control = _ok(["dpkg-deb", "-f", str(chroot.deb)])
    assert f"Version: {VERSION}" in control
    assert "fonts-noto-cjk | fonts-wqy-microhei | fonts-wqy-zenhei" in control
    assert "libxcb-cursor0" in control


def test_installed_entries_describe_the_application(chroot: Chroot) -> None:
    import configparser
    import json

    chroot.ensure_installed()
    app = chroot.root / APP_DIR.lstrip("/")
    info = json.loads((app / "info").read_text(encoding="utf-8"))
    assert info["appid"] == APPID and info["version"] == VERSION and info["arch"] == ["amd64"]
    assert isinstance(info["permissions"], dict)
    desktop = configparser.ConfigParser(interpolation=None)
    desktop.optionxform = str  # type: ignore[assignment, method-assign]
    desktop.read(app / f"entries/applications/{APPID}.desktop", encoding="utf-8")
    entry = desktop["Desktop Entry"]
    assert entry["Name"] == "政务服务窗口" and entry["Name[en]"] == "Counter client"
    assert entry["Exec"] == f"{APP_DIR}/files/counter-app" and entry["Terminal"] == "false"
    assert entry["Icon"] == APPID
    png = app / f"entries/icons/hicolor/256x256/apps/{APPID}.png"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    link = os.readlink(chroot.root / f"usr/share/applications/{APPID}.desktop")
    assert link == f"{APP_DIR}/entries/applications/{APPID}.desktop"


def test_installed_program_runs_diagnose_and_print_test(chroot: Chroot) -> None:
    chroot.ensure_installed()
    from counter_app import __version__

    report = chroot.ok("counter-app --data-dir /tmp/diag diagnose")
    assert f"counter-app {__version__}" in report
    assert re.search(r"notice font: .*wqy-microhei\.ttc \(found\)", report), report
    assert re.search(r"Qt / PySide6: 6\.\d+", report), report
    assert re.search(r"system CJK fonts: [1-9]", report), report  # the Depends brought one
    out = chroot.ok("rm -rf /tmp/pt && counter-app --data-dir /tmp/diag print-test --out /tmp/pt")
    assert "all 9 samples saved" in out
    pdfs = sorted((chroot.root / "tmp/pt").glob("*.pdf"))
    assert len(pdfs) == 9
    text = "".join(
        page.extract_text() or "" for page in PdfReader(chroot.root / "tmp/pt/acceptance-a4.pdf").pages
    )
    assert "受理通知书" in re.sub(r"\s+", "", text)


def test_every_bundled_library_resolves_on_the_target(chroot: Chroot) -> None:
    """The libraries the bundle leaves to the system all come with the package's Depends."""
    chroot.ensure_installed()
    # the bootloader puts _internal/ on LD_LIBRARY_PATH for the program: ldd is given the same
    out = chroot.ok(
        f"export LD_LIBRARY_PATH={APP_DIR}/files/_internal; find {APP_DIR}/files -type f \\( -name '*.so*' -o -name counter-app \\) "
        '-exec sh -c \'ldd "$1" 2>/dev/null | grep "not found" | sed "s|^|$1: |"\' _ {} \\;'
    )
    missing = [line for line in out.splitlines() if "not found" in line]
    # plugins for what a hall PC does not have may miss their library: none are expected today
    assert not missing, "\n".join(missing)


def test_preseeded_install_writes_the_system_settings(chroot: Chroot) -> None:
    chroot.run("apt-get purge -y -q counter-app")
    chroot.preseed(
        server_url="https://hall.example:8750", window_code="B07", hall_code="330102", device_code="W12"
    )
    done = chroot.install()
    assert done.returncode == 0, done.stdout + done.stderr
    settings = (chroot.root / "etc/counter-app/settings.ini").read_text(encoding="utf-8")
    assert "[counter]" in settings
    for line in ("server_url = https://hall.example:8750", "window_code = B07", "hall_code = 330102"):
        assert line in settings, settings
    assert "ca_bundle" not in settings  # not answered: not written
    report = chroot.ok("counter-app --data-dir /tmp/diag diagnose")
    assert "server_url = 'https://hall.example:8750'  [system]" in report, report
    assert "window_code = 'B07'  [system]" in report
    assert "device_code = 'W12'  [system]" in report

    # a re-install without new answers keeps the values (debconf keeps them; nothing is emptied)
    done = chroot.install("--reinstall")
    assert done.returncode == 0, done.stdout + done.stderr
    assert (chroot.root / "etc/counter-app/settings.ini").read_text(encoding="utf-8") == settings


def test_a_bad_preseeded_value_fails_configure_and_writes_nothing(chroot: Chroot) -> None:
    chroot.ensure_installed()
    settings = chroot.root / "etc/counter-app/settings.ini"
    before = settings.read_text(encoding="utf-8") if settings.exists() else None
    chroot.preseed(server_url="hall-server-without-scheme")
    done = chroot.install("--reinstall")
    assert done.returncode != 0
    said = done.stdout + done.stderr
    assert "counter-app preseed: refused, nothing written" in said, said
    assert "Write the hall server's address like https://hall-server:8750." in said
    assert "dpkg --configure counter-app" in said
    assert (settings.read_text(encoding="utf-8") if settings.exists() else None) == before
    # corrected, the configure step finishes
    chroot.preseed(server_url="https://hall.example:8750")
    chroot.ok("dpkg --configure counter-app")
    assert chroot.installed()


def test_remove_keeps_settings_and_data_and_purge_removes_only_settings(chroot: Chroot) -> None:
    chroot.ensure_installed()
    chroot.ok(
        "mkdir -p /etc/counter-app && test -f /etc/counter-app/settings.ini || "
        "counter-app preseed window_code=C01"
    )
    # a user's data folder with a real database (the catalogue import opens and migrates it)
    chroot.ok(
        f"counter-app catalogue import {APP_DIR}/files/_internal/resources/catalogue/demo_catalogue.json"
    )
    data = chroot.root / "root/.local/share/counter-app"
    assert (data / "counter.sqlite").is_file()

    chroot.ok("apt-get remove -y -q counter-app")
    assert not (chroot.root / APP_DIR.lstrip("/")).exists()
    assert not (chroot.root / "usr/bin/counter-app").is_symlink()
    assert (chroot.root / "etc/counter-app/settings.ini").is_file()
    assert (data / "counter.sqlite").is_file()

    said = chroot.ok("apt-get purge -y -q counter-app")
    assert not (chroot.root / "etc/counter-app").exists()
    assert (data / "counter.sqlite").is_file()
    assert "data folder" in said and "kept" in said
    assert "counter-app/" not in chroot.run("debconf-show counter-app").stdout


def test_build_figures_are_reported(chroot: Chroot) -> None:
    """Not a check: the figures installer/README.md quotes, printed with ``pytest -s``."""
    size = chroot.deb.stat().st_size
    installed = _ok(["dpkg-deb", "-f", str(chroot.deb), "Installed-Size"]).strip()
    sys.stdout.write(
        f"\n.deb: {size / 2**20:.1f} MiB, Installed-Size {int(installed) / 1024:.0f} MiB, "
        f"build (and root prepared meanwhile) {chroot.build_seconds:.0f} s\n"
    )
