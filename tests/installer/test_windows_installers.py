"""The Windows installers, built here from a staged stand-in of the bundle.

The real bundle (``dist\\counter-app`` from ``installer\\windows\\build-bundle.ps1``) is a PyInstaller
build that can only be made on Windows. These tests build the NSIS setup.exe and the MSI from a
*staged layout* with the same tree shape (``counter-app.exe``, ``counter-app-cli.exe``,
``_internal\\`` with resources, migrations and the hall server's data) whose executables are small
placeholder files: that is the honest stand-in on Linux. They check what the installers contain and
declare (files, uninstall entry, settings keys, upgrade code, signatures); they do not show that the
bundle runs or that an install on Windows works: ``.github/workflows/windows-installer.yml`` does.

Tools (Debian packages): makensis (nsis), 7z (p7zip-full), wixl and wixl-heat (wixl), msiinfo,
msibuild and msiextract (msitools), osslsigncode, openssl. A missing tool fails the test.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
WIN = ROOT / "installer" / "windows"
NSI = WIN / "counter-app.nsi"
VERSION = "0.2.0"
UPGRADE_CODE = "{5E0B5C2A-7D43-4C8E-9B61-2F3A0D4C7E19}"
UNINSTALL_KEY = r"HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall\CounterApp"
SETTINGS_KEYS = {
    "SERVERURL": "server_url",
    "WINDOWCODE": "window_code",
    "HALLCODE": "hall_code",
    "DEVICECODE": "device_code",
    "CABUNDLE": "ca_bundle",
    "ENROLLMENTCODE": "enrollment_code",
}
# the bundle's shape (PyInstaller 6 one-folder: the program's files under _internal\)
STAGED = {
    "counter-app.exe": b"MZ placeholder for the windowed counter-app.exe\n",
    "counter-app-cli.exe": b"MZ placeholder for the console counter-app-cli.exe\n",
    "_internal/python311.dll": b"MZ placeholder python311.dll\n",
    "_internal/resources/fonts/wqy-microhei.ttc": b"font placeholder\n",
    "_internal/resources/i18n/counter_app_zh_CN.qm": b"qm placeholder\n",
    "_internal/resources/catalogue/demo_catalogue.json": b"{}\n",
    "_internal/hall_server/queue/demo_layout.json": b"{}\n",
    "_internal/hall_server/web/kiosk.html": b"<!doctype html>\n",
    "_internal/counter_app/store/migrations/env.py": b"# env\n",
    "_internal/counter_app/store/migrations/versions/0001_initial_schema.py": b"# 0001\n",
    "_internal/hall_server/migrations/env.py": b"# hall env\n",
    "_internal/hall_server/migrations/versions/0001_initial_schema.py": b"# hall 0001\n",
}
TOOLS = {
    "makensis": "nsis",
    "7z": "p7zip-full",
    "wixl": "wixl",
    "wixl-heat": "wixl",
    "msiinfo": "msitools",
    "msibuild": "msitools",
    "msiextract": "msitools",
    "osslsigncode": "osslsigncode",
    "openssl": "openssl",
}


def need(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.fail(f"{tool} not found: install the Debian package {TOOLS[tool]} (scripts/setup.sh dev)")
    return path


def run(cmd: list[str], env: dict[str, str] | None = None, cwd: Path | None = None) -> str:
    result = subprocess.run(cmd, capture_output=True, text=True, check=False, env=env, cwd=cwd)
    assert result.returncode == 0, f"{cmd} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}"
    return result.stdout + result.stderr


def clean_env() -> dict[str, str]:
    """The environment without any signing certificate configured."""
    return {k: v for k, v in os.environ.items() if not k.startswith("COUNTER_APP_SIGN_")}


def makensis(stage: Path, out: Path, *defines: str, env: dict[str, str] | None = None) -> str:
    cmd = [need("makensis"), "-V4", "-WX", f"-DVERSION={VERSION}", f"-DSTAGE={stage}", f"-DOUTFILE={out}"]
    return run([*cmd, *(f"-D{d}" for d in defines), str(NSI)], env=env or clean_env())


def load_build_msi():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("build_msi", WIN / "build_msi.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def msi_table(msi: Path, table: str) -> list[list[str]]:
    """The rows of one table (``msiinfo export``: three header lines, then tab-separated rows)."""
    text = run([need("msiinfo"), "export", str(msi), table])
    return [line.split("\t") for line in text.splitlines()[3:] if line]


def signature_ok(path: Path, ca: Path) -> bool:
    result = subprocess.run(
        [need("osslsigncode"), "verify", "-CAfile", str(ca), "-in", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    return result.returncode == 0 and "Signature verification: ok" in result.stdout


@pytest.fixture(scope="module")
def stage(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("stage") / "counter-app"
    for rel, data in STAGED.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return root


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A throwaway self-signed code-signing certificate and its key (PEM)."""
    folder = tmp_path_factory.mktemp("cert")
    cert, key = folder / "cert.pem", folder / "key.pem"
    run(
        [
            need("openssl"),
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=CounterApp test signing",
            "-addext",
            "extendedKeyUsage=codeSigning",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ]
    )
    return cert, key


