"""Talking to a hall server process as a device would, with plain HTTP calls."""

from __future__ import annotations

import itertools
import uuid
from dataclasses import dataclass
from typing import Any

import requests

from tests.servers import PASSWORD, enrollment_code


@dataclass
class Device:
    base: str
    device_id: str
    secret: str
    token: str = ""
    refresh: str = ""
    device_code: str = "W01"
    window_code: str = "A01"

    def post(
        self, path: str, body: Any = None, *, token: str | None = None, raw: bytes | None = None
    ) -> requests.Response:
        headers = {"Authorization": f"Bearer {token if token is not None else self.token}"}
        if raw is not None:
            headers["Content-Type"] = "application/json"
            return requests.post(self.base + "/api/v1" + path, data=raw, headers=headers, timeout=30)
        return requests.post(self.base + "/api/v1" + path, json=body, headers=headers, timeout=30)

    def push(self, ops: list[dict[str, Any]], **kw: Any) -> requests.Response:
        return self.post("/sync/push", {"schema_version": 1, "ops": ops}, **kw)

    def pull(self, cursor: str, limit: int = 1000) -> requests.Response:
        return requests.get(
            self.base + "/api/v1/sync/pull",
            params={"cursor": cursor, "limit": limit, "schema_version": 1},
            headers={"Authorization": f"Bearer {self.token}"},
            timeout=30,
        )


def enrol(base: str, db_url: str, device: str = "W01", user: str = "wangfang", window: str = "A01") -> Device:
    code = enrollment_code(db_url, device, window)
    answer = requests.post(
        base + "/api/v1/enroll", json={"code": code, "hostname": "test"}, timeout=30
    ).json()
    d = Device(base, answer["device_id"], answer["device_secret"], device_code=device, window_code=window)
    login = requests.post(
        base + "/api/v1/login",
        json={"device_id": d.device_id, "device_secret": d.secret, "username": user, "password": PASSWORD},
        timeout=30,
    ).json()
    d.token, d.refresh = login["access_token"], login["refresh_token"]
    return d


_numbers = itertools.count()


def device_number(device: str = "W01", series: str = "", day: str = "20261124") -> str:
    """A fresh number as device *device* makes them: ``{series}{hall}{device}{yyyymmdd}{seq}``."""
    return f"{series}330100{device}{day}{next(_numbers) % 9999 + 1:04d}"


def consult_op(
    seq: int, number: str | None = None, op_id: str | None = None, device: str = "W01", window: str = "A01"
) -> dict[str, Any]:
    cid = str(uuid.uuid4())
    return {
        "op_id": op_id or str(uuid.uuid4()),
        "seq": seq,
        "op_type": "consult.record",
        "schema_version": 1,
        "actor": "",
        "payload": {
            "id": cid,
            "number": number or device_number(device, "ZX"),
            "item_code": None,
            "item_name": "",
            "question": "营业执照办理需要什么材料？",
            "answer": "见一次性告知单",
            "window_code": window,
            "clerk": "王芳",
            "created_at": "2026-11-24T09:00:00",
        },
    }


def op(seq: int, op_type: str, payload: dict[str, Any]) -> dict[str, Any]:
    """One outbox op as a window sends it."""
    return {
        "op_id": str(uuid.uuid4()),
        "seq": seq,
        "op_type": op_type,
        "schema_version": 1,
        "actor": "",
        "payload": payload,
    }
