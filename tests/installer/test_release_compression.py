"""A release's .deb is compressed with xz; the suite's own build (gzip -1, 4 s instead of about 65)
differs from it in that alone. Checked in a second on a one-program bundle (``BUNDLE=``), so the
package tests may build the fast way without leaving the release's way untested."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.installer.debroot import LINUX, ok, run


def _build(tmp_path: Path, name: str, **env: str) -> Path:
    bundle = tmp_path / "bundle"
    if not bundle.exists():
        bundle.mkdir()
        shutil.copy2("/bin/true", bundle / "counter-app")
    out = tmp_path / name
    unset = {"DEB_COMPRESSION", "DEB_SIGN_KEY", "DEB_SIGN_CMD"}  # as a release is built, unsigned here
    base = {k: v for k, v in os.environ.items() if k not in unset}
    stdout = ok(
        ["bash", str(LINUX / "build-deb.sh"), "9.9.9"],
        env={**base, "BUNDLE": str(bundle), "OUT": str(out), "SOURCE_DATE_EPOCH": "1700000000", **env},
    )
    return Path(stdout.strip().splitlines()[-1])


def _members(deb: Path) -> list[list[str]]:
    """Each file's mode, owner, size and name (not its time: the two builds' folders are made apart)."""
    return [line.split()[:3] + line.split()[5:] for line in ok(["dpkg-deb", "-c", str(deb)]).splitlines()]


def _contents(deb: Path, into: Path) -> dict[str, bytes]:
    """Every file of the package, the control members (``DEBIAN/``: control, scripts, templates)
    among them, by path, with its bytes; a link as its target."""
    ok(["dpkg-deb", "-R", str(deb), str(into)])
    return {
        str(path.relative_to(into)): (
            str(path.readlink()).encode() if path.is_symlink() else path.read_bytes()
        )
        for path in sorted(into.rglob("*"))
        if path.is_symlink() or path.is_file()
    }


@pytest.mark.skipif(not shutil.which("dpkg-deb"), reason="dpkg-deb is needed (Debian's dpkg)")
def test_a_release_is_xz_and_the_suites_gzip_build_holds_the_same_package(tmp_path: Path) -> None:
    release = _build(tmp_path, "release")
    fast = _build(tmp_path, "fast", DEB_COMPRESSION="gzip")

    assert ok(["ar", "t", str(release)]).split() == ["debian-binary", "control.tar.xz", "data.tar.xz"]
    assert ok(["ar", "t", str(fast)]).split() == ["debian-binary", "control.tar.gz", "data.tar.gz"]
    assert _members(fast) == _members(release)
    assert _contents(fast, tmp_path / "fast-tree") == _contents(release, tmp_path / "release-tree")
    assert ok(["dpkg-deb", "-I", str(fast), "control"]) == ok(["dpkg-deb", "-I", str(release), "control"])

    refused = run(
        ["bash", str(LINUX / "build-deb.sh"), "9.9.9"],
        env={
            **os.environ,
            "BUNDLE": str(tmp_path / "bundle"),
            "OUT": str(tmp_path / "no"),
            "DEB_COMPRESSION": "zip",
        },
    )
    assert refused.returncode == 2 and "DEB_COMPRESSION is xz or gzip, not zip" in refused.stderr
    assert not (tmp_path / "no").exists()
