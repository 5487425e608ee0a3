"""The .deb under test, built once per session, and the clean Debian root it is installed into."""

from __future__ import annotations

import fcntl
import hashlib
import inspect
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.installer.debroot import ARCH, CACHE_ROOT, LINUX, Chroot, clean_root, ensure_emulation, ok

VERSION = "0.2.0"


@pytest.fixture(scope="session")
def chroot(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Chroot]:
    for tool in ("debootstrap", "chroot", "dpkg-deb", "objdump", "lintian"):
        assert shutil.which(tool), f"{tool} is needed (Debian package: see installer/README.md)"
    assert os.geteuid() == 0, "the .deb test installs into a chroot: run it as root"
    work = tmp_path_factory.mktemp("deb")
    started = time.monotonic()
    prebuilt = os.environ.get("COUNTER_APP_DEB")
    build = None
    ensure_emulation()  # before the build, which would otherwise register it at the same time
    if not prebuilt:
        # the build, in a bullseye root as for a release, runs while the test's root is prepared
        # gzip -1: the same files, 4 s to compress instead of about 65 s (xz, every release; the
        # previous release below is xz, and test_release_compression checks the release recipe)
        env = {
            **os.environ,
            "OUT": str(work / "out"),
            "TMPDIR": str(work),
            "DEB_ARCH": ARCH,
            "DEB_COMPRESSION": "gzip",
        }
        build = subprocess.Popen(
            ["bash", str(LINUX / "build-deb-compat.sh"), VERSION],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
    try:
        with clean_root(work / "root") as root:
            if build is not None:
                stdout, stderr = build.communicate()
                assert build.returncode == 0, f"the package build failed:\n{stdout}\n{stderr}"
                deb = Path(stdout.strip().splitlines()[-1])
                members = ok(["ar", "t", str(deb)]).split()
                assert members[1:3] == ["control.tar.gz", "data.tar.gz"], f"not the gzip build: {members}"
            else:
                deb = Path(prebuilt)  # type: ignore[arg-type]
            build_seconds = time.monotonic() - started
            shutil.copyfile(deb, root / "tmp/counter-app.deb")
            yield Chroot(root, deb, VERSION, build_seconds)
    finally:
        if build is not None and build.poll() is None:
            build.terminate()  # its mounts live in its own namespace and end with it
            build.wait()


PREVIOUS_VERSION = "0.1.0"
# the last commit before this release's first client migration (0006, a case's lifecycle)
PREVIOUS_COMMIT = "28859fb1449283dcc915f0a376d41b76e183922a"
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def previous_deb(chroot: Chroot) -> Path:
    """The release before this one, which the upgrade test installs first; in the root as
    /tmp/counter-app-previous.deb.

    No release has been published yet, so it is built, as a release is (xz), from this repository's
    last commit before this release's first schema change (``PREVIOUS_COMMIT``): a real older
    program, which creates and knows only the schema before this release's and writes its own demo
    cases. Like a published release it never changes, so it is built once and kept with the test
    roots (``previous_release``). Once a release is published, ``COUNTER_APP_PREVIOUS_DEB=FILE``
    runs the same tests from it (its version must be lower).
    """
    given = os.environ.get("COUNTER_APP_PREVIOUS_DEB")
    deb = Path(given) if given else previous_release()
    shutil.copyfile(deb, chroot.root / "tmp/counter-app-previous.deb")
    return deb


def previous_release() -> Path:
    """The previous release's .deb from the cache, built there first if it is not (a few minutes).

    Its name carries the commit and, for arm64, the hash of this release's recipe it is built with
    (``_todays_recipe``): a different input is a different file. One run builds at a time (a lock
    in the cache); the package is written under a name of its own, flushed and renamed, so a build
    stopped half-way leaves nothing that looks like a package, and what a stopped run left behind is
    removed by the next."""
    recipe = ""
    if ARCH != "amd64":
        digest = hashlib.sha256(inspect.getsource(_todays_recipe).encode())
        for name in TODAYS_RECIPE:
            digest.update((LINUX / name).read_bytes())
        recipe = "-" + digest.hexdigest()[:12]
    cache = CACHE_ROOT / "previous"
    kept = cache / f"counter-app_{PREVIOUS_VERSION}_{ARCH}-{PREVIOUS_COMMIT[:12]}{recipe}.deb"
    cache.mkdir(parents=True, exist_ok=True)
    with (cache / ".lock").open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # another run building it: wait, then take its package
        if kept.is_file():
            return kept
        for stale in cache.glob("previous.*"):  # a stopped run's work folder
            shutil.rmtree(stale, ignore_errors=True)
        ok(["git", "-C", str(REPO), "worktree", "prune"])
        work = Path(tempfile.mkdtemp(prefix="previous.", dir=cache))
        try:
            built = _build_previous(work)
            partial = work / kept.name
            shutil.copyfile(built, partial)
            with partial.open("rb") as written:
                os.fsync(written.fileno())
            os.replace(partial, kept)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    return kept


def _build_previous(work: Path) -> Path:
    tree = work / "tree"
    ok(["git", "-C", str(REPO), "worktree", "add", "--detach", str(tree), PREVIOUS_COMMIT])
    try:
        env = {**os.environ, "OUT": str(work / "out"), "TMPDIR": str(work), "DEB_ARCH": ARCH}
        for name in ("DEB_COMPRESSION", "DEB_SIGN_KEY", "DEB_SIGN_CMD"):  # as released, unsigned
            env.pop(name, None)
        if ARCH != "amd64":
            _todays_recipe(tree)
        out = ok(["bash", str(tree / "installer/linux/build-deb-compat.sh"), PREVIOUS_VERSION], env=env)
    finally:
        ok(["git", "-C", str(REPO), "worktree", "remove", "--force", str(tree)])
    return Path(out.strip().splitlines()[-1])


TODAYS_RECIPE = (
    "build-deb-compat.sh",
    "build-python.sh",
    "qemu-binfmt.sh",
    "compat-constraints.txt",
    "build-deb.sh",
    "glibc_floor.py",
)


def _todays_recipe(tree: Path) -> None:
    """The older program's build with this release's recipe: that release had no arm64 build (its
    own script builds amd64 only) and asked for PySide6 6.8, which has no arm64 wheels for Kylin's
    glibc; its code runs on 6.7 as this release's does."""
    for name in TODAYS_RECIPE:
        shutil.copy2(LINUX / name, tree / "installer" / "linux" / name)
    pyproject = tree / "pyproject.toml"
    pyproject.write_text(
        pyproject.read_text(encoding="utf-8").replace('"PySide6>=6.8"', '"PySide6>=6.7"'), encoding="utf-8"
    )
