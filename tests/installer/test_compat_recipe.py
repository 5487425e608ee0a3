"""The recipe of the .debs for the domestic systems, checked in seconds (the arm64 build itself is a
release command: installer/README.md, "UOS 20 and Kylin V10").

For each target, pip resolves what the build venv installs (the program's dependencies, the
PySide6 pins, PyInstaller) as wheels for that CPU and glibc floor only, as build-deb-compat.sh's
venv does, from PyPI's metadata: a dependency that drops those wheels, or a pin that no longer
exists, fails here rather than in a two-hour release build. Also Zig, the compiler of the bundle's
CPython, for the build machine.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
LINUX = REPO / "installer" / "linux"
CONSTRAINTS = LINUX / "compat-constraints.txt"
# the package's architecture → (the wheels' CPU, the glibc floor): build-deb-compat.sh's table
TARGETS = {"amd64": ("x86_64", (2, 28)), "arm64": ("aarch64", (2, 31))}
LEGACY = {"manylinux1": (2, 5), "manylinux2010": (2, 12), "manylinux2014": (2, 17)}
WHEEL_PLATFORM = re.compile(r"^(?:manylinux_(\d+)_(\d+)|(manylinux1|manylinux2010|manylinux2014))_(\w+)$")


def _script_value(name: str) -> str:
    found = re.search(rf'^{name}="([^"]+)"', (LINUX / "build-deb-compat.sh").read_text(), re.M)
    assert found, f"{name} is no longer set in build-deb-compat.sh"
    return found.group(1)


def _wheels(tmp_path: Path, platforms: list[str], arguments: list[str]) -> list[str]:
    """The wheel files pip would install for *platforms* (``pip install --dry-run``, PyPI's metadata)."""
    report = tmp_path / "report.json"
    command = [sys.executable, "-m", "pip", "install", "--dry-run", "--ignore-installed", "--quiet"]
    command += ["--only-binary=:all:", "--report", str(report)]
    command += [arg for platform in platforms for arg in ("--platform", platform)]
    done = subprocess.run([*command, *arguments], capture_output=True, text=True, check=False)
    assert done.returncode == 0, f"no wheels for {' '.join(platforms)}:\n{done.stderr[-3000:]}"
    return [
        item["download_info"]["url"].rsplit("/", 1)[1] for item in json.loads(report.read_text())["install"]
    ]


def _resolve(tmp_path: Path, cpu: str, floor: tuple[int, int], requirements: list[str]) -> list[str]:
    """The wheel files pip would install on that CPU and floor, for CPython 3.11."""
    platforms = [f"manylinux_2_{minor}_{cpu}" for minor in range(5, floor[1] + 1)]
    platforms += [f"{legacy}_{cpu}" for legacy in LEGACY]
    python = ["--python-version", "3.11", "--implementation", "cp", "--abi", "cp311", "--abi", "abi3"]
    return _wheels(tmp_path, platforms, [*python, "--abi", "none", *requirements])


def _within(wheel: str, cpu: str, floor: tuple[int, int]) -> bool:
    """A pure wheel, or one with a Linux tag for *cpu* no newer than *floor*."""
    platforms = wheel.removesuffix(".whl").split("-")[-1].split(".")
    if platforms == ["any"]:
        return True
    for platform in platforms:
        m = WHEEL_PLATFORM.match(platform)
        if m and m.group(4) == cpu:
            version = LEGACY[m.group(3)] if m.group(3) else (int(m.group(1)), int(m.group(2)))
            if version <= floor:
                return True
    return False


@pytest.mark.parametrize("arch", sorted(TARGETS))
def test_every_wheel_of_the_build_exists_for_the_target_and_its_floor(tmp_path: Path, arch: str) -> None:
    cpu, floor = TARGETS[arch]
    script = (LINUX / "build-deb-compat.sh").read_text()
    assert f"{arch}) GLIBC={floor[0]}.{floor[1]}; ZIG_TARGET={cpu}-linux-gnu.{floor[0]}.{floor[1]}" in script
    dependencies = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["dependencies"]
    pyinstaller = re.search(r"'(pyinstaller==[\d.]+)'", script)
    assert pyinstaller, "the build venv's PyInstaller pin moved"
    wheels = _resolve(tmp_path, cpu, floor, ["-c", str(CONSTRAINTS), *dependencies, pyinstaller.group(1)])
    outside = [w for w in wheels if not _within(w, cpu, floor)]
    assert outside == [], f"wheels above glibc {floor} or for another CPU: {outside}"
    names = {w.split("-")[0].lower().replace("_", "-"): w.split("-")[1] for w in wheels}
    assert names["pyside6"] == names["pyside6-essentials"] == names["shiboken6"] == "6.7.3"
    # the parts with compiled code that the bundle needs are among them, as wheels for that CPU
    for binary in (
        "pyside6-essentials",
        "cryptography",
        "pydantic-core",
        "psycopg-binary",
        "rl-accel",
        "orjson",
    ):
        assert binary in names, binary


def test_zig_exists_for_the_build_machine(tmp_path: Path) -> None:
    """The compiler build-deb-compat.sh downloads (the same platforms it asks for)."""
    version = _script_value("ZIG_VERSION")
    cpu = "x86_64"
    platforms = [f"manylinux_2_12_{cpu}", f"manylinux_2_17_{cpu}", f"musllinux_1_1_{cpu}"]
    (wheel,) = _wheels(tmp_path, platforms, ["--no-deps", f"ziglang=={version}"])
    assert wheel.startswith(f"ziglang-{version}-") and "x86_64" in wheel


def test_the_build_scripts_parse() -> None:
    for script, shell in (
        ("build-deb-compat.sh", "bash"),
        ("build-deb.sh", "bash"),
        ("build-python.sh", "sh"),
        ("qemu-binfmt.sh", "sh"),
    ):
        done = subprocess.run([shell, "-n", str(LINUX / script)], capture_output=True, text=True, check=False)
        assert done.returncode == 0, f"{script}: {done.stderr}"
