"""Real servers for tests: a PostgreSQL cluster in a temporary folder and hall-server processes.

Nothing is mocked: PostgreSQL is Debian's (``scripts/setup.sh dev`` installs it), the hall
server runs as its own process on a loopback port, exactly as ``hall-server serve``.
"""

from __future__ import annotations

import atexit
import glob
import json
import os
import shutil
import socket
import sqlite3
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from counter_app.services.demo import demo_catalogue_path

PASSWORD = "counter-pass-1"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _pg_bin(name: str) -> str | None:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return found[-1] if found else shutil.which(name)


@dataclass
class Postgres:
    folder: Path
    port: int
    _as: list[str]

    def url(self, database: str) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str, template: str = "") -> str:
        """An empty database, or a copy of the database *template* (nobody may be connected to it)."""
        psql = _pg_bin("psql") or "psql"
        subprocess.run(
            [
                psql,
                "-h",
                "127.0.0.1",
                "-p",
                str(self.port),
                "-U",
                "postgres",
                "-c",
                f"CREATE DATABASE {name}" + (f" TEMPLATE {template}" if template else ""),
            ],
            check=True,
            capture_output=True,
        )
        return self.url(name)

    def restart(self) -> None:
        """Stop (closing every connection) and start again on the same port."""
        self.stop()
        _start_cluster(self.folder, self.port, self._as)

    def stop(self) -> None:
        pg_ctl = _pg_bin("pg_ctl")
        subprocess.run([*self._as, pg_ctl, "-D", str(self.folder), "-m", "fast", "stop"], capture_output=True)


def _start_cluster(folder: Path, port: int, run_as: list[str]) -> None:
    pg_ctl = _pg_bin("pg_ctl")
    assert pg_ctl
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c max_connections=200"
    subprocess.run(  # the log file keeps the server off our pipes: run() returns once it is up
        [*run_as, pg_ctl, "-D", str(folder), "-o", options, "-l", str(folder / "log"), "-w", "start"],
        check=True,
        capture_output=True,
    )


@contextmanager
def postgres(folder: Path) -> Iterator[Postgres]:
    """A throwaway cluster; as root it runs as the ``postgres`` user (initdb refuses root)."""
    initdb, pg_ctl = _pg_bin("initdb"), _pg_bin("pg_ctl")
    if not initdb or not pg_ctl:
        raise RuntimeError("PostgreSQL is not installed: run scripts/setup.sh dev")
    run_as: list[str] = []
    if os.geteuid() == 0:  # pytest's temporary folders are private to root: use one postgres can reach
        run_as = ["runuser", "-u", "postgres", "--"]
        folder = Path(tempfile.mkdtemp(prefix="counter-pg-")) / "cluster"
        folder.parent.chmod(0o755)
    folder.mkdir(parents=True, exist_ok=True)
    if run_as:
        shutil.chown(folder, "postgres")
    subprocess.run(
        [*run_as, initdb, "-D", str(folder), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale"],
        check=True,
        capture_output=True,
    )
    port = free_port()
    _start_cluster(folder, port, run_as)
    pg = Postgres(folder, port, run_as)
    try:
        yield pg
    finally:
        pg.stop()
        if run_as:
            shutil.rmtree(folder.parent, ignore_errors=True)


def hall_server_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "hall_server", *args]


_key_folder: list[Path] = []


def signing_key_file(url: str) -> Path | None:
    """Where a test hall keeps its token signing key: beside an SQLite database (the server's
    default, None here), for a PostgreSQL one in a private folder of this run (as IT sets
    ``signing_key_file``), one file per database."""
    if url.startswith("sqlite"):
        return None
    if not _key_folder:
        _key_folder.append(Path(tempfile.mkdtemp(prefix="hall-keys-")))
        atexit.register(shutil.rmtree, _key_folder[0], True)
    return _key_folder[0] / (url.rsplit("/", 1)[-1] + ".signing-key")


def server_env(url: str) -> dict[str, str]:
    """The environment of a hall-server command for the hall at *url*."""
    key_file = signing_key_file(url)
    extra = {"HALL_SERVER_SIGNING_KEY_FILE": str(key_file)} if key_file else {}
    return {**os.environ, "HALL_SERVER_DATABASE_URL": url, **extra}


def hall_signing_key(url: str) -> str:
    """The key the hall at *url* signs access tokens with now (to forge tokens in tests)."""
    from hall_server.db import open_server_database

    db = open_server_database(url, signing_key_file=signing_key_file(url))
    try:
        return db.signing_keys.current()
    finally:
        db.dispose()


def admin(url: str, *args: str, stdin: str = "") -> str:
    done = subprocess.run(
        hall_server_cmd(*args),
        env=server_env(url),
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"hall-server {' '.join(args)} failed: {done.stderr}")
    return done.stdout.strip()


