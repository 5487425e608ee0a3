"""The SMS gateway process on loopback and the message worker as IT runs them, for the tests."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import requests

from tests.servers import free_port, hall_server_cmd, server_env


class GatewayProcess:
    """tests/hall_server/sms_gateway.py (a hall's own gateway) or, with *module* cloud_sms, the
    cloud providers' APIs."""

    def __init__(self, folder: Path, dedupe: bool = False, module: str = "sms_gateway") -> None:
        self.record = folder / f"{module}.jsonl"
        self.port, self.dedupe, self.module = free_port(), dedupe, module
        self.proc: subprocess.Popen[str] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> GatewayProcess:
        args = [sys.executable, "-m", f"tests.hall_server.{self.module}", str(self.port), str(self.record)]
        self.proc = subprocess.Popen(
            [*args, *(["--dedupe"] if self.dedupe else [])], stdout=subprocess.PIPE, text=True
        )
        assert self.proc.stdout is not None and self.proc.stdout.readline().strip() == "ready"
        return self

    def modes(self, *modes: str) -> None:
        requests.post(self.url + "/mode", json={"modes": list(modes)}, timeout=5).raise_for_status()

    def requests(self) -> list[dict[str, Any]]:
        if not self.record.exists():
            return []
        return [json.loads(line) for line in self.record.read_text(encoding="utf-8").splitlines()]

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.kill()
            self.proc.wait(10)
            if self.proc.stdout:
                self.proc.stdout.close()
            self.proc = None


def messages_config(folder: Path, gateway_url: str, **extra: object) -> Path:
    """A configuration file with a [messages] section for the hall's own gateway."""
    values: dict[str, object] = {
        "provider": "http",
        "http_url": gateway_url + "/send",
        "http_success": "code=0",
        "http_secret_header": "Authorization",
        "timeout_seconds": 2,
        "retry_seconds": 1,
        "max_attempts": 8,
        **extra,
    }
    path = folder / "hall-server.ini"
    path.write_text("[messages]\n" + "".join(f"{k} = {v}\n" for k, v in values.items()), encoding="utf-8")
    return path


def worker_process(url: str, config: Path, log: Path, *args: str) -> subprocess.Popen[bytes]:
    env = {**server_env(url), "HALL_SERVER_SMS_SECRET": "Bearer gw-token"}
    with log.open("ab") as out:
        return subprocess.Popen(
            hall_server_cmd("--config", str(config), "send-messages", *args),
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
