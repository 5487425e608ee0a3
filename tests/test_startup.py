"""Start-up problems said in a person's words: the classifier on real failures, and the window's one
message box instead of a traceback."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from sqlalchemy import create_engine
from sqlalchemy.exc import OperationalError

from counter_app.services.context import DB_FILE, open_context
from counter_app.settings import SettingsError, load_settings
from counter_app.startup import explain
from counter_app.store.db import DatabaseTooNew
from counter_app.ui.i18n import install_translator, uninstall_translators

CHINESE_HALL_CODE_RULE = "大厅编码须为 6 到 12 位数字。"  # the finished translation of the domain rule


def settings_error(data_dir: Path) -> SettingsError:
    with pytest.raises(SettingsError) as caught:
        load_settings(data_dir)
    return caught.value


def too_new_database(data_dir: Path) -> None:
    """A cache whose schema a newer program wrote (a revision this build does not know)."""
    open_context(data_dir).close()
    con = sqlite3.connect(data_dir / DB_FILE)
    with con:
        con.execute("UPDATE alembic_version SET version_num = 'f00dcafe'")
    con.close()


def test_a_bad_value_in_the_system_file_names_the_file_the_key_and_who_fixes_it(
    tmp_path: Path, _isolated_system_settings: Path
) -> None:
    _isolated_system_settings.write_text("[counter]\nhall_code = abc\n", encoding="utf-8")
    problem = explain(settings_error(tmp_path), tmp_path)
    assert problem is not None
    title, text = problem.render()
    assert title == "Settings file is wrong"
    assert str(_isolated_system_settings) in text
    assert "hall_code (Hall code): 'abc'" in text
    assert "The hall code must be 6 to 12 digits." in text
    assert "Ask IT to correct this line" in text


def test_a_system_file_without_a_section_header_says_which_line(
    tmp_path: Path, _isolated_system_settings: Path
) -> None:
    _isolated_system_settings.write_text("hall_code = 330100\n", encoding="utf-8")
    problem = explain(settings_error(tmp_path), tmp_path)
    assert problem is not None
    _title, text = problem.render()
    assert f"The system-wide settings file {_isolated_system_settings} cannot be read" in text
    assert "line 1 (hall_code = 330100)" in text
    assert "[counter]" in text


def test_a_bad_value_in_this_pcs_file_says_to_correct_or_delete_the_line(tmp_path: Path) -> None:
    (tmp_path / "settings.ini").write_text("[counter]\nreceipt_paper = a5\n", encoding="utf-8")
    problem = explain(settings_error(tmp_path), tmp_path)
    assert problem is not None
    _title, text = problem.render()
    assert f"The settings file of this PC {tmp_path / 'settings.ini'}" in text
    assert "receipt_paper" in text
    assert "Correct or delete this line" in text


def test_a_database_from_a_newer_program_is_refused_and_named(tmp_path: Path) -> None:
    too_new_database(tmp_path)
    with pytest.raises(DatabaseTooNew) as caught:
        open_context(tmp_path)
    problem = explain(caught.value, tmp_path)
    assert problem is not None
    title, text = problem.render()
    assert title == "Database from a newer version"
    assert str(tmp_path / DB_FILE) in text
    assert "schema f00dcafe" in text
    assert "Nothing was changed" in text
    assert "Install the newer version" in text


def test_a_folder_without_write_permission_says_whom_to_ask(tmp_path: Path) -> None:
    import errno
    import os

    # as the operating system raises it for mkdir in a folder the user may not write
    denied = PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(tmp_path / "data"))
    problem = explain(denied, tmp_path / "data")
    assert problem is not None
    title, text = problem.render()
    assert title == "Data folder cannot be used"
    assert f"permission denied for {tmp_path / 'data'}" in text
    assert "Ask IT to give your user account write access" in text


@pytest.fixture
def locked_database(tmp_path: Path) -> Iterator[Path]:
    """Another program holds the write lock of the cache."""
    open_context(tmp_path).close()
    holder = sqlite3.connect(tmp_path / DB_FILE, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    yield tmp_path / DB_FILE
    holder.execute("ROLLBACK")
    holder.close()


def test_a_locked_database_says_another_copy_holds_it(locked_database: Path) -> None:
    data_dir = locked_database.parent
    plain = sqlite3.connect(locked_database, timeout=0, isolation_level=None)
    with pytest.raises(sqlite3.OperationalError) as raw:
        plain.execute("BEGIN IMMEDIATE")
    plain.close()
    engine = create_engine(f"sqlite:///{locked_database}", connect_args={"timeout": 0})
    with pytest.raises(OperationalError) as wrapped, engine.connect() as conn:
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    engine.dispose()
    for error in (raw.value, wrapped.value):
        problem = explain(error, data_dir)
        assert problem is not None
        title, text = problem.render()
        assert title == "Database in use"
        assert str(locked_database) in text
        assert "Close the other copy" in text


def test_a_data_folder_inside_a_file_says_the_folder_cannot_be_used(tmp_path: Path) -> None:
    (tmp_path / "occupied").write_text("a file where IT meant a folder", encoding="utf-8")
    data_dir = tmp_path / "occupied" / "data"
    with pytest.raises(OSError) as caught:
        open_context(data_dir)
    problem = explain(caught.value, data_dir)
    assert problem is not None
    _title, text = problem.render()
    assert f"The data folder {data_dir} cannot be used" in text
    assert "Ask IT to check the folder" in text


def test_an_unknown_error_is_left_alone() -> None:
    import errno

    assert explain(KeyError("x")) is None
    assert explain(ConnectionRefusedError(errno.ECONNREFUSED, "Connection refused")) is None
    with pytest.raises(KeyError) as caught:
        try:
            raise OSError("a file problem handled on the way")
        except OSError:
            raise KeyError("a bug while handling it") from None
    assert explain(caught.value) is None


def test_the_problem_is_said_in_the_interface_language(
    tmp_path: Path, _isolated_system_settings: Path, qapp: QCoreApplication
) -> None:
    _isolated_system_settings.write_text("[counter]\nhall_code = abc\n", encoding="utf-8")
    problem = explain(settings_error(tmp_path), tmp_path)
    assert problem is not None
    assert install_translator(qapp, "zh_CN") is not None
    try:
        _title, text = problem.render()
    finally:
        uninstall_translators(qapp)
    assert CHINESE_HALL_CODE_RULE in text
    assert "The hall code must be" not in text


# The window's start runs Qt's event loop to its end (starting.py); an application that has done
# that does not start over cleanly, so each start is a child Python of its own
WINDOW_START = r"""
import json, sys
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from counter_app import cli