def prepare_hall(url: str) -> None:
    """A hall as IT sets it up: schema, the demo catalogue, a clerk, a supervisor.

    Done in-process with the functions behind the admin commands (``test_admin_cli`` runs the
    commands themselves), to keep each test's set-up short.
    """
    from counter_app.domain.catalogue_format import parse_catalogue
    from hall_server import admin as server_admin
    from hall_server.db import open_server_database
    from hall_server.demo import DEMO_LAYOUT
    from hall_server.queue.layout import import_layout

    db = open_server_database(url, signing_key_file=signing_key_file(url))
    try:
        server_admin.init_db(db)
        catalogue = parse_catalogue(json.loads(demo_catalogue_path().read_text(encoding="utf-8")))
        server_admin.import_catalogue(db, catalogue)
        server_admin.create_user(db, "wangfang", "王芳", "clerk", PASSWORD)
        server_admin.create_user(db, "zhaolei", "赵磊", "supervisor", PASSWORD)
        import_layout(db, json.loads(DEMO_LAYOUT.read_text(encoding="utf-8")))
    finally:
        db.dispose()


# a hall prepared once per process and engine (prepare_hall: about a second, mostly the migrations
# and two argon2 hashes), which every test's hall is copied from
_templates: dict[str, str] = {}


def prepared_sqlite_hall(path: Path) -> str:
    """A new hall at *path*, as ``prepare_hall`` makes it: a copy of one prepared once in this
    process (sqlite3's backup), with a token signing key file of its own."""
    from hall_server.private_files import create_empty_private

    template = _templates.get("sqlite")
    if template is None:
        folder = Path(tempfile.mkdtemp(prefix="hall-template-"))
        atexit.register(shutil.rmtree, folder, True)
        template = f"sqlite:///{folder / 'hall.sqlite'}"
        prepare_hall(template)
        _templates["sqlite"] = template
    create_empty_private(path)  # 0600 from the start, as the server makes its database
    with (
        closing(sqlite3.connect(template.removeprefix("sqlite:///"))) as source,
        closing(sqlite3.connect(path)) as copy,
    ):
        source.backup(copy)
    url = f"sqlite:///{path}"
    _own_signing_key(url)
    return url


def prepared_postgres_hall(pg: Postgres, name: str) -> str:
    """A new hall, database *name*, as ``prepare_hall`` makes it: a copy (``CREATE DATABASE …
    TEMPLATE``) of one prepared once in this process, with a token signing key file of its own."""
    template = _templates.get(pg.url(""))
    if template is None:
        template = f"hall_template_{os.getpid()}"
        prepare_hall(pg.create_database(template))
        _templates[pg.url("")] = template
    url = pg.create_database(name, template=template)
    _own_signing_key(url)
    return url


def _own_signing_key(url: str) -> None:
    """A new key file, as ``init_db`` makes one: a copied hall does not sign with its template's key."""
    from hall_server import signing
    from hall_server.db import open_server_database

    db = open_server_database(url, signing_key_file=signing_key_file(url))
    try:
        if not signing.create_key_file(db.signing_keys.path):
            raise RuntimeError(f"a new hall's key file was already there: {db.signing_keys.path}")
    finally:
        db.dispose()


def enrollment_code(url: str, device: str, window: str, replace: bool = False) -> str:
    from hall_server import admin as server_admin
    from hall_server.db import open_server_database

    db = open_server_database(url)
    try:
        return server_admin.enrollment_code(db, device, window, replace=replace)
    finally:
        db.dispose()


class ServerProcess:
    """``hall-server serve`` on a loopback port; restartable."""

    def __init__(self, database_url: str, log: Path, port: int | None = None, workers: int = 1) -> None:
        self.database_url, self.log, self.workers = database_url, log, workers
        self.port = port or free_port()
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, verify: str = "") -> ServerProcess:
        env = {**server_env(self.database_url), "HALL_SERVER_WORKERS": str(self.workers)}
        with self.log.open("ab") as out:
            self.proc = subprocess.Popen(
                hall_server_cmd("serve", "--port", str(self.port)),
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"hall server exited: {self.log.read_text()[-2000:]}")
            try:
                context = ssl.create_default_context(cafile=verify) if verify else None
                url = self.url.replace("http://", "https://") if verify else self.url
                with urllib.request.urlopen(url + "/api/v1/hello", timeout=1, context=context) as r:
                    json.load(r)
                    return self
            except OSError:
                time.sleep(0.05)  # polling a process start, not a test wait
        raise RuntimeError("hall server did not start")

    def stop(self, kill: bool = False) -> None:
        if self.proc is not None and self.proc.poll() is None:
            if kill:
                self.proc.kill()
            else:
                self.proc.terminate()
            self.proc.wait(20)
        self.proc = None


@contextmanager
def demo_hall(folder: Path) -> Iterator[dict[str, Any]]:
    """``hall-server demo FOLDER --exit-with-parent`` as the window starts it: yields what it prints
    (address, user, password, enrolment code); leaving the block closes its stdin, as a closing
    client does, and the hall must then end by itself with status 0."""
    proc = subprocess.Popen(
        hall_server_cmd("demo", str(folder), "--exit-with-parent"),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None and proc.stdin is not None
        yield json.loads(proc.stdout.readline())
        proc.stdin.close()  # the client is gone (closed, crashed or killed: the pipe closes)
        assert proc.wait(timeout=20) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        for pipe in (proc.stdin, proc.stdout):
            if pipe is not None:
                pipe.close()
