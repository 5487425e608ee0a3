"""The HTTP side of sync: one ``requests`` session to the hall server, answers checked.

Every failure becomes one of a few exceptions the sync engine knows how to handle; a server that
answers garbage (not JSON, wrong shape) is ``ServerGarbage``, never a crash.

Transport policy, checked on the final URL of every request (not only once on the configured
address): the address must be in the plain form every parser reads alike
(``counter_app.domain.server_address``), and both ``urllib.parse`` and urllib3 must see the same
host in it; plain HTTP goes only to this PC itself unless IT's system-wide file sets
``allow_plain_http``. Redirects are never followed: a 3xx answer is ``Redirected``, so an answer
cannot move the client to another host or from HTTPS to HTTP. A 5xx answer other than a gateway's
502/503/504 is ``ServerFailed`` (a server bug), which the engine tells apart from being offline.
"""

from __future__ import annotations

import ssl
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import orjson
import requests
from requests.adapters import HTTPAdapter
from urllib3.util import parse_url

from counter_app.domain.canonical_json import snapshot_key
from counter_app.domain.server_address import host_is_loopback, parse_authority, parse_server_url
from counter_app.sync.wire import (
    API_PREFIX,
    CLIENT_TOO_OLD,
    CURSOR_TOO_OLD,
    SCHEMA_VERSION,
    SNAPSHOTS_BY_KEY,
    json_body,
    snapshots_apart,
)

TIMEOUT = (5.0, 30.0)  # connect, read
GATEWAY_STATUSES = (502, 503, 504)  # a proxy in front of the server saying it is away: offline


class SyncError(Exception):
    """Base of every failure talking to the hall server."""


class Offline(SyncError):
    """The server cannot be reached (network, DNS, refused, timeout, a gateway's 502/503/504):
    try again later."""


class ServerFailed(Offline):
    """The server was reached but failed on the request (500 and other 5xx): a server bug, or a
    server that cannot reach its database. An ``Offline`` for the callers that only need to know
    the server cannot be used now (offline sign-in, the queue strip); the sync engine tells it apart
    and counts it per op, so a bug that fails on one op is shown as such, not as an outage."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


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


class Redirected(Refused):
    """The answer was a redirect (3xx): never followed, the address in the settings is wrong
    (or something between this PC and the server answers in its place)."""


class ClientSettingsError(SyncError):
    """This PC's settings for the server cannot be used (address, CA file): IT must fix them."""


class InsecureServer(ClientSettingsError):
    """An address that is not in the plain form, or plain HTTP to another machine without
    IT's ``allow_plain_http``."""


class CaFileProblem(ClientSettingsError):
    """The ``ca_bundle`` file cannot be read or holds no certificate."""


def is_loopback(url: str) -> bool:
    """The address is in the plain form and names this PC itself."""
    address = parse_server_url(url.strip())
    return address is not None and address.loopback


def check_server_url(url: str, allow_plain_http: bool) -> str:
    """The configured address as the client uses it (no trailing slash), or ``InsecureServer``."""
    address = parse_server_url(url.strip())
    if address is None:
        raise InsecureServer(
            f"not a usable server address: {url!r}; write it plainly as https://host:port "
            "(no user name or @, no \\, %, spaces, ? or #)"
        )
    if address.scheme == "http" and not address.loopback and not allow_plain_http:
        raise InsecureServer(
            f"{address.url}: plain HTTP is only allowed to this PC itself; use https:// "
            "(or IT sets allow_plain_http in the system-wide settings file)"
        )
    return address.url


def check_request_url(url: str, allow_plain_http: bool) -> None:
    """The policy on a request's final URL: plain authority, one host for every parser, no plain
    HTTP to another machine unless allowed. Raises ``InsecureServer``; sends nothing."""
    parts = urlsplit(url)
    ours = parse_authority(parts.netloc)
    try:
        theirs = parse_url(url)
    except ValueError:
        theirs = None
    if (
        parts.scheme not in ("http", "https")
        or ours is None
        or theirs is None
        or theirs.scheme != parts.scheme
        or theirs.auth is not None
        or (theirs.host or "").strip("[]").lower() != ours[0]
        or theirs.port != ours[1]
    ):
        raise InsecureServer(f"refused to send a request to {url!r}: not a plain server address")
    if parts.scheme == "http" and not host_is_loopback(ours[0]) and not allow_plain_http:
        raise InsecureServer(
            f"refused to send a request to {url!r}: plain HTTP is only allowed to this PC itself"
        )


def ca_file_problem(path: str) -> str | None:
    """Why the CA file at *path* cannot be used (English, for IT), or None when it can."""
    try:
        ssl.create_default_context(cafile=path)
    except (ssl.SSLError, ValueError):  # before OSError: an SSLError is one
        return "not a PEM file of CA certificates"
    except FileNotFoundError:
        return "no such file"
    except IsADirectoryError:
        return "a folder, not a file"
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc})"
    return None


class _CheckedAdapter(HTTPAdapter):
    """Checks the URL of every request just before urllib3 gets it."""

    def __init__(self, allow_plain_http: bool) -> None:
        super().__init__()
        self.allow_plain_http = allow_plain_http

    def send(self, request: requests.PreparedRequest, *args: Any, **kwargs: Any) -> requests.Response:
        check_request_url(str(request.url), self.allow_plain_http)
        return super().send(request, *args, **kwargs)


