"""IT's sub-commands as IT runs them (a real process): a clear paragraph and exit 2 when the data
folder cannot be opened, ``diagnose`` always finishing, ``print-test`` on the hall's real set-up."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from counter_app.domain.records import NoticeKind
from counter_app.services.context import DB_FILE, open_context
from counter_app.services.demo import demo_catalogue_path

ROOT = Path(__file__).resolve().parents[1]
ROLL_80MM_POINTS = 80 / 25.4 * 72  # 226.77
A4_POINTS = 210 / 25.4 * 72
SAMPLE_TITLES = (
    "受理通知书",
    "办理通知书",
    "并联审批受理通知书",
    "并联审批办理通知书",
    "办结通知书",
    "一次性告知书",
    "不予受理通知书",
    "材料接收清单",
)


def run(
    *args: str, system_settings: Path, home: Path, prefix: tuple[str, ...] = ()
) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "COUNTER_APP_SYSTEM_SETTINGS": str(system_settings),
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_DATA_HOME": str(home),  # the default data folder, away from the real one
    }
    return subprocess.run(
        [*prefix, sys.executable, "-m", "counter_app", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )


def assert_clear_failure(result: subprocess.CompletedProcess[str], *parts: str) -> None:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert "错误 / error: " in result.stderr
    for part in parts:
        assert part in result.stderr


def test_diagnose_finishes_its_report_with_a_system_file_without_section_header(
    tmp_path: Path, system_file: Path
) -> None:
    system_file.write_text("data_dir = /srv/counter\nhall_code = 330100\n", encoding="utf-8")
    result = run("diagnose", system_settings=system_file, home=tmp_path)
    assert_clear_failure(result, str(system_file), "line 1 (data_dir = /srv/counter)", "Ask IT")
    assert "because the system-wide settings file cannot be read" in result.stdout
    assert "SETTINGS ERROR:" in result.stdout
    assert "free disk:" in result.stdout  # the report went on to the end


def test_diagnose_marks_a_bad_value_and_a_newer_database(tmp_path: Path, system_file: Path) -> None:
    data_dir = tmp_path / "data"
    open_context(data_dir).close()
    con = sqlite3.connect(data_dir / DB_FILE)
    with con:
        con.execute("UPDATE alembic_version SET version_num = 'f00dcafe'")
    con.close()
    system_file.write_text("[counter]\nhall_code = abc\n", encoding="utf-8")
    result = run("--data-dir", str(data_dir), "diagnose", system_settings=system_file, home=tmp_path)
    assert_clear_failure(
        result,
        f"The system-wide settings file {system_file} has a bad value for hall_code",
        f"The local database {data_dir / DB_FILE} was written by a newer version",
    )
    assert "schema f00dcafe (this build: " in result.stdout
    assert "NEWER than this build" in result.stdout
    assert "free disk:" in result.stdout


def test_diagnose_of_a_healthy_folder_exits_zero(tmp_path: Path, system_file: Path) -> None:
    result = run("--data-dir", str(tmp_path / "data"), "diagnose", system_settings=system_file, home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "SETTINGS ERROR" not in result.stdout


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("[counter]\nhall_code = abc\n", "has a bad value for hall_code (Hall code): 'abc'"),
        ("hall_code = 330100\n", "cannot be read: line 1 (hall_code = 330100)"),
    ],
)
def test_catalogue_export_with_a_bad_system_file(
    tmp_path: Path, system_file: Path, content: str, expected: str
) -> None:
    system_file.write_text(content, encoding="utf-8")
    target = tmp_path / "catalogue.json"
    result = run(
        "--data-dir",
        str(tmp_path / "data"),
        "catalogue",
        "export",
        str(target),
        system_settings=system_file,
        home=tmp_path,
    )
    assert_clear_failure(result, str(system_file), expected, "Nothing was changed")
    assert not target.exists()
    assert not (tmp_path / "data").exists()


def _while_another_copy_writes(
    tmp_path: Path, system_file: Path, *args: str
) -> subprocess.CompletedProcess[str]:
    data_dir = tmp_path / "data"
    open_context(data_dir).close()
    holder = sqlite3.connect(data_dir / DB_FILE, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another copy of the program in the middle of a write
    try:
        return run("--data-dir", str(data_dir), *args, system_settings=system_file, home=tmp_path)
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_catalogue_import_waits_then_says_the_database_is_in_use(tmp_path: Path, system_file: Path) -> None:
    result = _while_another_copy_writes(
        tmp_path, system_file, "catalogue", "import", str(demo_catalogue_path())
    )
    db = tmp_path / "data" / DB_FILE
    assert_clear_failure(result, f"The local database {db} is in use", "Close the other copy")


def test_catalogue_export_reads_while_another_copy_writes(tmp_path: Path, system_file: Path) -> None:
    """Opening a cache at the newest schema writes nothing, and a read does not wait for a writer."""
    result = _while_another_copy_writes(
        tmp_path, system_file, "catalogue", "export", str(tmp_path / "c.json")
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "c.json").exists()


@pytest.fixture
def shared_folder() -> Iterator[Path]:
    """A folder another (unprivileged) user can reach; pytest's own are private to this user."""
    folder = Path(tempfile.mkdtemp(prefix="counter-app-test-"))
    folder.chmod(0o755)
    yield folder
    for path in [folder, *folder.rglob("*")]:
        if path.is_dir():
            path.chmod(stat.S_IRWXU)
    shutil.rmtree(folder)


