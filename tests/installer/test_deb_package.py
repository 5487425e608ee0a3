"""The Linux .deb, built from this checkout and installed into clean Debian roots.

A session fixture builds the package once as a release is built (``build-deb-compat.sh``: in a
bullseye root, PyInstaller, then ``build-deb.sh``) while it prepares a ``debootstrap
--variant=minbase`` bookworm root; the package is installed there with apt, which brings its Depends
from the Debian mirror, and the installed program is run inside the chroot: nothing from the
checkout or the venv is visible to it. One test installs the same package on bullseye, the oldest
suite it is built for.

Needs dpkg-deb, lintian and objdump besides what ``debroot`` needs (root, debootstrap, the Debian
mirror). ``COUNTER_APP_DEB=FILE`` tests an already built .deb instead of building one.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from counter_app.domain.records import NoticeKind
from tests.installer.conftest import VERSION
from tests.installer.debroot import (
    APP_DIR,
    APPID,
    ARCH,
    FLOOR,
    LINUX,
    NEW_SUITE,
    OLD_SUITE,
    SUITE,
    Chroot,
    clean_root,
    ok,
    run,
)

pytestmark = pytest.mark.installer  # one worker runs them all, first: tests/scheduling.py


def test_lintian_reports_nothing_unexplained(chroot: Chroot) -> None:
    """Every tag lintian still finds is overridden with its reason (installer/linux/lintian-overrides)."""
    done = run(["lintian", "--no-tag-display-limit", str(chroot.deb)])
    unexplained = [line for line in done.stdout.splitlines() if re.match(r"^[EW]: ", line)]
    assert not unexplained, "\n".join(unexplained)


def test_the_package_has_the_uos_layout(chroot: Chroot) -> None:
    listing = ok(["dpkg-deb", "-c", str(chroot.deb)])
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
    control = ok(["dpkg-deb", "-f", str(chroot.deb)])
    assert f"Version: {VERSION}" in control
    assert "fonts-noto-cjk | fonts-wqy-microhei | fonts-wqy-zenhei" in control
    assert "libxcb-cursor0" in control


def test_the_package_needs_no_newer_glibc_than_its_floor(chroot: Chroot, tmp_path: Path) -> None:
    """Every ELF file in the package asks for glibc 2.28 at most on amd64 (UOS 20), 2.31 on arm64
    (Kylin V10), and the Depends says so."""
    ok(["dpkg-deb", "-x", str(chroot.deb), str(tmp_path)])
    files = str(tmp_path / APP_DIR.lstrip("/"))
    done = run([sys.executable, str(LINUX / "glibc_floor.py"), files, "--max", FLOOR])
    assert done.returncode == 0, done.stdout + done.stderr
    measured = re.match(r"glibc floor: ([\d.]+) \((\d+) ELF files\)", done.stdout)
    assert measured and int(measured.group(2)) > 100, done.stdout  # the whole bundle was read
    sys.stdout.write(f"\n{done.stdout.strip()}\n")  # a figure of the release log (pytest -s)
    assert f"libc6 (>= {measured.group(1)})" in ok(["dpkg-deb", "-f", str(chroot.deb), "Depends"])
    assert ok(["dpkg-deb", "-f", str(chroot.deb), "Architecture"]).strip() == ARCH


def test_installed_entries_describe_the_application(chroot: Chroot) -> None:
    import configparser
    import json

    chroot.ensure_installed()
    app = chroot.root / APP_DIR.lstrip("/")
    info = json.loads((app / "info").read_text(encoding="utf-8"))
    assert info["appid"] == APPID and info["version"] == VERSION and info["arch"] == [ARCH]
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
    assert f"all {SAMPLES} samples saved" in out
    pdfs = sorted((chroot.root / "tmp/pt").glob("*.pdf"))
    assert len(pdfs) == SAMPLES
    text = "".join(
        page.extract_text() or "" for page in PdfReader(chroot.root / "tmp/pt/acceptance-a4.pdf").pages
    )
    assert "受理通知书" in re.sub(r"\s+", "", text)


def test_installed_window_opens_to_a_usable_intake_tab(chroot: Chroot) -> None:
    """The window itself, offscreen, as a clerk starts it (the demo hall without a server):
    ``gui --check`` finds the intake tab in front, taking typing, its search finding an item."""
    chroot.ensure_installed()
    out = chroot.ok(
        "rm -rf /tmp/window && counter-app --data-dir /tmp/window --demo --no-server "
        "gui --check --screenshot /tmp/window.png"
    )
    usable = re.search(r"window check: intake tab usable after \d+ ms: [1-9]\d* service items", out)
    assert usable, out
    sys.stdout.write(f"\n{usable.group(0)}\n")  # a figure of the release log (pytest -s)
    assert (chroot.root / "tmp/window.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


SAMPLES = len(NoticeKind) + 1  # print-test: every kind of notice, and the acceptance notice on a roll
LDD_ALL = (
    f"export LD_LIBRARY_PATH={APP_DIR}/files/_internal; find {APP_DIR}/files -type f \\( -name '*.so*' -o -name counter-app \\) "
    '-exec sh -c \'ldd "$1" 2>/dev/null | grep "not found" | sed "s|^|$1: |"\' _ {} \\;'
)


@pytest.mark.parametrize(
    ("suite", "glibc"),
    # not the suite the other tests run in again (arm64's is bullseye)
    [(s, g) for s, g in ((OLD_SUITE, "2.31"), (NEW_SUITE, "2.41")) if s != SUITE],
)
def test_the_package_runs_on_the_oldest_and_newest_suites(
    chroot: Chroot, tmp_path: Path, suite: str, glibc: str
) -> None:
    """Debian 11 (glibc 2.31, as Kylin V10 and Ubuntu 20.04), the oldest suite the mirror serves, and
    Debian 13 (the t64-renamed libraries): installed with apt, it starts, prints and finds every
    library there too."""
    from counter_app import __version__

    with clean_root(tmp_path / suite, suite) as root:
        shutil.copyfile(chroot.deb, root / "tmp/counter-app.deb")
        old = Chroot(root, chroot.deb, chroot.version, 0.0)
        done = old.install()
        assert done.returncode == 0, done.stdout + done.stderr
        libc = old.ok("dpkg-query -W -f='${Version}' libc6")
        assert libc.startswith(glibc), libc
        report = old.ok("counter-app --data-dir /tmp/diag diagnose")
        assert f"counter-app {__version__}" in report and "system CJK fonts: " in report, report
        out = old.ok("counter-app --data-dir /tmp/diag print-test --out /tmp/pt")
        assert f"all {SAMPLES} samples saved" in out
        text = "".join(page.extract_text() or "" for page in PdfReader(root / "tmp/pt/refusal-a4.pdf").pages)
        assert "不予受理" in re.sub(r"\s+", "", text)
        missing = [line for line in old.ok(LDD_ALL).splitlines() if "not found" in line]
        assert not missing, "\n".join(missing)


def test_every_bundled_library_resolves_on_the_target(chroot: Chroot) -> None:
    """The libraries the bundle leaves to the system all come with the package's Depends."""
    chroot.ensure_installed()
    # the bootloader puts _internal/ on LD_LIBRARY_PATH for the program: ldd is given the same
    out = chroot.ok(LDD_ALL)
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
    assert chroot.installed() == chroot.version


