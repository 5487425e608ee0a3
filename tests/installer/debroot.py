"""A clean Debian root for the .deb tests: made with debootstrap once, cached, entered with chroot.

Needs root (chroot, mount), debootstrap and the Debian mirror of /etc/apt/sources.list(.d). To save
CI time the minbase root and apt's downloaded packages are kept in
``/var/cache/counter-app-test/<suite>/`` (``<suite>-arm64/`` for arm64; ``COUNTER_APP_TEST_CACHE``
moves it); without them the
tests make them.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "installer" / "linux"
# the package's architecture: amd64 in the suite; arm64 (Kylin V10 on Phytium/Kunpeng) in the
# release check, under qemu-user-static (installer/README.md, "UOS 20 and Kylin V10")
ARCH = os.environ.get("COUNTER_APP_ARCH", "amd64")
# the glibc floor each package is built for (installer/linux/build-deb-compat.sh)
FLOOR = {"amd64": "2.28", "arm64": "2.31"}[ARCH]
OLD_SUITE = "bullseye"  # the oldest suite the mirror serves: glibc 2.31, as Kylin V10
NEW_SUITE = "trixie"  # the newest Debian release
# the suite the package is tested on most: bookworm for amd64; for arm64 the one like Kylin V10
SUITE = "bookworm" if ARCH == "amd64" else OLD_SUITE
APPID = "org.counterapp.client"
APP_DIR = f"/opt/apps/{APPID}"
CACHE_ROOT = Path(os.environ.get("COUNTER_APP_TEST_CACHE", "/var/cache/counter-app-test"))
CHROOT_ENV = {
    "PATH": "/usr/sbin:/usr/bin:/sbin:/bin",
    "HOME": "/root",
    "LANG": "C.UTF-8",
    "DEBIAN_FRONTEND": "noninteractive",
    "QT_QPA_PLATFORM": "offscreen",
}


def mirror(suite: str = SUITE) -> str:
    """The Debian mirror this machine's apt uses (the deb822 or one-line sources): the one listing
    ``suite`` if any, else the first one that is not the security archive."""
    found: list[tuple[str, list[str]]] = []
    candidates = [Path("/etc/apt/sources.list"), *sorted(Path("/etc/apt/sources.list.d").glob("*"))]
    for path in candidates:
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        for stanza in re.split(r"\n\s*\n", text):
            uris = re.search(r"^URIs:\s*(\S+)", stanza, re.M)
            suites = re.search(r"^Suites:\s*(.+)$", stanza, re.M)
            if uris and suites:
                found.append((uris.group(1), suites.group(1).split()))
        for line in text.splitlines():
            m = re.match(r"^deb\s+(?:\[[^]]*\]\s+)?(\S+)\s+(\S+)\s", line)
            if m:
                found.append((m.group(1), [m.group(2)]))
    plain = [(uri, suites) for uri, suites in found if "security" not in uri]
    for uri, suites in plain:
        if suite in suites:
            return uri
    return plain[0][0] if plain else "http://deb.debian.org/debian"


def run(cmd: list[str], **kw: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, capture_output=True, text=True, check=False, **kw)  # type: ignore[call-overload, no-any-return]


def ok(cmd: list[str], **kw: object) -> str:
    done = run(cmd, **kw)
    assert done.returncode == 0, f"{cmd} -> {done.returncode}\n{done.stdout}\n{done.stderr}"
    return done.stdout


def suite_cache(suite: str) -> Path:
    """Where a suite's root and packages are kept: per suite, and per architecture but amd64's."""
    return CACHE_ROOT / (suite if ARCH == "amd64" else f"{suite}-{ARCH}")


def ensure_emulation() -> None:
    """An arm64 root on an x86-64 machine runs through qemu-user-static, registered with
    binfmt_misc as build-deb-compat.sh does it (installer/linux/qemu-binfmt.sh)."""
    if ARCH == "arm64":
        ok([str(LINUX / "qemu-binfmt.sh")])


def base_tarball(suite: str = SUITE) -> Path:
    """A minbase root of ``suite`` as a tarball, made once and kept in the cache."""
    cache = suite_cache(suite)
    tarball = cache / "minbase.tar"
    ensure_emulation()
    if tarball.is_file():
        return tarball
    cache.mkdir(parents=True, exist_ok=True)
    build = cache / "minbase.tmp"
    shutil.rmtree(build, ignore_errors=True)
    ok(["debootstrap", f"--arch={ARCH}", "--variant=minbase", suite, str(build), mirror(suite)])
    ok(["tar", "-C", str(build), "-cf", str(tarball) + ".tmp", "."])
    os.replace(str(tarball) + ".tmp", tarball)
    shutil.rmtree(build, ignore_errors=True)
    return tarball


@contextmanager
def clean_root(root: Path, suite: str = SUITE) -> Iterator[Path]:
    """A fresh minbase root of ``suite`` at ``root``, with /proc, apt's archives cache (kept per
    suite) and the mirror; apt's lists are fetched. Unmounted and removed afterwards."""
    root.mkdir(parents=True)
    ok(["tar", "-C", str(root), "-xf", str(base_tarball(suite))])
    archives = suite_cache(suite) / "archives"
    (archives / "partial").mkdir(parents=True, exist_ok=True)
    mounts = [root / "proc", root / "var/cache/apt/archives"]
    ok(["mount", "-t", "proc", "proc", str(mounts[0])])
    try:
        ok(["mount", "--bind", str(archives), str(mounts[1])])
        shutil.copyfile("/etc/resolv.conf", root / "etc/resolv.conf")
        (root / "etc/apt/sources.list").write_text(f"deb {mirror(suite)} {suite} main\n", encoding="utf-8")
        ok(["chroot", str(root), "apt-get", "update", "-q"], env=CHROOT_ENV)
        yield root
    finally:
        for mount in reversed(mounts):
            run(["umount", "--lazy", str(mount)])
        if not any(m.is_mount() for m in mounts):
            shutil.rmtree(root, ignore_errors=True)


