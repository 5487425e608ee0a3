"""The token signing key: a private file every server process reads, never a database row;
rotated by a command that running processes follow, without signing anybody out."""

from __future__ import annotations

import json
import os
import stat
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from sqlalchemy import create_engine, text

from hall_server.security import AccessClaims, read_access_token, sign_access_token
from hall_server.signing import KeySet, SigningKeys, read_key_file, rotate
from tests.hall_server.api import Device, enrol
from tests.servers import (
    Postgres,
    ServerProcess,
    admin,
    hall_server_cmd,
    hall_signing_key,
    server_env,
    signing_key_file,
)


def key_file(url: str) -> Path:
    """Where the hall at *url* keeps its key: signing_key_file for PostgreSQL, else beside the database."""
    configured = signing_key_file(url)
    if configured is not None:
        return configured
    db_file = Path(url.removeprefix("sqlite:///"))
    return db_file.with_name(db_file.stem + ".signing-key")


def _engine_url(url: str) -> str:
    return url.replace("postgresql://", "postgresql+psycopg://")


def meta_rows(url: str) -> dict[str, str]:
    engine = create_engine(_engine_url(url))
    try:
        with engine.connect() as conn:
            return {k: v for k, v in conn.execute(text("SELECT key, value FROM server_meta"))}
    finally:
        engine.dispose()


def sign_in(base: str, device: Device) -> str:
    answer = requests.post(
        base + "/api/v1/login",
        json={
            "device_id": device.device_id,
            "device_secret": device.secret,
            "username": "wangfang",
            "password": "counter-pass-1",
        },
        timeout=30,
    )
    assert answer.status_code == 200, answer.text
    return str(answer.json()["access_token"])


def refreshed(base: str, device: Device) -> str:
    answer = requests.post(
        base + "/api/v1/refresh",
        json={"device_id": device.device_id, "device_secret": device.secret, "refresh_token": device.refresh},
        timeout=30,
    )
    assert answer.status_code == 200, answer.text
    device.refresh = answer.json()["refresh_token"]
    return str(answer.json()["access_token"])


def pulls(base: str, device: Device, token: str) -> int:
    return Device(base, device.device_id, device.secret, token=token).pull("0:0").status_code


def signed_with(key: str, token: str) -> bool:
    return read_access_token(key, token) is not None


def test_a_rotation_reaches_every_running_process_and_keeps_earlier_tokens(
    hall: ServerProcess, hall_db: str, tmp_path: Path
) -> None:
    other = ServerProcess(hall_db, tmp_path / "other.log").start()  # a second process of the hall
    try:
        device = enrol(hall.url, hall_db)
        first_key = hall_signing_key(hall_db)
        before = device.token
        assert signed_with(first_key, before)
        assert pulls(other.url, device, before) == 200  # the processes share the key

        admin(hall_db, "rotate-signing-key")
        second_key = hall_signing_key(hall_db)
        assert second_key != first_key
        # a token issued before the rotation still works right after it, on both processes
        assert pulls(hall.url, device, before) == 200
        assert pulls(other.url, device, before) == 200
        # the running processes sign with the new key at once, without a restart
        for server in (hall, other):
            token = sign_in(server.url, device)
            assert signed_with(second_key, token) and not signed_with(first_key, token)
            assert pulls(hall.url, device, token) == 200 and pulls(other.url, device, token) == 200
        after = refreshed(other.url, device)
        assert signed_with(second_key, after)

        # the key leaked: rotated out at once, its tokens are refused everywhere
        admin(hall_db, "rotate-signing-key", "--drop-previous")
        third_key = hall_signing_key(hall_db)
        for server in (hall, other):
            for old in (before, after):
                answer = Device(server.url, device.device_id, device.secret, token=old).pull("0:0")
                assert answer.status_code == 401 and answer.json()["error"] == "bad_token"
        # refresh tokens are not signed: the window refreshes and carries on, nobody signs in again
        fresh = refreshed(hall.url, device)
        assert signed_with(third_key, fresh)
        assert pulls(other.url, device, fresh) == 200
    finally:
        other.stop()

    path = key_file(hall_db)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert read_key_file(path).current == third_key
    # the database holds no key: no legacy row, and no value anywhere in server_meta is one
    meta = meta_rows(hall_db)
    assert "token_signing_key" not in meta
    assert not {first_key, second_key, third_key} & set(meta.values())