def test_a_data_folder_the_user_may_not_write_is_said_so(shared_folder: Path) -> None:
    if os.geteuid() == 0:  # root writes anywhere: run the program as nobody
        if shutil.which("setpriv") is None:
            pytest.skip("running as root without setpriv: no way to be denied")
        prefix: tuple[str, ...] = ("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups")
        probe = subprocess.run(
            [*prefix, sys.executable, "-c", "import counter_app"], capture_output=True, check=False
        )
        if probe.returncode != 0:  # e.g. a checkout inside a folder only root may enter
            pytest.skip("the program's files cannot be read as nobody here: no way to be denied")
    else:
        prefix = ()
    locked = shared_folder / "readonly"
    locked.mkdir()
    locked.chmod(0o555)
    data_dir = locked / "data"
    result = run(
        "--data-dir",
        str(data_dir),
        "catalogue",
        "export",
        str(shared_folder / "c.json"),
        system_settings=shared_folder / "none.ini",
        home=shared_folder,
        prefix=prefix,
    )
    assert_clear_failure(
        result, f"The data folder {data_dir} cannot be created or written: permission denied", "Ask IT"
    )


def page_width(path: Path) -> float:
    return float(PdfReader(path).pages[0].mediabox.width)


def test_print_test_saves_every_sample_and_an_80mm_receipt(tmp_path: Path, system_file: Path) -> None:
    data_dir, out = tmp_path / "data", tmp_path / "out"
    result = run(
        "--data-dir",
        str(data_dir),
        "print-test",
        "--out",
        str(out),
        system_settings=system_file,
        home=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    saved = sorted(p.name for p in out.iterdir())
    # every kind of notice, the steps after acceptance too, and the acceptance notice on a roll
    assert saved == sorted([f"{kind.value}-a4.pdf" for kind in NoticeKind] + ["acceptance-80mm.pdf"])
    assert page_width(out / "acceptance-80mm.pdf") == pytest.approx(ROLL_80MM_POINTS, abs=0.5)
    assert page_width(out / "acceptance-a4.pdf") == pytest.approx(A4_POINTS, abs=0.5)
    assert not data_dir.exists()  # the real cache was never created, let alone written


def test_print_test_uses_the_receipt_paper_of_the_real_settings(tmp_path: Path, system_file: Path) -> None:
    data_dir, out = tmp_path / "data", tmp_path / "out"
    data_dir.mkdir()
    (data_dir / "settings.ini").write_text("[counter]\nreceipt_paper = 80mm\n", encoding="utf-8")
    result = run(
        "--data-dir",
        str(data_dir),
        "print-test",
        "--out",
        str(out),
        system_settings=system_file,
        home=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    receipts = sorted(p.name for p in out.glob("*-80mm.pdf"))
    assert receipts == ["acceptance-80mm.pdf", "completion-80mm.pdf", "joint_acceptance-80mm.pdf"]
    assert not (out / "acceptance-a4.pdf").exists()
    for name in receipts:
        assert page_width(out / name) == pytest.approx(ROLL_80MM_POINTS, abs=0.5)
    assert sorted(p.name for p in data_dir.iterdir()) == ["settings.ini"]


def test_print_test_goes_on_after_a_missing_printer_and_reports_every_notice(
    tmp_path: Path, system_file: Path
) -> None:
    result = run(
        "--data-dir",
        str(tmp_path / "data"),
        "print-test",
        "--printer",
        "不存在的打印机",
        system_settings=system_file,
        home=tmp_path,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    failures = [line for line in result.stderr.splitlines() if line.startswith("打印失败 / print failed:")]
    assert len(failures) == len(NoticeKind) + 1
    for title in SAMPLE_TITLES:
        assert any(line.startswith(f"打印失败 / print failed: {title} (") for line in failures)
    assert all("不存在的打印机" in line for line in failures)
    assert "受理通知书 (80 mm)" in result.stderr
    assert f"{len(NoticeKind) + 1} of {len(NoticeKind) + 1} samples failed" in result.stderr


def test_print_test_sends_each_notice_to_the_printer_of_the_real_settings(
    tmp_path: Path, system_file: Path
) -> None:
    data_dir, printed = tmp_path / "data", tmp_path / "a4-printer.pdf"
    data_dir.mkdir()
    (data_dir / "settings.ini").write_text(
        f"[counter]\nprinter_a4 = file:{printed}\nprinter_receipt = 小票打印机\nreceipt_paper = 80mm\n",
        encoding="utf-8",
    )
    result = run("--data-dir", str(data_dir), "print-test", system_settings=system_file, home=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    for title in ("办理通知书", "并联审批办理通知书", "一次性告知书", "不予受理通知书", "材料接收清单"):
        assert f"printed {title} (A4) on file:{printed}" in result.stdout
    for title in ("受理通知书", "并联审批受理通知书", "办结通知书"):
        assert f"打印失败 / print failed: {title} (80 mm) on 小票打印机:" in result.stderr
    assert f"3 of {len(NoticeKind)} samples failed" in result.stderr
    assert printed.is_file()
    assert sorted(p.name for p in data_dir.iterdir()) == ["settings.ini"]


def test_print_test_with_a_bad_system_file_says_so(tmp_path: Path, system_file: Path) -> None:
    system_file.write_text("[counter]\nreceipt_paper = a5\n", encoding="utf-8")
    result = run(
        "--data-dir",
        str(tmp_path / "data"),
        "print-test",
        "--out",
        str(tmp_path / "out"),
        system_settings=system_file,
        home=tmp_path,
    )
    assert_clear_failure(result, str(system_file), "receipt_paper")
    assert not (tmp_path / "out").exists()


def test_only_a_cache_error_is_put_down_to_the_data_folder() -> None:
    """A command's unexpected error is blamed on the data folder only when SQLite raised it
    (wrapped by SQLAlchemy or not); a file or printer error keeps its own traceback."""
    from sqlalchemy.exc import OperationalError

    from counter_app.cli import _database_error

    locked = sqlite3.OperationalError("database is locked")
    assert _database_error(locked)
    assert _database_error(OperationalError("INSERT", {}, locked))
    assert not _database_error(PermissionError(13, "Permission denied", "/srv/reports/day.xlsx"))
    assert not _database_error(ValueError("bad"))
