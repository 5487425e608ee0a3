"""``counter-app preseed``: IT's values checked, then merged into the system-wide file, or refused
with every reason and nothing written; the program reads them before the user's own."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from counter_app.settings import Source, load_settings
from counter_app.settings.preseed import PreseedError, preseed
from tests.sync.test_transport import write_pki
from tests.test_cli import run


def test_values_are_merged_and_read_before_the_users(system_file: Path, tmp_path: Path) -> None:
    ca, _cert, _key = write_pki(tmp_path)  # a real CA certificate: ca_bundle must be a usable PEM
    preseed({"server_url": "https://hall.example:8750", "window_code": "B02", "ca_bundle": str(ca)})
    preseed({"device_code": "W17", "enrollment_code": "abcd-efgh-jkmn"})  # a second run keeps the first
    data = tmp_path / "data"
    data.mkdir()
    (data / "settings.ini").write_text("[counter]\nwindow_code = A01\n", encoding="utf-8")
    settings = load_settings(data)
    assert settings["server_url"] == "https://hall.example:8750" and settings["ca_bundle"] == str(ca)
    assert settings["window_code"] == "B02" and settings.sources["window_code"] is Source.SYSTEM
    assert settings.ignored_user == {"window_code": "A01"}
    assert settings["device_code"] == "W17" and settings["enrollment_code"] == "ABCD-EFGH-JKMN"
    assert system_file.read_text(encoding="utf-8").startswith("# Hall settings for this PC")


def test_bad_values_are_all_named_and_nothing_is_written(system_file: Path) -> None:
    preseed({"window_code": "A01"})
    before = system_file.read_bytes()
    with pytest.raises(PreseedError) as refused:
        preseed(
            {
                "server_url": "hall.example:8750",
                "device_code": "toolong-device",
                "ca_bundle": "/no/such/ca.pem",
                "enrollment_code": "1234",
                "printer_a4": "HP",  # a clerk's own setting
                "colour": "blue",
            }
        )
    text = str(refused.value)
    for key in ("server_url", "device_code", "ca_bundle", "enrollment_code", "printer_a4", "colour"):
        assert key in text
    assert system_file.read_bytes() == before


def test_the_command_refuses_with_exit_2_and_checks_without_writing(
    system_file: Path, tmp_path: Path
) -> None:
    target = tmp_path / "etc" / "counter-app" / "settings.ini"
    bad = run(
        "preseed", "--file", str(target), "server_url=ftp://x", system_settings=system_file, home=tmp_path
    )
    assert bad.returncode == 2 and "server_url" in bad.stderr and "nothing written" in bad.stderr
    assert not target.exists()
    checked = run(
        "preseed",
        "--check",
        "--file",
        str(target),
        "window_code=C01",
        system_settings=system_file,
        home=tmp_path,
    )
    assert checked.returncode == 0 and not target.exists()
    done = run(
        "preseed",
        "--file",
        str(target),
        "window_code=C01",
        "data_dir=/srv/counter",
        system_settings=system_file,
        home=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert "window_code = C01" in target.read_text(encoding="utf-8")
    assert "data_dir = /srv/counter" in target.read_text(encoding="utf-8")
    relative = run(
        "preseed", "--file", str(target), "data_dir=counter", system_settings=system_file, home=tmp_path
    )
    assert relative.returncode == 2 and "absolute" in relative.stderr


def test_an_unreadable_file_is_set_aside_and_replaced(system_file: Path) -> None:
    """A broken file stops every window; preseeding repairs it and keeps the old one for IT."""
    system_file.write_text("server_url = https://no-section-header\n", encoding="utf-8")
    preseed({"window_code": "C02"})
    assert "window_code = C02" in system_file.read_text(encoding="utf-8")
    kept = system_file.with_name("settings.ini.unreadable")
    assert kept.read_text(encoding="utf-8") == "server_url = https://no-section-header\n"


def test_a_secret_comes_through_standard_input(system_file: Path, tmp_path: Path) -> None:
    """The .deb's postinst pipes the answers: an enrolment code never shows in the process list."""
    target = tmp_path / "settings.ini"
    done = subprocess.run(
        [sys.executable, "-m", "counter_app", "preseed", "--file", str(target), "--stdin", "window_code=C03"],
        input="enrollment_code=ABCD-EFGH-JKMN\nserver_url=https://hall.example:8750\n",
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "COUNTER_APP_SYSTEM_SETTINGS": str(system_file)},
    )
    assert done.returncode == 0, done.stderr
    written = target.read_text(encoding="utf-8")
    assert "enrollment_code = ABCD-EFGH-JKMN" in written and "window_code = C03" in written
    assert "server_url = https://hall.example:8750" in written