def test_a_rotated_key_checks_tokens_only_until_they_expire(tmp_path: Path) -> None:
    path = tmp_path / "hall.signing-key"
    t0 = 1_800_000_000.0
    rotate(path, 0, now=t0)  # no file yet: a first key
    old = read_key_file(path).current
    token = sign_access_token(old, AccessClaims(1, "wangfang", "clerk", "d", int(t0) + 86400))
    keys = SigningKeys(path)
    assert keys.read(token, now=t0 + 1) is not None

    rotate(path, 15 * 60, now=t0 + 10)  # access tokens live 15 minutes
    assert keys.current() != old  # the file changed: read again at once
    assert keys.read(token, now=t0 + 11) is not None
    assert keys.read(token, now=t0 + 10 + 15 * 60) is not None
    assert keys.read(token, now=t0 + 10 + 17 * 60) is None  # 15 minutes and a margin later: refused

    rotate(path, 15 * 60, now=t0 + 3600)  # the long-expired key leaves the file
    kept = read_key_file(path)
    assert old not in {key for key, _ in kept.retired} and len(kept.retired) == 1
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_key_file_holding_just_a_key_is_read(tmp_path: Path) -> None:
    path = tmp_path / "key"
    path.write_text("k" * 40 + "\n")
    assert read_key_file(path) == KeySet("k" * 40)
    path.write_text("short\n")
    with pytest.raises(RuntimeError, match="not a signing key file"):
        read_key_file(path)


def _to_legacy(url: str, key: str) -> None:
    """The database as the previous release left it: the key a server_meta row, no key file."""
    key_file(url).unlink()
    engine = create_engine(_engine_url(url))
    try:
        with engine.begin() as conn:
            conn.execute(text("DELETE FROM server_meta WHERE key = 'initialised_at'"))
            conn.execute(
                text("INSERT INTO server_meta (key, value) VALUES ('token_signing_key', :key)"), {"key": key}
            )
    finally:
        engine.dispose()


@pytest.mark.parametrize("upgrade", ["init-db then serve", "serve"])
def test_an_upgrade_moves_the_key_out_of_the_database_and_signs_nobody_out(
    hall: ServerProcess, hall_db: str, upgrade: str
) -> None:
    device = enrol(hall.url, hall_db)
    key = hall_signing_key(hall_db)
    hall.stop()
    _to_legacy(hall_db, key)
    if upgrade == "init-db then serve":
        assert "up to date" in admin(hall_db, "init-db")
    hall.start()
    assert device.pull("0:0").status_code == 200  # the token from before the upgrade
    assert signed_with(key, sign_in(hall.url, device))
    path = key_file(hall_db)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600 and read_key_file(path).current == key
    assert "token_signing_key" not in meta_rows(hall_db)
    assert key not in meta_rows(hall_db).values()


@pytest.fixture
def empty_pg(pg_cluster: Postgres, tmp_path: Path) -> Iterator[str]:
    yield pg_cluster.create_database(f"keys_{os.getpid()}_{tmp_path.name[-12:].lower().replace('-', '_')}")


def test_on_postgresql_the_key_file_is_beside_the_configuration_or_must_be_set(
    empty_pg: str, tmp_path: Path
) -> None:
    env = {k: v for k, v in server_env(empty_pg).items() if k != "HALL_SERVER_SIGNING_KEY_FILE"}
    refused = subprocess.run(hall_server_cmd("init-db"), env=env, capture_output=True, text=True)
    assert refused.returncode == 2 and "signing_key_file" in refused.stderr
    assert meta_rows_or_none(empty_pg) is None  # nothing was changed

    config = tmp_path / "etc" / "hall-server.ini"
    config.parent.mkdir()
    config.write_text(f"[server]\ndatabase_url = {empty_pg}\n", encoding="utf-8")
    done = subprocess.run(
        hall_server_cmd("--config", str(config), "init-db"), env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    path = tmp_path / "etc" / "hall-server.signing-key"
    assert str(path) in done.stdout and stat.S_IMODE(path.stat().st_mode) == 0o600
    assert json.loads(path.read_text())["current"] not in meta_rows(empty_pg).values()
    # the commands that need no key work without knowing where it is
    exported = subprocess.run(hall_server_cmd("export", "-"), env=env, capture_output=True, text=True)
    assert exported.returncode == 0 and json.loads(exported.stdout)["format"] == "hall-server-export"


def meta_rows_or_none(url: str) -> dict[str, str] | None:
    engine = create_engine(_engine_url(url))
    try:
        with engine.connect() as conn:
            exists = conn.execute(text("SELECT to_regclass('server_meta')")).scalar()
    finally:
        engine.dispose()
    return meta_rows(url) if exists else None