def test_setup_exe_compiles_with_the_bundle_and_the_uninstall_entry(stage: Path, tmp_path: Path) -> None:
    out = tmp_path / f"counter-app-{VERSION}-setup.exe"
    log = makensis(stage, out)
    assert out.is_file()
    assert out.read_bytes()[:2] == b"MZ"  # a PE file
    listing = run([need("7z"), "l", str(out)])
    assert "NSIS-3 Unicode" in listing
    names = {
        line.split()[-1] for line in listing.splitlines() if line.startswith(("2", " ")) and line.split()
    }
    assert set(STAGED) <= names, set(STAGED) - names  # every staged file, at its place in the tree
    assert "uninstall.exe" in names
    # what the compiled script does (makensis -V4 logs every instruction it compiles)
    assert 'InstallDir: "$PROGRAMFILES64\\CounterApp"' in log
    assert b'level="requireAdministrator"' in out.read_bytes()  # the manifest: RequestExecutionLevel admin
    assert 'LangString: "ShortcutName" 2052 "政务服务窗口受理"' in log  # Simplified Chinese pages
    assert 'LangString: "ShortcutName" 1033 "Counter"' in log  # and English
    assert 'WriteUninstaller: "$INSTDIR\\uninstall.exe"' in log
    for value in (
        f"DisplayVersion={VERSION}",
        "DisplayName=",
        "Publisher=",
        "InstallLocation=$INSTDIR",
        'UninstallString="$INSTDIR\\uninstall.exe"',
        'QuietUninstallString="$INSTDIR\\uninstall.exe" /S',
    ):
        assert f"WriteRegStr: {UNINSTALL_KEY}\\{value}" in log, value
    for value in ("NoModify=1", "NoRepair=1", "EstimatedSize="):
        assert f"WriteRegDWORD: {UNINSTALL_KEY}\\{value}" in log, value
    assert "preseed --check $Pairs" in log  # IT's values checked by the installed program first
    assert 'preseed --file "$APPDATA\\CounterApp\\settings.ini" $Pairs' in log
    # the data folder: %ProgramData%\CounterApp\data unless IT gave one or the file has one
    assert "ReadINIStr $0 [counter]:data_dir from $APPDATA\\CounterApp\\settings.ini" in log
    assert 'StrCpy $Pairs "$Pairs "data_dir=$DataDir""' in log
    # /PURGE: the data folder goes only when the program says everything in it reached the server,
    # checked before the program's files are deleted
    check = log.index('check-synced "$DataDir"')
    assert log.index('StrCpy $2 "$DataDir" (1) (-1)') < check  # trailing backslashes dropped first
    assert 'StrCpy $2 "$1" (7) ()' in log[check : log.index('RMDir: /r "$DataDir"')]  # the verdict read
    script = NSI.read_text(encoding="utf-8")  # the compile log does not show what is compared
    assert '${AndIf} $2 == "synced$\\t"' in script  # only "synced" removes, never "absent" or "keep"
    assert "${AndIf} $Fresh == 1" in script  # the default data folder on a first install only
    assert log.index('RMDir: /r "$DataDir"') < log.rindex(
        'RMDir: /r "$INSTDIR\\_internal"'
    )  # the uninstaller's
    assert 'RMDir: /r "$APPDATA\\CounterApp"' not in log  # never the whole folder, kept data and all
    assert 'LangString: "MsgDataKept" 2052 "数据文件夹中还有未同步到大厅服务器的记录' in log
    assert "CreateShortcut:" in log
    assert "finalize" not in log.lower()  # no SIGN_CMD: no signing hook


