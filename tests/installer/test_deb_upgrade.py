"""Upgrading the installed .deb over a data folder with cases not yet synced, and downgrading it.

The previous package is installed in the clean root, enrolled with a real hall server (PostgreSQL,
on loopback: the root shares the host's network), and records cases with its own intake code
(``--demo`` runs it over the real data folder) while nothing is synced. The package under test is
installed over it with apt; its first sync must back the database up, migrate it and push every op,
which the server takes once. The device secret and the clerk's session are kept in this run's
gnome-keyring (``Chroot.session_bus``), as on a hall PC's desktop.
"""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from counter_app.store.db import head_revision
from tests.installer.conftest import PREVIOUS_VERSION
from tests.installer.debroot import Chroot
from tests.servers import PASSWORD, Postgres, ServerProcess, enrollment_code, prepare_hall

pytestmark = pytest.mark.installer  # one worker runs them all, first: tests/scheduling.py

DATA = "/root/.local/share/counter-app"
PREVIOUS = "/tmp/counter-app-previous.deb"


@pytest.fixture
def hall(pg_cluster: Postgres, tmp_path: Path) -> Iterator[ServerProcess]:
    url = pg_cluster.create_database(f"upgrade_{os.getpid()}_{tmp_path.name[-8:].replace('-', '_')}")
    prepare_hall(url)
    server = ServerProcess(url, tmp_path / "server.log").start()
    yield server
    server.stop()


def _rows(db: Path, sql: str) -> list[tuple[Any, ...]]:
    with closing(sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True)) as con:
        return con.execute(sql).fetchall()


def _server_cases(url: str) -> list[tuple[Any, ...]]:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as con:
            return [
                tuple(r) for r in con.execute(sa.text("SELECT id, case_number, state FROM cases ORDER BY id"))
            ]
    finally:
        engine.dispose()


def _fingerprint(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and "logs" not in p.parts
    }


def _fresh(chroot: Chroot) -> Path:
    """No package, no settings, no data folder: a PC before IT's first install."""
    chroot.run("apt-get purge -y -q counter-app")
    chroot.ok(f"rm -rf {DATA}")
    return chroot.root / DATA.lstrip("/")


def test_an_upgrade_keeps_unsynced_cases_which_then_reach_the_server_once(
    chroot: Chroot, previous_deb: Path, hall: ServerProcess
) -> None:
    data = _fresh(chroot)
    db = data / "counter.sqlite"
    chroot.preseed(server_url=hall.url, window_code="A01")
    done = chroot.install(deb=PREVIOUS)
    assert done.returncode == 0, done.stdout + done.stderr
    assert chroot.installed() == PREVIOUS_VERSION
    settings = (chroot.root / "etc/counter-app/settings.ini").read_text(encoding="utf-8")

    with chroot.session_bus():
        code = enrollment_code(hall.database_url, "W21", "A01")
        said = chroot.ok(f"counter-app enroll --server {hall.url} --code {code}")
        assert "enrolled: device W21" in said and "no system keyring" not in said, said
        said = chroot.ok("counter-app sync --user wangfang", stdin=PASSWORD + "\n")  # the catalogue comes
        assert "signed in as 王芳" in said and "online" in said, said
        # the window's work since: the previous program's own intake records five cases, unsynced
        chroot.ok(f"counter-app --demo --data-dir {DATA} catalogue export /tmp/catalogue.json")
        previous = _rows(db, "SELECT version_num FROM alembic_version")[0][0]
        assert previous != head_revision()  # the upgrade has a migration to make
        cases = _rows(db, "SELECT id, case_number, state, applicant_name FROM cases ORDER BY id")
        ops = _rows(
            db, "SELECT seq, op_id, op_type, payload FROM outbox WHERE status = 'pending' ORDER BY seq"
        )
        assert len(cases) == 5 and len(ops) >= 5
        assert _server_cases(hall.database_url) == []

        done = chroot.install()
        assert done.returncode == 0, done.stdout + done.stderr
        assert chroot.installed() == chroot.version
        # an upgrade without new answers keeps IT's settings
        assert (chroot.root / "etc/counter-app/settings.ini").read_text(encoding="utf-8") == settings
        report = chroot.ok("counter-app diagnose")
        assert f"schema {previous} (this build: {head_revision()})" in report, report
        assert f"outbox: {len(ops)} waiting" in report, report

        # the first start of the new program: backup, migration, then the ops go out, with the
        # session the clerk signed in with before the upgrade (kept in the keyring)
        said = chroot.ok("counter-app sync")
        assert f"online: pushed {len(ops)}, rejected 0" in said, said
        assert _rows(db, "SELECT version_num FROM alembic_version") == [(head_revision(),)]
        backups = sorted((data / "backups").glob(f"counter-{previous}-*.sqlite"))
        assert len(backups) == 1, sorted((data / "backups").iterdir())
        assert _rows(backups[0], "SELECT version_num FROM alembic_version") == [(previous,)]
        assert (
            _rows(backups[0], "SELECT id, case_number, state, applicant_name FROM cases ORDER BY id") == cases
        )
        assert _rows(db, "SELECT id, case_number, state, applicant_name FROM cases ORDER BY id") == cases
        sent = _rows(
            db, "SELECT seq, op_id, op_type, payload FROM outbox WHERE status = 'applied' ORDER BY seq"
        )
        assert sent == ops
        on_server = _server_cases(hall.database_url)
        assert on_server == [(id_, number, state) for id_, number, state, _name in cases]

        # once: another round sends nothing and the server still has each case once
        said = chroot.ok("counter-app sync")
        assert "online: pushed 0, rejected 0" in said, said
        assert _server_cases(hall.database_url) == on_server

    # everything in it reached the server: now a purge may take the data folder too
    said = chroot.ok("apt-get purge -y -q counter-app")
    assert not data.exists(), said
    assert f"removed the data folder {DATA} (5 cases, every operation applied by the hall server)" in said


def test_a_downgrade_over_a_newer_database_is_refused_and_changes_nothing(
    chroot: Chroot, previous_deb: Path
) -> None:
    chroot.ensure_installed()
    chroot.ok("rm -rf /tmp/newer && counter-app --data-dir /tmp/newer --demo catalogue export /tmp/c.json")
    folder = chroot.root / "tmp/newer"
    assert _rows(folder / "counter.sqlite", "SELECT version_num FROM alembic_version") == [(head_revision(),)]
    before = _fingerprint(folder)

    done = chroot.install("--allow-downgrades", deb=PREVIOUS)
    assert done.returncode == 0, done.stdout + done.stderr
    assert chroot.installed() == PREVIOUS_VERSION
    for command in ("sync", "catalogue import /tmp/c.json"):
        done = chroot.run(f"counter-app --data-dir /tmp/newer {command}")
        assert done.returncode == 2, done.stdout + done.stderr
        said = re.sub(r"\s+", " ", done.stderr)
        assert "written by a newer version of this program" in said, said
        assert f"schema {head_revision()}" in said and "Nothing was changed" in said, said
    report = chroot.run("counter-app --data-dir /tmp/newer diagnose")
    assert report.returncode == 2 and "newer" in report.stdout + report.stderr
    assert _fingerprint(folder) == before
    assert not (folder / "backups").exists()

    chroot.ensure_installed()  # and the newer program opens it as before
    chroot.ok("counter-app --data-dir /tmp/newer catalogue export /tmp/c2.json")
