"""depends_in.py, the release step that checks a .deb's Depends against a distribution's package
lists (Ubuntu 20.04's for Kylin V10: installer/README.md): a real .deb built with dpkg-deb, lists
written as an archive serves them (gzip), no network."""

from __future__ import annotations

import gzip
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "installer" / "linux" / "depends_in.py"
LISTS = """Package: libc6
Version: 2.31-0ubuntu9
Description: GNU C Library
 a continuation line: Package: not-a-package

Package: debconf
Version: 1.5.73
Provides: debconf-2.0

Package: fonts-wqy-zenhei
Version: 0.9.45-7

Package: libxcb-cursor0
Version: 0.1.1-4ubuntu1

Package: libssl3t64
Version: 3.0.13-0ubuntu3
Provides: libssl3 (= 3.0.13-0ubuntu3)

Package: python3
Version: 3.8.2-0ubuntu2
Multi-Arch: allowed

Package: zlib1g
Version: 1:1.2.11.dfsg-2ubuntu1
"""


def _deb(folder: Path, depends: str, pre_depends: str = "") -> Path:
    root = folder / "pkg"
    (root / "DEBIAN").mkdir(parents=True)
    (root / "DEBIAN" / "control").write_text(
        "Package: counter-app\nVersion: 0.2.0\nArchitecture: arm64\nMaintainer: Hall IT <it@example.org>\n"
        + (f"Pre-Depends: {pre_depends}\n" if pre_depends else "")
        + f"Depends: {depends}\nDescription: test\n test\n"
    )
    deb = folder / "counter-app.deb"
    subprocess.run(
        ["dpkg-deb", "--build", "--root-owner-group", str(root), str(deb)], check=True, capture_output=True
    )
    return deb


def _check(tmp_path: Path, depends: str, pre_depends: str = "") -> subprocess.CompletedProcess[str]:
    tmp_path.mkdir(exist_ok=True)
    lists = tmp_path / "Packages.gz"
    lists.write_bytes(gzip.compress(LISTS.encode()))
    deb = _deb(tmp_path, depends, pre_depends)
    return subprocess.run([sys.executable, str(SCRIPT), str(deb), str(lists)], capture_output=True, text=True)


def test_depends_met_by_packages_versions_and_provides(tmp_path: Path) -> None:
    done = _check(
        tmp_path,
        "debconf (>= 0.5) | debconf-2.0, libc6 (>= 2.30), libxcb-cursor0, fonts-noto-cjk | fonts-wqy-zenhei",
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "libc6 (>= 2.30)  =>  libc6 2.31-0ubuntu9" in done.stdout
    assert "fonts-noto-cjk | fonts-wqy-zenhei  =>  fonts-wqy-zenhei 0.9.45-7" in done.stdout
    assert "0 of the Depends not met" in done.stdout


def test_a_missing_package_or_a_too_old_version_is_named(tmp_path: Path) -> None:
    done = _check(tmp_path, "libc6 (>= 2.34), libxcb-cursor0, not-a-package, debconf-2.0 (>= 1)")
    assert done.returncode == 1
    assert "not met: libc6 (>= 2.34), not-a-package, debconf-2.0 (>= 1)" in done.stderr
    assert "libxcb-cursor0  =>  libxcb-cursor0 0.1.1-4ubuntu1" in done.stdout


def test_versioned_provides_multi_arch_and_pre_depends(tmp_path: Path) -> None:
    met = _check(tmp_path / "met", "libssl3 (>= 3.0.2), python3:any, libssl3", "zlib1g (>= 1:1.2.0)")
    assert met.returncode == 0, met.stdout + met.stderr
    assert "libssl3 (>= 3.0.2)  =>  libssl3 (provided at 3.0.13-0ubuntu3)" in met.stdout
    assert "zlib1g (>= 1:1.2.0)  =>  zlib1g 1:1.2.11.dfsg-2ubuntu1" in met.stdout  # a Pre-Depends
    unmet = _check(tmp_path / "unmet", "libssl3 (>= 3.1), debconf-2.0 (>= 1), zlib1g:any", "libc6 (>= 2.34)")
    assert unmet.returncode == 1
    assert "not met: libc6 (>= 2.34), libssl3 (>= 3.1), debconf-2.0 (>= 1), zlib1g:any" in unmet.stderr
