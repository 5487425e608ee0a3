"""Database access for the hall server: PostgreSQL (psycopg 3) in production, SQLite embedded.

Schema changes only through the Alembic migrations in ``migrations/``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, literal_column
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from counter_app.domain.json_text import json_bytes, json_text
from hall_server.private_files import create_empty_private

if TYPE_CHECKING:
    from hall_server.signing import SigningKeys

MIGRATIONS = Path(__file__).with_name("migrations")


class SchemaMismatch(RuntimeError):
    """The database is at a schema this server does not know, or not migrated yet."""


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


def _create_sqlite_file(url: str) -> None:
    """The database file is born private (0600), before SQLite writes anything into it; its -wal
    and -shm files take the same mode. A folder that does not exist is left for SQLite to report."""
    name = make_url(url).database or ""
    if name and name != ":memory:" and not name.startswith("file:"):
        path = Path(name).expanduser()
        if path.parent.is_dir():
            create_empty_private(path)


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        _create_sqlite_file(url)
        engine = create_engine(url, connect_args={"check_same_thread": False}, json_serializer=json_text)
        event.listen(engine, "connect", _sqlite_pragmas)

        @event.listens_for(engine, "begin")
        def _begin(conn: Any) -> None:
            # readers (pulls, snapshots) take no lock in WAL mode; writers take it at the start
            conn.exec_driver_sql(
                "BEGIN" if conn.get_execution_options().get("read_only") else "BEGIN IMMEDIATE"
            )

        return engine
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    # batches of 50 rows keep each INSERT under psycopg's statement-cache limit (measured: +10% push).
    # No pre-ping: it costs a round trip per request; after a database restart SQLAlchemy drops
    # the whole pool at the first failed statement, and that one request's client retries.
    return create_engine(
        url, pool_size=10, max_overflow=20, insertmanyvalues_page_size=50, json_serializer=json_bytes
    )


def _config(engine: Engine | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if engine is not None:
        cfg.attributes["engine"] = engine
    return cfg


def migrate(engine: Engine) -> None:
    command.upgrade(_config(engine), "head")


def check_schema(engine: Engine) -> None:
    head = ScriptDirectory.from_config(_config()).get_current_head()
    with engine.connect() as conn:
        current = MigrationContext.configure(conn).get_current_revision()
    if current != head:
        raise SchemaMismatch(
            f"database schema is {current or 'empty'}, this server needs {head}: run `hall-server init-db`"
        )


@dataclass
class ServerDatabase:
    engine: Engine
    sessions: sessionmaker[Session]
    timezone: str = "Asia/Shanghai"  # the hall's clock (the server's `timezone` setting)
    # the token signing key file; None: as the server's configuration says (hall_server/signing.py)
    signing_key_file: Path | None = None

    def __post_init__(self) -> None:
        self.sessions.configure(info={"hall_database": self})

    @classmethod
    def of(cls, s: Session) -> ServerDatabase:
        """The database a session of ours belongs to."""
        db = s.info["hall_database"]
        assert isinstance(db, ServerDatabase)
        return db

    @cached_property
    def signing_keys(self) -> SigningKeys:
        """The token signing keys, from the key file (raises ``SigningKeyError`` when no key
        file is configured or can be derived)."""
        from hall_server.signing import SigningKeys, key_file_from_environment

        return SigningKeys(self.signing_key_file or key_file_from_environment(self.engine.url))

    @property
    def is_postgres(self) -> bool:
        return self.engine.dialect.name == "postgresql"

    def horizon_expr(self) -> Any:
        """No transaction below this id is still running: changes under it are final."""
        if self.is_postgres:
            return literal_column("pg_snapshot_xmin(pg_current_snapshot())::text::bigint")
        return literal_column("9223372036854775807")

    @cached_property
    def reader(self) -> Engine:
        """The engine for single-statement reads (pulls): on SQLite it never waits for a writer;
        on PostgreSQL it runs in autocommit, saving the BEGIN and ROLLBACK round trips."""
        if self.is_postgres:
            return self.engine.execution_options(isolation_level="AUTOCOMMIT")
        return self.engine.execution_options(read_only=True)

    @cached_property
    def statement_writer(self) -> Engine:
        """The engine for a write that is one statement: on PostgreSQL in autocommit (the statement
        is its own transaction, one round trip); on SQLite the writing engine (commit it)."""
        if self.is_postgres:
            return self.engine.execution_options(isolation_level="AUTOCOMMIT")
        return self.engine

    def dispose(self) -> None:
        self.engine.dispose()


def open_server_database(url: str, signing_key_file: Path | str | None = None) -> ServerDatabase:
    engine = make_engine(url)
    key_file = Path(signing_key_file).absolute() if signing_key_file else None
    return ServerDatabase(engine, sessionmaker(engine, expire_on_commit=False), signing_key_file=key_file)