@dataclass
class HallClient:
    base_url: str
    ca_bundle: str = ""  # a hall's internal CA; empty: the system's trust store
    session: requests.Session | None = None
    allow_plain_http: bool = False  # IT's system-wide allow_plain_http

    def __post_init__(self) -> None:
        self.base_url = check_server_url(self.base_url, self.allow_plain_http)
        self.session = self.session or requests.Session()
        self.session.headers["User-Agent"] = "counter-app-sync"
        adapter = _CheckedAdapter(self.allow_plain_http)
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)

    def _verify(self) -> bool | str:
        return self.ca_bundle or True

    def call(self, method: str, path: str, token: str | None = None, **kwargs: Any) -> dict[str, Any]:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        if "json" in kwargs:
            kwargs["data"] = json_body(kwargs.pop("json"))
            headers["Content-Type"] = "application/json"
        assert self.session is not None
        try:
            response = self.session.request(
                method,
                self.base_url + API_PREFIX + path,
                headers=headers,
                timeout=TIMEOUT,
                verify=self._verify(),
                allow_redirects=False,
                **kwargs,
            )
        except requests.exceptions.SSLError as exc:
            problem = ca_file_problem(self.ca_bundle) if self.ca_bundle else None
            if problem:
                raise CaFileProblem(f"the CA file {self.ca_bundle} (ca_bundle): {problem}") from exc
            raise Refused(0, "tls", f"the server's certificate is not trusted: {exc}", {}) from exc
        except (requests.ConnectionError, requests.Timeout) as exc:
            raise Offline(f"the hall server cannot be reached: {exc.__class__.__name__}") from exc
        except requests.RequestException as exc:
            raise Offline(str(exc)) from exc
        except OSError as exc:  # requests checks that the CA file is there before connecting
            problem = ca_file_problem(self.ca_bundle) if self.ca_bundle else None
            raise CaFileProblem(f"the CA file {self.ca_bundle} (ca_bundle): {problem or exc}") from exc
        return self._answer(response)

    @staticmethod
    def _answer(response: requests.Response) -> dict[str, Any]:
        try:  # orjson: a pull page of 1,000 whole cases is ~5 MB of JSON
            body = orjson.loads(response.content)
        except ValueError:
            body = None
        status = response.status_code
        if status in GATEWAY_STATUSES:
            raise Offline(f"the hall server cannot be reached: its gateway answered {status}")
        if status >= 500:
            raise ServerFailed(status, f"the hall server failed on the request (HTTP {status})")
        if 300 <= status < 400:
            location = response.headers.get("Location", "")[:200]
            raise Redirected(
                status,
                "redirect",
                f"the hall server answered with a redirect (HTTP {status} to {location!r}), which is "
                "not followed: check server_url (the hall server's own address, https://host:port)",
                {},
            )
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
        return _session_answer(self.call("POST", "/login", json=body))

    def refresh(self, device_id: str, device_secret: str, refresh_token: str) -> dict[str, Any]:
        body = {"device_id": device_id, "device_secret": device_secret, "refresh_token": refresh_token}
        return _session_answer(self.call("POST", "/refresh", json=body))

    def push(self, token: str, ops: list[dict[str, Any]], snapshots_by_key: bool = False) -> dict[str, Any]:
        """*snapshots_by_key*: each case's item snapshot sent once, named by key in the ops
        (``wire.snapshots_apart``), for a server whose ``/hello`` says it takes them so."""
        body: dict[str, Any] = {"schema_version": SCHEMA_VERSION, "ops": ops}
        if snapshots_by_key:
            body["ops"], body["snapshots"] = snapshots_apart(ops)
        answer = self.call("POST", "/sync/push", token, json=body)
        if not isinstance(answer.get("results"), list):
            raise ServerGarbage("the push answer has no results")
        return answer

    def pull(self, token: str, cursor: str = "", limit: int = 0) -> dict[str, Any]:
        params: dict[str, Any] = {
            "cursor": cursor,
            "schema_version": SCHEMA_VERSION,
            "item_snapshots": SNAPSHOTS_BY_KEY,
        }
        if limit:
            params["limit"] = limit
        answer = self.call("GET", "/sync/pull", token, params=params)
        if not isinstance(answer.get("changes"), list) or not isinstance(answer.get("cursor"), str):
            raise ServerGarbage("the pull answer has no changes or cursor")
        snapshots = _snapshots(answer.get("snapshots"))
        for change in answer["changes"]:
            if not (
                isinstance(change, dict)
                and isinstance(change.get("kind"), str)
                and isinstance(change.get("key"), str)
                and ("data" not in change or change["data"] is None or isinstance(change["data"], dict))
            ):
                raise ServerGarbage("the pull answer has a change that is not one")
            data = change.get("data")
            if data and "item_snapshot_key" in data and "item_snapshot" not in data:
                named = data["item_snapshot_key"]
                snapshot = snapshots.get(named) if isinstance(named, str) else None
                if snapshot is None:
                    raise ServerGarbage("the pull answer names an item snapshot it does not carry")
                data["item_snapshot"] = snapshot  # shared by the page's cases of one item
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


def _snapshots(value: Any) -> dict[str, dict[str, Any]]:
    """A pull page's item snapshots by key (none from a server that sends cases whole), each
    checked against its key: a key always means the same item in this window's cache."""
    if value is None:
        return {}
    if not isinstance(value, dict) or not all(isinstance(v, dict) for v in value.values()):
        raise ServerGarbage("the pull answer's item snapshots are not a map of items")
    for key, snapshot in value.items():
        if snapshot_key(snapshot) != key:
            raise ServerGarbage("an item snapshot in the pull answer does not match its key")
    return value


def _session_answer(answer: dict[str, Any]) -> dict[str, Any]:
    """A login or refresh answer must carry both tokens and a lifetime, or it is not the API."""
    expires = answer.get("expires_in")
    if (
        not isinstance(answer.get("access_token"), str)
        or not isinstance(answer.get("refresh_token"), str)
        or isinstance(expires, bool)
        or not isinstance(expires, int | float)
    ):
        raise ServerGarbage("the sign-in answer has no tokens")
    return answer