@dataclass
class Chroot:
    root: Path
    deb: Path  # on the host; in the root as /tmp/counter-app.deb
    version: str
    build_seconds: float
    env: dict[str, str] = field(default_factory=dict)  # added to CHROOT_ENV

    def run(self, script: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        return run(
            ["chroot", str(self.root), "/bin/sh", "-c", script], env={**CHROOT_ENV, **self.env}, input=stdin
        )

    def ok(self, script: str, stdin: str | None = None) -> str:
        done = self.run(script, stdin)
        assert done.returncode == 0, f"{script} -> {done.returncode}\n{done.stdout}\n{done.stderr}"
        return done.stdout + done.stderr

    def installed(self) -> str | None:
        """The installed package's version, if it is installed."""
        done = self.run("dpkg-query -W -f='${Status} ${Version}' counter-app")
        status, _, version = done.stdout.rpartition(" ")
        return version if status == "install ok installed" else None

    def install(self, extra: str = "", deb: str = "/tmp/counter-app.deb") -> subprocess.CompletedProcess[str]:
        return self.run(f"apt-get install -y -q {extra} {deb}")

    def ensure_installed(self) -> None:
        """The package under test, installed (another test may have left an older one or none)."""
        if self.installed() != self.version:
            done = self.install("--allow-downgrades")
            assert done.returncode == 0, done.stdout + done.stderr

    def preseed(self, **answers: str) -> None:
        lines = "".join(
            f"counter-app counter-app/{key} {'password' if key == 'enrollment_code' else 'string'} {value}\n"
            for key, value in answers.items()
        )
        done = run(["chroot", str(self.root), "debconf-set-selections"], input=lines, env=CHROOT_ENV)
        assert done.returncode == 0, done.stderr

    @contextmanager
    def session_bus(self) -> Iterator[None]:
        """This test run's D-Bus session (scripts/with-keyring.sh: gnome-keyring's Secret Service)
        reachable from the root, as the desktop session's is on a hall PC: its socket is bound in."""
        address = os.environ.get("DBUS_SESSION_BUS_ADDRESS", "")
        found = re.match(r"unix:path=([^,]+)", address)
        assert found, f"a D-Bus session with a keyring is needed (scripts/with-keyring.sh), not {address!r}"
        inside = self.root / found.group(1).lstrip("/")
        inside.parent.mkdir(parents=True, exist_ok=True)
        inside.touch()
        ok(["mount", "--bind", found.group(1), str(inside)])
        self.env["DBUS_SESSION_BUS_ADDRESS"] = address
        try:
            yield
        finally:
            del self.env["DBUS_SESSION_BUS_ADDRESS"]
            run(["umount", str(inside)])
            inside.unlink(missing_ok=True)
