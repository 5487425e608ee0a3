"""The HTTP side of sync: one ``requests`` session to the hall server, answers checked.

Every failure becomes one of a few exceptions the sync engine knows how to handle; a server that
answers garbage (not JSON, wrong shape) is ``ServerGarbage``, never a crash.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import requests

from counter_app.sync.wire import API_PREFIX, CLIENT_TOO_OLD, CURSOR_TOO_OLD, SCHEMA_VERSION

TIMEOUT = (5.0, 30.0)  # connect, read


class SyncError(Exception):
    """Base of every failure talking to the hall server."""


class Offline(SyncError):
    """The server cannot be reached (network, DNS, refused, timeout, 5xx): try again later."""


class ServerGarbage(SyncError):
    """The server answered something that is not the API (a proxy page, truncated JSON)."""


class AuthExpired(SyncError):
    """The access token is no longer accepted: refresh, or log in again."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


class Refused(SyncError):
    """The server refused the request for a reason it states (revoked device, bad request)."""

    def __init__(self, status: int, code: str, message: str, detail: dict[str, Any]) -> None:
        super().__init__(f"{status} {code}: {message}")
        self.status, self.code, self.message, self.detail = status, code, message, detail


class ClientTooOld(Refused):
    """The server needs a newer client: ops stay queued until this PC is upgraded."""


class CursorTooOld(Refused):
    """The server's change log no longer reaches our cursor: reload a full snapshot."""


class InsecureServer(SyncError):
    """Plain HTTP to a non-loopback address without the explicit setting allowing it."""


def is_loopback(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_server_url(url: str, allow_plain_http: bool) -> str:
    parts = urlsplit(url.strip())
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise InsecureServer(f"not a server address: {url!r} (expected https://host:port)")
    if parts.scheme == "http" and not is_loopback(url) and not allow_plain_http:
        raise InsecureServer(
            f"{url}: plain HTTP is only allowed to this PC itself; use https:// or set allow_plain_http"
        )
    return url.strip().rstrip("/")


@dataclass
class HallClient:
    base_url: str
    ca_bundle: str = ""  # a hall's internal CA; empty: the system's trust store
    session: requests.Session | None = None

    def __post_init__(self) -> None:
        self.session = self.session or requests.Session()
        self.session.headers["User-Agent"] = "counter-app-sync"

    def _verify(self) -> bool | str:
        return self.ca_bundle or True

    def call(self, method: str, path: str, token: str | None = None, **kwargs: Any) -> dict[str, Any]:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        assert self.session is not None
        try:
            response = self.session.request(
                method,
                self.base_url + API_PREFIX + path,
                headers=headers,
                timeout=TIMEOUT,
                verify=self._verify(),
                **kwargs,
            )
        except requests.exceptions.SSLError as exc:
            raise Refused(0, "tls", f"the server's certificate is not trusted: {exc}", {}) from exc
        except (requests.ConnectionError, requests.Timeout) as exc:
            raise Offline(f"the hall server cannot be reached: {exc.__class__.__name__}") from exc
        except requests.RequestException as exc:
            raise Offline(str(exc)) from exc
        return self._answer(response)

    @staticmethod
    def _answer(response: requests.Response) -> dict[str, Any]:
        try:
            body = response.json()
        except ValueError:
            body = None
        if response.status_code >= 500 or response.status_code in (502, 503, 504):
            raise Offline(f"the hall server answered {response.status_code}")
        if not isinstance(body, dict):
            raise ServerGarbage(
                f"the hall server answered {response.status_code} with something that is not the API"
            )
        if response.status_code < 300:
            return body
        code = str(body.get("error", "error"))
        message = str(body.get("message", ""))[:500]
        if response.status_code == 401:
            raise AuthExpired(code, message)
        if response.status_code == 426 or code == CLIENT_TOO_OLD:
            raise ClientTooOld(response.status_code, code, message, body)
        if response.status_code == 410 or code == CURSOR_TOO_OLD:
            raise CursorTooOld(response.status_code, code, message, body)
        raise Refused(response.status_code, code, message, body)

    # -- the API ---------------------------------------------------------------------------------
    def hello(self) -> dict[str, Any]:
        return self.call("GET", "/hello")

    def enroll(self, code: str, hostname: str) -> dict[str, Any]:
        return self.call("POST", "/enroll", json={"code": code, "hostname": hostname})

    def login(self, device_id: str, device_secret: str, username: str, password: str) -> dict[str, Any]:
        body = {
            "device_id": device_id,
            "device_secret": device_secret,
            "username": username,
            "password": password,
        }
        return self.call("POST", "/login", json=body)

    def refresh(self, device_id: str, device_secret: str, refresh_token: str) -> dict[str, Any]:
        body = {"device_id": device_id, "device_secret": device_secret, "refresh_token": refresh_token}
        return self.call("POST", "/refresh", json=body)

    def push(self, token: str, ops: list[dict[str, Any]]) -> dict[str, Any]:
        answer = self.call("POST", "/sync/push", token, json={"schema_version": SCHEMA_VERSION, "ops": ops})
        if not isinstance(answer.get("results"), list):
            raise ServerGarbage("the push answer has no results")
        return answer

    def pull(self, token: str, cursor: str = "", limit: int = 0) -> dict[str, Any]:
        params: dict[str, Any] = {"cursor": cursor, "schema_version": SCHEMA_VERSION}
        if limit:
            params["limit"] = limit
        answer = self.call("GET", "/sync/pull", token, params=params)
        if not isinstance(answer.get("changes"), list) or not isinstance(answer.get("cursor"), str):
            raise ServerGarbage("the pull answer has no changes or cursor")
        return answer

    def cases(self, token: str, ids: list[str]) -> dict[str, Any]:
        answer = self.call("POST", "/sync/cases", token, json={"ids": ids})
        if not isinstance(answer.get("cases"), list):
            raise ServerGarbage("the cases answer has no cases")
        return answer

    def snapshot(self, token: str) -> dict[str, Any]:
        answer = self.call("GET", "/sync/snapshot", token, params={"schema_version": SCHEMA_VERSION})
        if not isinstance(answer.get("cursor"), str) or not isinstance(answer.get("items"), list):
            raise ServerGarbage("the snapshot has no cursor or items")
        return answer