def test_remove_keeps_the_data_and_purge_removes_only_what_reached_the_server(chroot: Chroot) -> None:
    chroot.ensure_installed()
    chroot.ok(
        "mkdir -p /etc/counter-app && test -f /etc/counter-app/settings.ini || "
        "counter-app preseed window_code=C01"
    )
    # root's data folder with a real database but nothing to sync (the catalogue import opens it)
    chroot.ok(
        f"counter-app catalogue import {APP_DIR}/files/_internal/resources/catalogue/demo_catalogue.json"
    )
    data = chroot.root / "root/.local/share/counter-app"
    assert (data / "counter.sqlite").is_file()
    # a clerk's account whose data folder holds cases never synced (the program's own intake)
    clerk = "/home/clerk2/.local/share/counter-app"
    chroot.ok("userdel -r clerk2 2>/dev/null; useradd -m -u 1001 clerk2")
    chroot.ok(f"runuser -u clerk2 -- counter-app --demo --data-dir {clerk} catalogue export /tmp/clerk2.json")
    clerk_db = chroot.root / clerk.lstrip("/") / "counter.sqlite"
    assert clerk_db.is_file()

    record = chroot.root / "var/lib/counter-app/purge-check"
    chroot.ok("apt-get remove -y -q counter-app")
    assert record.is_file()  # prerm's verdicts, for a purge now or later
    chroot.ensure_installed()  # back again: those verdicts are stale, and go
    assert not record.exists()
    chroot.ok("apt-get remove -y -q counter-app")
    assert not (chroot.root / APP_DIR.lstrip("/")).exists()
    assert not (chroot.root / "usr/bin/counter-app").is_symlink()
    assert (chroot.root / "etc/counter-app/settings.ini").is_file()
    assert (data / "counter.sqlite").is_file() and clerk_db.is_file()
    verdicts = {line.split("\t")[1]: line.split("\t")[0] for line in record.read_text().splitlines()}
    demo = "/root/.local/share/counter-app-demo"
    assert verdicts[demo] == "absent"
    # a folder that turns up after the check (a disk mounted again, a restored copy) is not vouched for
    (chroot.root / demo.lstrip("/")).mkdir(parents=True)
    (chroot.root / demo.lstrip("/") / "counter.sqlite").write_bytes(b"cases nobody checked")

    said = re.sub(r"\s+", " ", chroot.ok("apt-get purge -y -q counter-app"))
    assert not (chroot.root / "etc/counter-app").exists()
    assert "counter-app/" not in chroot.run("debconf-show counter-app").stdout
    assert not data.exists()
    assert "removed the data folder /root/.local/share/counter-app (0 cases, every operation applied" in said
    assert clerk_db.is_file()  # five cases the hall server never saw
    assert re.search(
        rf"kept the data folder {clerk}: operations not applied by the hall server: \d+ pending", said
    )
    assert (chroot.root / demo.lstrip("/") / "counter.sqlite").is_file()
    assert f"kept {demo}: it was not there when the program was removed" in said
    assert not (chroot.root / "var/lib/counter-app").exists()
    chroot.ok(f"userdel -r clerk2; rm -rf {demo}")


