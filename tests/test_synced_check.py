"""``counter-app check-synced``: a data folder may go only when the hall server applied everything in it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from counter_app.cli import main
from counter_app.synced_check import check_folder, every_data_folder
from tests.servers import ServerProcess
from tests.sync_helpers import window_client


def test_a_folder_goes_only_once_the_server_applied_every_op(
    tmp_path: Path, hall: ServerProcess, capsys: pytest.CaptureFixture[str]
) -> None:
    waiting = window_client(tmp_path / "waiting", hall.url, hall.database_url, device="W01")
    waiting.accept()
    waiting.close()
    synced = window_client(tmp_path / "synced", hall.url, hall.database_url, device="W02", window="A02")
    synced.accept("王芳", "33010219900215302")
    assert synced.sync().pushed >= 1
    held = check_folder(tmp_path / "synced")  # this process still has it open
    synced.close()

    assert not held.removable and "running program" in held.detail and "process" in held.detail
    kept = check_folder(tmp_path / "waiting")
    assert not kept.removable and "pending" in kept.detail, kept
    gone = check_folder(tmp_path / "synced")
    assert gone.removable and "1 cases, every operation applied" in gone.detail, gone

    before = sorted(p.name for p in (tmp_path / "synced").iterdir())
    assert main(["check-synced", str(tmp_path / "synced"), str(tmp_path / "waiting")]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split("\t")[:2] == ["synced", str(tmp_path / "synced")]
    db = (tmp_path / "synced" / "counter.sqlite").stat()
    assert lines[0].split("\t")[2] == f"{int(db.st_mtime)}:{db.st_size}"  # as `stat -c %Y:%s` says
    assert lines[1].split("\t")[:2] == ["keep", str(tmp_path / "waiting")]
    assert main(["check-synced", str(tmp_path / "synced")]) == 0
    assert sorted(p.name for p in (tmp_path / "synced").iterdir()) == before  # read only

    for leftover in ("-wal", "-journal"):  # a crash leaves its write-ahead log or rollback journal
        companion = tmp_path / "synced" / f"counter.sqlite{leftover}"
        companion.write_bytes(b"\0" * 512)
        crashed = check_folder(tmp_path / "synced")
        assert not crashed.removable and f"its {leftover} file is there" in crashed.detail
        companion.unlink()


def test_what_cannot_be_confirmed_is_kept(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # a folder not there now (an unmounted disk, a locked home) is not vouched for: a purge later
    # must not delete whatever appears there
    missing = check_folder(tmp_path / "never-made")
    assert not missing.removable and missing.line().startswith("absent\t")
    assert main(["check-synced", str(tmp_path / "never-made")]) == 1
    assert capsys.readouterr().out.startswith("absent\t")
    tabbed = check_folder(tmp_path / "a\tb")
    assert not tabbed.removable and "tab or a line break" in tabbed.detail
    (tmp_path / "logs-only").mkdir()
    assert check_folder(tmp_path / "logs-only").removable

    shared = tmp_path / "shared"  # IT's data_dir set to a folder with other things in it
    (shared / "logs").mkdir(parents=True)
    (shared / "hall-photos").mkdir()
    verdict = check_folder(shared)
    assert not verdict.removable and "files the program did not make (hall-photos)" in verdict.detail
    assert not check_folder(Path("/")).removable

    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "counter.sqlite").write_bytes(b"not a database, a disk error" * 100)
    verdict = check_folder(broken)
    assert not verdict.removable and "could not be read" in verdict.detail

    old = tmp_path / "before-sync"  # a cache from before the outbox existed: its cases went nowhere
    old.mkdir()
    con = sqlite3.connect(old / "counter.sqlite")
    con.execute("CREATE TABLE cases (id TEXT PRIMARY KEY)")
    con.execute("INSERT INTO cases VALUES ('c1')")
    con.commit()
    con.close()
    verdict = check_folder(old)
    assert not verdict.removable and "1 cases from a version that did not sync" in verdict.detail


def test_every_folder_is_it_s_data_dir_and_each_account_s_folders(
    tmp_path: Path, system_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import pwd

    system_file.write_text(f"[counter]\ndata_dir = {tmp_path / 'hall-data'}\n", encoding="utf-8")
    folders = every_data_folder()
    assert folders[0] == tmp_path / "hall-data"
    root_share = Path(pwd.getpwuid(0).pw_dir) / ".local" / "share"
    assert root_share / "counter-app" in folders and root_share / "counter-app-demo" in folders
    system_users = [a for a in pwd.getpwall() if 0 < a.pw_uid < 1000 and a.pw_dir]
    assert not any(Path(a.pw_dir) / ".local/share/counter-app" in folders for a in system_users)

    assert main(["check-synced", "--every-folder"]) == 1  # the hall folder is not there: absent
    assert f"absent\t{tmp_path / 'hall-data'}\t" in capsys.readouterr().out
    assert main(["check-synced"]) == 2
    assert "name a FOLDER, or --every-folder" in capsys.readouterr().err
