"""Opening the local cache: SQLite pragmas for durability, migrations with a backup first."""

from __future__ import annotations

import sqlite3
import threading
from collections import deque
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from counter_app.domain.json_text import json_text
from counter_app.private_files import create_private, private_folder
from counter_app.store.item_snapshots import store_snapshots_on_flush
from counter_app.store.plain_reads import PlainReads

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).with_name("migrations")
# The newest migration of this build (a test checks it against migrations/versions): a cache at it
# opens without importing Alembic and its templates, a third of a second of every start.
HEAD_REVISION = "0009"


class DatabaseTooNew(RuntimeError):
    """The cache was written by a newer version of the client: refuse, touch nothing."""


def _set_pragmas(dbapi_conn: Any, _record: Any) -> None:
    # let SQLAlchemy's "begin" event below emit BEGIN itself (pysqlite's own handling is lax)
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=5000")
    cur.close()


class WriterTurns:
    """This program's writers take the database's write lock in the order they asked for it.

    SQLite lets a waiting writer sleep in growing steps while the one that just committed takes
    the lock straight back, so a clerk's save could wait seconds behind a reload's pages. Here a
    writer queues; when the lock is handed on, the writer that has waited longest gets it. A
    thread already holding its turn (a nested write) goes on; one that waited ``patience``
    seconds goes on without its turn, to SQLite's own busy timeout, as before."""

    def __init__(self, patience: float = 5.0) -> None:
        self.patience = patience
        self._cond = threading.Condition()
        self._queue: deque[int] = deque()
        self._owner: int | None = None
        self._depth = 0

    def enter(self) -> int | None:
        """The turn taken (the thread's id, to hand to ``leave``), or None without one."""
        me = threading.get_ident()
        with self._cond:
            if self._owner == me:
                self._depth += 1
                return me
            self._queue.append(me)
            mine = self._cond.wait_for(lambda: self._owner is None and self._queue[0] == me, self.patience)
            self._queue.remove(me)
            if mine:
                self._owner, self._depth = me, 1
            self._cond.notify_all()
            return me if mine else None

    def leave(self, turn: int) -> None:
        """End *turn* (whichever thread commits the transaction that took it)."""
        with self._cond:
            if self._owner != turn:
                return
            self._depth -= 1
            if self._depth == 0:
                self._owner = None
                self._cond.notify_all()


def make_engine(path: Path) -> Engine:
    engine = create_engine(
        f"sqlite:///{path}",
        connect_args={"check_same_thread": False},
        json_serializer=json_text,  # orjson: the standard library's encoder was a twentieth of an accept
    )
    event.listen(engine, "connect", _set_pragmas)
    turns = WriterTurns()

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        if conn.get_execution_options().get("read_only"):
            # a reader in WAL mode takes no lock: it never waits for a write in progress
            conn.exec_driver_sql("BEGIN")
            return
        conn.info["writer_turn"] = turns.enter()
        try:
            # a writer takes the write lock at the start, so it never fails half-way on a lock
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        except BaseException:
            _end(conn)
            raise

    @event.listens_for(engine, "commit")
    @event.listens_for(engine, "rollback")
    def _end(conn: Any) -> None:
        turn = conn.info.pop("writer_turn", None)
        if turn is not None:
            turns.leave(turn)

    return engine


def _alembic_config(engine: Engine) -> Config:
    cfg = _alembic_config_no_engine()
    cfg.attributes["engine"] = engine
    return cfg


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_alembic_config_no_engine()).get_current_head()
    assert head is not None
    return head


def _alembic_config_no_engine() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def backup_database(path: Path, backup_dir: Path, label: str) -> Path:
    """A consistent copy made with SQLite's online backup API (private: folder 0700, file 0600)."""
    private_folder(backup_dir)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = backup_dir / f"{path.stem}-{label}-{stamp}.sqlite"
    create_private(target)
    src = sqlite3.connect(path)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    return target


def needs_upgrade(path: Path) -> bool:
    """Whether opening the cache at *path* will migrate a schema it holds (a backup copy, then
    the migrations: a minute or two on a cache of a million cases), not create a new one."""
    stored = _stored_revision(path)  # revisions are numbered "0001", "0002"...: a newer build's
    return stored is not None and stored < HEAD_REVISION  # is refused on opening, not upgraded


def _stored_revision(path: Path) -> str | None:
    """The schema revision written in the cache, read without SQLAlchemy or Alembic; None when
    there is no cache or no schema yet (or it cannot be read: the full path below then says why)."""
    if not path.exists() or path.stat().st_size == 0:
        return None
    try:
        con = sqlite3.connect(path)
        try:
            row = con.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            con.close()
    except sqlite3.Error:
        return None
    return str(row[0]) if row else None


def migrate(engine: Engine, path: Path, backup_dir: Path, target: str = "head") -> Path | None:
    """Bring the schema to *target*; copy the database first if it holds a schema already.

    Returns the backup made, if any. Raises ``DatabaseTooNew`` for a schema this build
    does not know (a downgrade of the program over newer data).
    """
    if target == "head" and _stored_revision(path) == HEAD_REVISION:
        return None
    from alembic import command
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(_alembic_config_no_engine())
    current = current_revision(engine)
    known = {rev.revision for rev in script.walk_revisions()}
    if current is not None and current not in known:
        raise DatabaseTooNew(current)
    wanted = script.get_current_head() if target == "head" else target
    if current == wanted:
        return None
    backup = backup_database(path, backup_dir, current) if current is not None else None
    command.upgrade(_alembic_config(engine), target)
    return backup


@dataclass
class Database:
    """``sessions`` for writes (``with db.sessions() as s, s.begin():``), ``reads`` for reads."""

    path: Path
    engine: Engine
    sessions: sessionmaker[Session]
    reads: sessionmaker[Session]
    plain: PlainReads  # plain sqlite3 reads for what runs as the clerk types (case_search.py)

    def dispose(self) -> None:
        self.plain.close()
        self.engine.dispose()


def open_database(path: Path, *, backup_dir: Path | None = None, target: str = "head") -> Database:
    """Open (or create) the cache at *path*; the folder is private and so is a new file, which
    SQLite's -wal and -shm files take their mode from."""
    private_folder(path.parent)
    create_private(path)
    engine = make_engine(path)
    migrate(engine, path, backup_dir or path.parent / "backups", target)
    readers = engine.execution_options(read_only=True)
    writes = sessionmaker(engine, expire_on_commit=False)
    store_snapshots_on_flush(writes)
    return Database(path, engine, writes, sessionmaker(readers, expire_on_commit=False), PlainReads(path))