def _ar(deb: Path, *members: str) -> bytes:
    return subprocess.run(["ar", "p", str(deb), *members], capture_output=True, check=True).stdout


def test_the_signing_hook_signs_the_package_with_a_gpg_key(chroot: Chroot, tmp_path: Path) -> None:
    gnupg = tmp_path / "gnupg"
    gnupg.mkdir(mode=0o700)
    env = {**os.environ, "GNUPGHOME": str(gnupg)}
    ok(
        ["gpg", "--batch", "--pinentry-mode", "loopback", "--passphrase", "", "--quick-gen-key",
         "Counter app test <test@example.org>", "ed25519", "sign", "1d"],
        env=env,
    )  # fmt: skip
    listing = ok(["gpg", "--with-colons", "--list-secret-keys"], env=env)
    found = re.search(r"^fpr:+([0-9A-F]+):", listing, re.M)
    assert found, listing
    deb = tmp_path / "counter-app.deb"
    shutil.copyfile(chroot.deb, deb)
    sign = str(LINUX / "sign-deb.sh")

    done = run([sign, str(deb)], env=env)  # nothing configured: nothing signed, and said
    assert done.returncode == 0 and "is not signed" in done.stderr
    assert deb.read_bytes() == chroot.deb.read_bytes()

    done = run([sign, str(deb)], env={**env, "DEB_SIGN_KEY": found.group(1)})
    assert done.returncode == 0, done.stderr
    members = ok(["ar", "t", str(deb)]).split()
    assert members == [*ok(["ar", "t", str(chroot.deb)]).split(), "_gpgorigin"], members
    assert len(members) == 4 and members[0] == "debian-binary", members
    # the origin signature covers the package's own members, in their order (debsigs' rule)
    (tmp_path / "signed").write_bytes(_ar(deb, *members[:3]))
    (tmp_path / "signature").write_bytes(_ar(deb, "_gpgorigin"))
    verified = run(["gpg", "--verify", str(tmp_path / "signature"), str(tmp_path / "signed")], env=env)
    assert verified.returncode == 0 and "Good signature" in verified.stderr, verified.stderr
    (tmp_path / "signed").write_bytes(_ar(deb, *members[:2]) + b"tampered")
    tampered = run(["gpg", "--verify", str(tmp_path / "signature"), str(tmp_path / "signed")], env=env)
    assert tampered.returncode != 0 and "BAD signature" in tampered.stderr
    assert "Package: counter-app" in ok(["dpkg-deb", "-I", str(deb)])  # dpkg reads it as before

    # configured but failing: a key the keyring does not hold fails the build, the package as it was
    before = deb.read_bytes()
    done = run([sign, str(deb)], env={**env, "DEB_SIGN_KEY": "nobody@example.org"})
    assert done.returncode != 0 and "no secret key nobody@example.org" in done.stderr, done.stderr
    assert deb.read_bytes() == before


# Ubuntu 20.04's lists (Kylin V10 is built on it): the release command gives them (installer/README.md)
DEPENDS_LISTS = os.environ.get("COUNTER_APP_DEPENDS_LISTS", "").split()


@pytest.mark.skipif(
    not DEPENDS_LISTS, reason="COUNTER_APP_DEPENDS_LISTS (package lists to check the Depends in) not set"
)
def test_the_depends_are_met_by_the_target_systems_package_lists(chroot: Chroot) -> None:
    """Every entry of the Depends has a package of that name and version in the lists given."""
    done = run([sys.executable, str(LINUX / "depends_in.py"), str(chroot.deb), *DEPENDS_LISTS])
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 of the Depends not met" in done.stdout
    sys.stdout.write(f"\n{done.stdout.strip().splitlines()[-1]}\n")  # a figure of the release log


def test_build_figures_are_reported(chroot: Chroot) -> None:
    """Not a check: the figures installer/README.md quotes, printed with ``pytest -s``."""
    size = chroot.deb.stat().st_size
    installed = ok(["dpkg-deb", "-f", str(chroot.deb), "Installed-Size"]).strip()
    sys.stdout.write(
        f"\n.deb: {size / 2**20:.1f} MiB, Installed-Size {int(installed) / 1024:.0f} MiB, "
        f"build (and root prepared meanwhile) {chroot.build_seconds:.0f} s\n"
    )
