"""Everything the client keeps in its data folder is private to the user (folders 0700, files
0600), after a real session, and what an older version left readable by everyone is tightened
at start. On Windows the installer's ACL covers the data folder instead."""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from counter_app import logs
from counter_app.domain.case import ServiceMode
from counter_app.private_files import tighten_data_folder
from counter_app.services.catalogue import import_catalogue_file
from counter_app.services.context import DB_FILE, open_context
from counter_app.services.demo import all_received, demo_catalogue_path, person
from counter_app.services.intake import ApplicationDraft, IntakeService
from counter_app.store.db import open_database
from counter_app.support_bundle import write_bundle
from tests.test_cli import run

pytestmark = pytest.mark.skipif(os.name == "nt", reason="on Windows the installer's ACL makes it private")


@pytest.fixture
def everyone_reads_new_files() -> Iterator[None]:
    """The usual umask 022: a file made without its own mode would be readable by every account."""
    before = os.umask(0o022)
    yield
    os.umask(before)


def loose_modes(folder: Path) -> dict[str, str]:
    """Every folder not 0700 and every file not 0600 under *folder* (itself included)."""
    found = {}
    for path in [folder, *sorted(folder.rglob("*"))]:
        mode = stat.S_IMODE(path.lstat().st_mode)
        wanted = 0o700 if path.is_dir() else 0o600
        if mode != wanted:
            found[str(path.relative_to(folder))] = oct(mode)
    return found


def test_a_session_leaves_only_private_files_and_tightens_an_older_versions(
    tmp_path: Path, system_file: Path, everyone_reads_new_files: None
) -> None:
    data = tmp_path / "data"
    # what an older version left: schema 0004, everything readable by every account of the PC
    open_database(data / DB_FILE, target="0004").dispose()
    (data / "settings.ini").write_text("[counter]\nclerk_name = 李娜\n", encoding="utf-8")
    (data / "logs").mkdir()
    (data / "logs" / "counter-app.log").write_text("an older version's line\n", encoding="utf-8")
    (data / "backups").mkdir()
    (data / "backups" / "counter-0003-20250101-000000-000000.sqlite").write_bytes(b"")
    for path in [data, *data.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    assert len(loose_modes(data)) == 7

    logs.stop_logging()  # another test of this process may have started it elsewhere
    ctx = open_context(data, {"device_code": "W01"})  # migrates 0004 → head: a backup first
    try:
        import_catalogue_file(ctx, demo_catalogue_path())
        item = next(i for i in ctx.catalogue.items if i.name == "居民身份证换领")
        person_ = person("张三", "11010519491231002")
        IntakeService(ctx).accept(
            ApplicationDraft(item, person_, None, ServiceMode.WINDOW, all_received(item))
        )
        ctx.settings.set_user({"clerk_name": "王芳"})
        logs.start_logging(data, "test")
        logging.getLogger("counter_app").info("受理 张三")
        assert logs._handler is not None and isinstance(logs._handler, logs.PrivateRotatingFileHandler)
        logs._handler.doRollover()  # the next file after a rotation is private too
        logging.getLogger("counter_app").info("after the rotation")
        names = {str(p.relative_to(data)) for p in data.rglob("*")}
        assert {DB_FILE + "-wal", DB_FILE + "-shm", "logs/counter-app.log.1", "settings.ini"} <= names
        assert len(list((data / "backups").glob("counter-0004-*.sqlite"))) == 1
        assert loose_modes(data) == {}  # while the database is open, -wal and -shm included
    finally:
        logs.stop_logging()
        ctx.close()

    bundle = tmp_path / "for-it" / "bundle.zip"
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
    assert stat.S_IMODE(bundle.stat().st_mode) == 0o600
    write_bundle(tmp_path / "again.zip", data, "report")
    assert stat.S_IMODE((tmp_path / "again.zip").stat().st_mode) == 0o600
    assert loose_modes(data) == {}


def test_a_shared_folder_of_another_account_is_left_as_it_is(tmp_path: Path) -> None:
    """Only what this user owns is changed: a folder IT shares from another account keeps its mode."""
    if os.geteuid() != 0:
        pytest.skip("needs root to make a folder another account owns")
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o775)
    shared.chmod(0o775)
    os.chown(shared, 65534, 65534)
    tighten_data_folder(shared, DB_FILE)
    assert stat.S_IMODE(shared.stat().st_mode) == 0o775
