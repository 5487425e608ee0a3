"""IT's printer checks against a real CUPS: ``diagnose`` shows each queue's state, ``print-test``
says printed only for samples that came out."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from counter_app.domain.records import NoticeKind
from tests.cups_server import CupsServer
from tests.test_cli import run

SAMPLES = len(NoticeKind) + 1  # print-test: every kind of notice, and the acceptance notice on a roll


def test_diagnose_shows_each_printer_and_what_cups_says(
    cups: CupsServer, tmp_path: Path, system_file: Path
) -> None:
    cups.add_pdf_printer("diag_ready")
    cups.add_pdf_printer("diag_refusing")
    cups.reject("diag_refusing", "Moved to window B05")
    cups.add_pdf_printer("diag_stopped")
    cups.run("cupsdisable", "-r", "Toner cartridge missing", "diag_stopped")
    system_file.write_text("[counter]\nprinter_receipt = diag_gone\n", encoding="utf-8")
    result = run("--data-dir", str(tmp_path / "data"), "diagnose", system_settings=system_file, home=tmp_path)
    out = result.stdout
    assert f"print service: CUPS at {cups.address}" in out
    assert "  diag_ready: idle; accepting jobs" in out
    assert "  diag_refusing: idle; REJECTING jobs" in out and '"Moved to window B05"' in out
    assert "  diag_stopped: STOPPED; accepting jobs; reasons: paused" in out
    assert "Toner cartridge missing" in out
    assert "printer_receipt = 'diag_gone': NOT INSTALLED" in out


def test_diagnose_says_the_print_service_is_down_not_that_no_printer_exists(
    tmp_path: Path, system_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CUPS_SERVER", "127.0.0.1:9")  # nothing listens there
    result = run("--data-dir", str(tmp_path / "data"), "diagnose", system_settings=system_file, home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "print service: NOT RUNNING (CUPS at 127.0.0.1:9 does not answer" in result.stdout
    assert "no printer is installed" not in result.stdout


@pytest.mark.parametrize(
    ("how", "reason"),
    [("reject", "rejecting"), ("abort", "aborted")],
)
def test_print_test_fails_every_sample_a_queue_did_not_print(
    cups: CupsServer, tmp_path: Path, system_file: Path, how: str, reason: str
) -> None:
    queue = f"pt_{how}"
    if how == "reject":
        cups.add_pdf_printer(queue)
        cups.reject(queue, "Closed")
    else:
        cups.add_failing_queue(queue, "abort")
    result = run(
        "--data-dir",
        str(tmp_path / "data"),
        "print-test",
        "--printer",
        queue,
        system_settings=system_file,
        home=tmp_path,
    )
    assert result.returncode == 2, result.stdout
    failures = [line for line in result.stderr.splitlines() if line.startswith("打印失败 / print failed:")]
    assert len(failures) == SAMPLES
    assert all(f" on {queue}: {reason}" in line for line in failures)
    assert "printed" not in result.stdout.replace("every sample on the printer", "")


def test_print_test_says_printed_with_the_job_for_each_sample_that_came_out(
    cups: CupsServer, tmp_path: Path, system_file: Path
) -> None:
    out = cups.add_pdf_printer("pt_ready")
    result = run(
        "--data-dir",
        str(tmp_path / "data"),
        "print-test",
        "--printer",
        "pt_ready",
        system_settings=system_file,
        home=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    printed = [line for line in result.stdout.splitlines() if line.startswith("printed ")]
    assert len(printed) == SAMPLES and all(" on pt_ready (job " in line for line in printed)
    assert len(cups.printed(out, count=SAMPLES)) == SAMPLES
    assert os.environ["CUPS_SERVER"] == cups.address
