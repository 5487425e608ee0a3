"""Build the MSI (Group Policy / SCCM) from the one-folder bundle, with wixl, wixl-heat and msibuild.

    python installer/windows/build_msi.py --stage dist/counter-app --version 0.2.0 \
        --out dist/counter-app-0.2.0.msi [--sign]

Tools (msitools): Debian ``apt-get install wixl msitools``; Windows: MSYS2
``pacman -S mingw-w64-ucrt-x86_64-msitools`` (put its bin folder on PATH).

1. wixl-heat lists every file of the bundle but counter-app.exe (declared with its shortcuts in
   counter-app.wxs) as component group "Bundle";
2. wixl compiles counter-app.wxs with that list (x64, per-machine, MajorUpgrade);
3. msibuild adds what wixl 0.101 has no element for: the IniFile table (IniFile.idt), each Ini*
   component's Condition (its property is set) and Permanent bit, SecureCustomProperties,
   WriteIniValues/RemoveIniValues in InstallExecuteSequence, and the data folder's ACL (every
   account may write it: MsiLockPermissionsEx.idt, Windows Installer 5);
4. --sign runs the signing hook (sign.py: nothing unless a certificate is configured).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
MAIN_EXE = "counter-app.exe"
# component -> the property whose value it writes (IniFile.idt has the section and key)
INI_COMPONENTS = {
    "IniServerUrl": "SERVERURL",
    "IniWindowCode": "WINDOWCODE",
    "IniHallCode": "HALLCODE",
    "IniDeviceCode": "DEVICECODE",
    "IniCaBundle": "CABUNDLE",
    "IniEnrollmentCode": "ENROLLMENTCODE",
}
# kept at uninstall: the data_dir key (written only when missing, on a first install) and the folder
ALWAYS_KEPT = ("IniDataDir", "DataFolder")
PERMANENT, WIN64 = 16, 256  # msidbComponentAttributesPermanent, msidbComponentAttributes64bit


class BuildError(RuntimeError):
    pass


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BuildError(f"{name} not found: install msitools (Debian: apt-get install wixl msitools)")
    return path


def _run(cmd: list[str], cwd: Path | None = None, stdin: str | None = None) -> str:
    result = subprocess.run(cmd, cwd=cwd, input=stdin, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BuildError(f"{' '.join(cmd)} failed ({result.returncode}):\n{result.stdout}{result.stderr}")
    return result.stdout


def build(stage: Path, version: str, out: Path, sign: bool = False) -> Path:
    stage, out = stage.resolve(), out.resolve()
    if not (stage / MAIN_EXE).is_file():
        raise BuildError(f"{stage / MAIN_EXE} missing: build the bundle first (build-bundle.ps1)")
    heat, wixl, msibuild = _tool("wixl-heat"), _tool("wixl"), _tool("msibuild")
    files = sorted(
        p.relative_to(stage).as_posix() for p in stage.rglob("*") if p.is_file() and p != stage / MAIN_EXE
    )
    with tempfile.TemporaryDirectory(prefix="counter-msi-") as tmp:
        work = Path(tmp)
        bundle_wxs = work / "bundle.wxs"
        bundle_wxs.write_text(
            _run(
                [
                    heat,
                    "-p",
                    "",
                    "--directory-ref",
                    "INSTALLDIR",
                    "--component-group",
                    "Bundle",
                    "--var",
                    "var.Stage",
                    "--win64",
                ],
                stdin="\n".join(files) + "\n",
            ),
            encoding="utf-8",
        )
        msi = work / "counter-app.msi"
        # wixl wants relative Source paths: run it in the bundle folder with Stage = "."
        _run(
            [
                wixl,
                "-a",
                "x64",
                "-D",
                "Stage=.",
                "-D",
                f"Version={version}",
                "-D",
                "Win64=yes",
                "-o",
                str(msi),
                str(HERE / "counter-app.wxs"),
                str(bundle_wxs),
            ],
            cwd=stage,
        )
        secure = ";".join(["WIX_DOWNGRADE_DETECTED", "WIX_UPGRADE_DETECTED", *INI_COMPONENTS.values()])
        queries = [f"UPDATE `Property` SET `Value` = '{secure}' WHERE `Property` = 'SecureCustomProperties'"]
        for component, prop in INI_COMPONENTS.items():
            queries.append(
                f"UPDATE `Component` SET `Condition` = '{prop}', `Attributes` = {PERMANENT + WIN64} "
                f"WHERE `Component` = '{component}'"
            )
        for component in ALWAYS_KEPT:
            queries.append(
                f"UPDATE `Component` SET `Attributes` = {PERMANENT + WIN64} WHERE `Component` = '{component}'"
            )
        # the default data_dir on a first install only: an upgrade of an install without one keeps
        # each clerk's own folder (with its unsynced work) in use
        queries.append(
            "UPDATE `Component` SET `Condition` = 'NOT WIX_UPGRADE_DETECTED' WHERE `Component` = 'IniDataDir'"
        )
        queries += [
            "INSERT INTO `InstallExecuteSequence` (`Action`, `Sequence`) VALUES ('RemoveIniValues', 3100)",
            "INSERT INTO `InstallExecuteSequence` (`Action`, `Sequence`) VALUES ('WriteIniValues', 5100)",
        ]
        for table in ("IniFile", "MsiLockPermissionsEx"):
            shutil.copy(HERE / f"{table}.idt", work / f"{table}.idt")
            _run([msibuild, str(msi), "-i", f"{table}.idt"], cwd=work)
        for query in queries:
            _run([msibuild, str(msi), "-q", query], cwd=work)
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(msi, out)
    if sign:
        sys.path.insert(0, str(HERE))
        from sign import sign as sign_file

        sign_file(out)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stage", required=True, type=Path, help="the bundle folder (dist/counter-app)")
    parser.add_argument("--version", required=True, help="x.y.z")
    parser.add_argument("--out", required=True, type=Path, help="the .msi to write")
    parser.add_argument("--sign", action="store_true", help="run the signing hook (sign.py) on the MSI")
    args = parser.parse_args(argv)
    try:
        out = build(args.stage, args.version, args.out, args.sign)
    except BuildError as exc:
        print(f"build_msi.py: {exc}", file=sys.stderr)
        return 1
    print(f"built {out} ({os.path.getsize(out)} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