QApplication.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs)
app = QApplication(sys.argv[:1])  # the window's start takes it over (qt_app.make_application)
seen = []

def accept_boxes():
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QMessageBox) and widget.isVisible():
            seen.append((widget.windowTitle(), widget.text()))
            widget.accept()

timer = QTimer()
timer.timeout.connect(accept_boxes)
timer.start(20)
status = cli.main(sys.argv[1:])
print(json.dumps({"status": status, "seen": seen}, ensure_ascii=False))
"""


def start_window(*args: str) -> tuple[int, list[list[str]], str]:
    """The window started with *args* in a child Python: (exit status, the message boxes it showed
    as [title, text], its stderr). Every box is accepted as it shows."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-c", WINDOW_START, *args], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    found = json.loads(done.stdout.strip().splitlines()[-1])
    return int(found["status"]), list(found["seen"]), done.stderr


def test_the_window_shows_one_message_box_in_chinese_and_exits_non_zero(
    tmp_path: Path, _isolated_system_settings: Path
) -> None:
    _isolated_system_settings.write_text("[counter]\nhall_code = abc\n", encoding="utf-8")
    status, seen, stderr = start_window("--data-dir", str(tmp_path / "data"))
    assert status == 2
    assert len(seen) == 1
    _title, text = seen[0]
    assert str(_isolated_system_settings) in text
    assert "hall_code" in text
    assert CHINESE_HALL_CODE_RULE in text  # the interface language: Chinese by default
    assert "Traceback" not in stderr
    assert not (tmp_path / "data" / DB_FILE).exists()


def test_the_window_refuses_a_newer_database_in_the_language_of_the_settings(tmp_path: Path) -> None:
    too_new_database(tmp_path)
    (tmp_path / "settings.ini").write_text("[counter]\nlanguage = en\n", encoding="utf-8")
    before = (tmp_path / DB_FILE).read_bytes()
    status, seen, stderr = start_window("--data-dir", str(tmp_path))
    assert status == 2
    assert len(seen) == 1
    title, text = seen[0]
    assert title == "Database from a newer version"
    assert str(tmp_path / DB_FILE) in text
    assert "Nothing was changed" in text
    assert (tmp_path / DB_FILE).read_bytes() == before
    assert "Traceback" not in stderr
