"""Server configuration: a file (``hall-server.ini``, section ``[server]``) and the environment.

The environment wins over the file (``HALL_SERVER_<KEY>``), so a service unit or a container can
set the database address and secrets without writing them to disk. Nothing here is per-process
state: several server processes with the same configuration serve one hall.
"""

from __future__ import annotations

import configparser
import os
from dataclasses import dataclass, fields
from pathlib import Path

ENV_PREFIX = "HALL_SERVER_"


@dataclass(frozen=True)
class ServerConfig:
    database_url: str = "sqlite:///hall-server.sqlite"
    host: str = "127.0.0.1"
    port: int = 8750
    # server processes sharing the port; 0: one per CPU core (up to 4) on PostgreSQL, one on SQLite
    workers: int = 0
    # request threads per process: they share one GIL; with 300 windows, 4 gave a p99 of 59-69 ms,
    # 40 gave 90-180 ms (benchmarks/sync_hall.py)
    threads: int = 4
    tls_cert: str = ""
    tls_key: str = ""
    # the access tokens' signing key, a 0600 file every server process of the hall reads; empty:
    # beside the SQLite database, else beside the configuration file (hall_server/signing.py)
    signing_key_file: str = ""
    access_token_minutes: int = 15
    refresh_token_days: int = 30
    offline_login_days: int = 7
    offline_login_failures: int = 5
    # guessing: delays from the 3rd failed sign-in of a user name or device (doubling, 5 min at
    # most), a user name locked for 30 min (or until a supervisor unlocks it) at the 10th
    sign_in_delay_after: int = 3
    sign_in_lock_after: int = 10
    sign_in_lock_minutes: int = 30
    max_batch_ops: int = 500
    max_body_bytes: int = 8 * 1024 * 1024
    pull_page_size: int = 5000
    # the hall's clock: ticket numbers restart at its midnight, reports count its days
    timezone: str = "Asia/Shanghai"
    # the oldest client schema the server accepts (ops and API)
    min_client_schema: int = 1
    # 1: serve the API's documentation (/docs, /redoc, /openapi.json); the demo hall does
    api_docs: int = 0
    # tickets from the public kiosk routes (docs/queue.md), counted in the database so they hold
    # across server processes; 0: no limit. A kiosk serves a person every 10 s or more: 20 a
    # minute from one address; a busy hall issues a few thousand a day, at most ~10 a minute
    # at its peak: 60 a minute hall-wide; 绿色通道 tickets chosen at a kiosk without a clerk
    # confirming them: 6 an hour per address (a clerk signed in issues them without a limit)
    kiosk_tickets_per_minute: int = 20
    hall_tickets_per_minute: int = 60
    kiosk_green_per_hour: int = 6
    # the public progress page (办件查询): queries a minute from one address, and wrong pairs an
    # hour on one case number before it answers no more (guessing four characters needs thousands)
    progress_queries_per_minute: int = 30
    progress_misses_per_hour: int = 10


def _coerce(kind: type, raw: str, key: str) -> object:
    if kind is int:
        try:
            return int(raw)
        except ValueError:
            raise ValueError(f"{key} must be a whole number, not {raw!r}") from None
    return raw


def section_values(
    kind: type,
    section: str,
    path: Path | None,
    env: dict[str, str],
    env_prefix: str,
    kept_out: dict[str, str] | None = None,
) -> dict[str, object]:
    """The values a section of the configuration file and then the environment
    (``<env_prefix><KEY>``) give the fields of the dataclass *kind*, whole numbers read as such.
    The file is ``HALL_SERVER_CONFIG`` when *path* is None. An unknown key or a bad number raises
    ``ValueError`` naming it; a key of *kept_out* (never a field here) raises its message."""
    kept_out = kept_out or {}
    if path is None and env.get(ENV_PREFIX + "CONFIG"):
        path = Path(env[ENV_PREFIX + "CONFIG"])
    known = {f.name: f for f in fields(kind) if f.name not in kept_out}
    values: dict[str, object] = {}
    if path is not None:
        parser = configparser.ConfigParser(interpolation=None)
        if not parser.read(path, encoding="utf-8"):
            raise ValueError(f"configuration file not found: {path}")
        for key, raw in (parser[section] if parser.has_section(section) else {}).items():
            if key in kept_out:
                raise ValueError(f"{path}: {kept_out[key]}")
            if key not in known:
                raise ValueError(f"{path}: unknown key {key!r} in [{section}]")
            values[key] = _coerce(int if known[key].type in (int, "int") else str, raw, key)
    for name, f in known.items():
        from_env = env.get(env_prefix + name.upper())
        if from_env is not None:
            values[name] = _coerce(int if f.type in (int, "int") else str, from_env, name)
    return values


MAX_AUTO_WORKERS = 4


def process_count(configured: int, postgres: bool, cores: int | None = None) -> int:
    """How many server processes ``serve`` starts: as configured, else one per core (at most
    4) on PostgreSQL, where every process shares the state, and one on SQLite, where a second
    process would only wait for the same file's write lock."""
    if configured > 0:
        return configured
    if not postgres:
        return 1
    return max(1, min(MAX_AUTO_WORKERS, cores if cores is not None else (os.cpu_count() or 1)))


def load_config(path: Path | None = None, env: dict[str, str] | None = None) -> ServerConfig:
    """Defaults, then the file, then the environment; a bad value raises ``ValueError``."""
    env = dict(os.environ) if env is None else env
    return ServerConfig(**section_values(ServerConfig, "server", path, env, ENV_PREFIX))  # type: ignore[arg-type]