def test_setup_exe_needs_a_version(stage: Path, tmp_path: Path) -> None:
    result = subprocess.run(
        [need("makensis"), f"-DSTAGE={stage}", f"-DOUTFILE={tmp_path / 'x-setup.exe'}", str(NSI)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "/DVERSION=x.y.z" in result.stdout + result.stderr


def test_msi_declares_settings_upgrade_and_files(stage: Path, tmp_path: Path) -> None:
    for tool in ("wixl", "wixl-heat", "msibuild", "msiinfo", "msiextract"):
        need(tool)
    msi = load_build_msi().build(stage, VERSION, tmp_path / f"counter-app-{VERSION}.msi")
    assert msi.read_bytes()[:8] == bytes.fromhex("d0cf11e0a1b11ae1")  # an OLE compound file
    tables = set(run([need("msiinfo"), "tables", str(msi)]).split())
    assert {"Property", "IniFile", "Upgrade", "File", "Component", "Shortcut"} <= tables

    props = dict(row[:2] for row in msi_table(msi, "Property"))
    assert props["ProductVersion"] == VERSION
    assert props["UpgradeCode"] == UPGRADE_CODE
    assert props["ALLUSERS"] == "1"  # per-machine
    secure = props["SecureCustomProperties"].split(";")
    assert set(SETTINGS_KEYS) <= set(secure)  # IT's properties reach the elevated install

    upgrade = msi_table(msi, "Upgrade")
    assert upgrade and all(row[0] == UPGRADE_CODE for row in upgrade)
    assert {"WIX_UPGRADE_DETECTED", "WIX_DOWNGRADE_DETECTED"} <= {row[-1] for row in upgrade}
    sequence = {row[0]: int(row[2]) for row in msi_table(msi, "InstallExecuteSequence")}
    assert "RemoveExistingProducts" in sequence  # MajorUpgrade: the older product is removed
    assert sequence["WriteIniValues"] > sequence["InstallFiles"]
    assert "RemoveIniValues" in sequence

    ini = {row[0]: row for row in msi_table(msi, "IniFile")}
    components = {row[0]: row for row in msi_table(msi, "Component")}
    directories = {row[0]: row for row in msi_table(msi, "Directory")}
    assert directories["DATADIR"][1:] == ["CommonAppDataFolder", "CounterApp"]  # %ProgramData%\CounterApp
    data_dir = ini.pop("IniDataDir")  # always: data_dir = %ProgramData%\CounterApp\data\, if missing
    assert data_dir[1:] == [
        "settings.ini",
        "DATADIR",
        "counter",
        "data_dir",
        "[DATAFOLDER]",
        "1",
        "IniDataDir",
    ]
    assert directories["DATAFOLDER"][1:] == ["DATADIR", "data"]
    for always in ("IniDataDir", "DataFolder"):
        assert int(components[always][3]) & 16  # kept at uninstall
    assert components["DataFolder"][4] == ""
    assert components["IniDataDir"][4] == "NOT WIX_UPGRADE_DETECTED"  # an upgrade keeps the clerks' folders
    locks = msi_table(msi, "MsiLockPermissionsEx")
    assert [row[1:4] for row in locks] == [
        ["DATAFOLDER", "CreateFolder", "D:(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)(A;OICI;0x1301bf;;;BU)"]
    ]  # every account of the PC may write the data folder (BU: modify)
    assert len(ini) == len(SETTINGS_KEYS)
    for _ini_id, file_name, dir_prop, section, key, value, action, component in ini.values():
        prop = value.strip("[]")
        assert SETTINGS_KEYS[prop] == key
        assert (file_name, dir_prop, section, action) == ("settings.ini", "DATADIR", "counter", "0")
        attributes, condition = int(components[component][3]), components[component][4]
        assert condition == prop  # written only when the property is given
        assert attributes & 16  # Permanent: uninstall keeps the settings

    files = {row[2] for row in msi_table(msi, "File")}
    assert {Path(rel).name for rel in STAGED} == files
    extracted = set(run([need("msiextract"), "-l", str(msi)]).split())
    assert {f"CounterApp/{rel}" for rel in STAGED} == extracted
    shortcuts = msi_table(msi, "Shortcut")
    assert {row[1] for row in shortcuts} == {"ProgramMenuDir", "DesktopFolder"}
    assert all(row[4] == "[INSTALLDIR]counter-app.exe" for row in shortcuts)


def test_signing_hook_signs_setup_uninstaller_and_msi_when_a_certificate_is_configured(
    stage: Path, tmp_path: Path, certificate: tuple[Path, Path]
) -> None:
    cert, key = certificate
    env = {
        **clean_env(),
        "COUNTER_APP_SIGN_CERT": str(cert),
        "COUNTER_APP_SIGN_KEY": str(key),
        "COUNTER_APP_SIGN_TOOL": "osslsigncode",
    }
    out = tmp_path / f"counter-app-{VERSION}-setup.exe"
    sign_cmd = f'"{sys.executable}" "{WIN / "sign.py"}"'
    log = makensis(stage, out, f"SIGN_CMD={sign_cmd}", env=env)
    signed = [line for line in log.splitlines() if line.startswith("sign.py: signed ")]
    assert len(signed) == 2, log  # the uninstaller (before it is packed), then setup.exe
    assert signed[-1].endswith(str(out))
    assert signature_ok(out, cert)

    msi = tmp_path / f"counter-app-{VERSION}.msi"
    result = subprocess.run(
        [
            sys.executable,
            str(WIN / "build_msi.py"),
            "--stage",
            str(stage),
            "--version",
            VERSION,
            "--out",
            str(msi),
            "--sign",
        ],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    assert signature_ok(msi, cert)


def test_signing_hook_does_nothing_without_a_certificate(
    stage: Path, tmp_path: Path, certificate: tuple[Path, Path]
) -> None:
    cert, _key = certificate
    out = tmp_path / f"counter-app-{VERSION}-setup.exe"
    sign_cmd = f'"{sys.executable}" "{WIN / "sign.py"}"'
    log = makensis(stage, out, f"SIGN_CMD={sign_cmd}")  # the hook is there, no certificate
    assert "sign.py: no certificate configured" in log
    assert "sign.py: signed" not in log
    assert out.read_bytes()[:2] == b"MZ"
    assert not signature_ok(out, cert)
    unsigned = tmp_path / "plain-setup.exe"
    makensis(stage, unsigned)  # no SIGN_CMD at all
    assert not signature_ok(unsigned, cert)
