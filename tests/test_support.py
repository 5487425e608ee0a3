"""IT's support: the log rotates in the data folder, ``diagnose --bundle`` zips what IT needs
(the report, logs, settings with secrets masked) and never the cases."""

from __future__ import annotations

import logging
import zipfile
from pathlib import Path

from counter_app.logs import BACKUPS, MAX_BYTES, start_logging, stop_logging
from counter_app.settings.preseed import preseed
from tests.test_cli import run


def test_the_log_rotates_and_keeps_five_files(tmp_path: Path) -> None:
    path = start_logging(tmp_path)
    try:
        line = "x" * 200
        for n in range(int(MAX_BYTES * (BACKUPS + 2) / 250)):
            logging.getLogger("counter_app.test").info("%d %s", n, line)
    finally:
        stop_logging()
    files = sorted(p.name for p in path.parent.iterdir())
    assert files == ["counter-app.log", *[f"counter-app.log.{n}" for n in range(1, BACKUPS + 1)]]
    assert all(p.stat().st_size <= MAX_BYTES for p in path.parent.iterdir())
    assert "started (gui)" not in path.read_text(encoding="utf-8")  # the oldest lines went first


def test_the_bundle_holds_the_report_logs_and_masked_settings(system_file: Path, tmp_path: Path) -> None:
    preseed({"server_url": "https://hall.example:8750", "enrollment_code": "ABCD-EFGH-JKMN"})
    data = tmp_path / "data"
    exported = run(
        "--data-dir",
        str(data),
        "catalogue",
        "export",
        str(tmp_path / "c.json"),
        system_settings=system_file,
        home=tmp_path,
    )
    assert exported.returncode == 0, exported.stderr  # opened the data folder: the log has begun
    bundle = tmp_path / "out" / "support.zip"
    done = run(
        "--data-dir",
        str(data),
        "diagnose",
        "--bundle",
        str(bundle),
        system_settings=system_file,
        home=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    with zipfile.ZipFile(bundle) as z:
        names = set(z.namelist())
        assert {"diagnose.txt", "settings/system.ini", "sync-log.txt", "logs/counter-app.log"} <= names
        assert not any(n.endswith((".sqlite", ".db")) for n in names)  # citizens' cases stay on the PC
        system = z.read("settings/system.ini").decode("utf-8")
        assert "server_url = https://hall.example:8750" in system
        assert "ABCD" not in system and "enrollment_code = ***" in system
        assert "started (catalogue)" in z.read("logs/counter-app.log").decode("utf-8")
        report = z.read("diagnose.txt").decode("utf-8")
        assert "counter-app" in report and "enrollment_code = '***' (set)  [system]" in report
    assert "ABCD" not in done.stdout and "ABCD" not in report  # a secret is never shown
    assert not bundle.with_name("support.zip.part").exists()
