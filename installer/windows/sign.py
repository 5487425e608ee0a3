"""The signing hook: signs one file (exe, setup.exe, uninstaller, MSI) in place, or does nothing.

    python installer/windows/sign.py FILE

Nothing is signed, and the exit status is 0, unless a certificate is configured:

    COUNTER_APP_SIGN_CERT      the certificate: a .pfx/.p12 (with COUNTER_APP_SIGN_PASSWORD when
                               it has one), or a PEM certificate with COUNTER_APP_SIGN_KEY (PEM key)
    COUNTER_APP_SIGN_KEY       the PEM private key (only with a PEM certificate)
    COUNTER_APP_SIGN_PASSWORD  the .pfx password (optional)
    COUNTER_APP_SIGN_TIMESTAMP an RFC 3161 timestamp server URL (optional; recommended for releases)
    COUNTER_APP_SIGN_TOOL      "signtool" or "osslsigncode" (default: signtool on Windows,
                               osslsigncode elsewhere)

makensis calls it through ``!finalize`` / ``!uninstfinalize`` (``/DSIGN_CMD=...``, see
counter-app.nsi), build_msi.py and build-bundle.ps1 call it directly. A configured certificate that
fails to sign is an error (exit 1): a release is never shipped unsigned by accident.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path


def _command(path: Path, out: Path) -> list[str] | None:
    cert = os.environ.get("COUNTER_APP_SIGN_CERT", "").strip()
    if not cert:
        return None
    key = os.environ.get("COUNTER_APP_SIGN_KEY", "").strip()
    password = os.environ.get("COUNTER_APP_SIGN_PASSWORD", "")
    stamp = os.environ.get("COUNTER_APP_SIGN_TIMESTAMP", "").strip()
    tool = os.environ.get("COUNTER_APP_SIGN_TOOL") or (
        "signtool" if sys.platform == "win32" else "osslsigncode"
    )
    name = "CounterApp"
    if tool == "signtool":
        cmd = ["signtool", "sign", "/fd", "SHA256", "/d", name, "/f", cert]
        if password:
            cmd += ["/p", password]
        if stamp:
            cmd += ["/tr", stamp, "/td", "SHA256"]
        return [*cmd, str(path)]  # signtool signs in place
    cmd = ["osslsigncode", "sign", "-h", "sha256", "-n", name]
    if cert.lower().endswith((".pfx", ".p12")):
        cmd += ["-pkcs12", cert]
        if password:
            cmd += ["-pass", password]
    else:
        if not key:
            raise SystemExit("sign.py: COUNTER_APP_SIGN_KEY is needed with a PEM certificate")
        cmd += ["-certs", cert, "-key", key]
    if stamp:
        cmd += ["-ts", stamp]
    return [*cmd, "-in", str(path), "-out", str(out)]


def sign(path: Path) -> bool:
    """True when *path* was signed, False when no certificate is configured."""
    out = path.with_name(path.name + ".signed")
    cmd = _command(path, out)
    if cmd is None:
        print(f"sign.py: no certificate configured (COUNTER_APP_SIGN_CERT), not signed: {path}")
        return False
    if shutil.which(cmd[0]) is None:
        raise SystemExit(
            f"sign.py: {cmd[0]} not found (Debian: apt-get install osslsigncode; Windows SDK: signtool)"
        )
    result = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        out.unlink(missing_ok=True)
        raise SystemExit(f"sign.py: signing {path} failed:\n{result.stdout}{result.stderr}")
    if out.exists():
        os.replace(out, path)
    print(f"sign.py: signed {path}")
    return True


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    sign(Path(argv[0]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
