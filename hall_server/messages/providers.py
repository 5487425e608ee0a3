"""Where a message goes: the server's log (the default), a hall's own HTTP gateway (短信平台), or a
cloud SMS service (cloud.py). A provider answers each attempt with an ``Outcome``:

- sent: the provider took it (its reference kept);
- retry: it certainly did not take it (no connection, 429 or 503, its flow control): try again later;
- refused: it will never take it (a 4xx, an invalid number, its own error code): given up;
- unknown: the request may have reached it (a timeout after sending, another 5xx, an answer that is not one):
  tried again only with a provider that sends one message id once (``dedupes``), else in doubt.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import quote

import requests
from urllib3.exceptions import ConnectTimeoutError, NewConnectionError

from hall_server.messages.config import MessagesConfig
from hall_server.messages.reports import DELIVERED, UNDELIVERED, WAITING, Report, SentMessage

log = logging.getLogger("hall_server.messages")

SENT, RETRY, REFUSED, UNKNOWN, LOGGED = "sent", "retry", "refused", "unknown", "logged"


@dataclass(frozen=True)
class Outgoing:
    id: str
    event: str
    phone: str
    text: str
    params: dict[str, str]


@dataclass(frozen=True)
class Outcome:
    kind: str
    detail: str = ""
    ref: str = ""


class Provider(Protocol):
    name: str
    dedupes: bool

    def send(self, message: Outgoing) -> Outcome: ...

    def close(self) -> None: ...


class LogOnly:
    """No provider configured: the message is written to the worker's log, and its state says so."""

    name, dedupes, reports = "log", True, False

    def send(self, message: Outgoing) -> Outcome:
        log.info("text message %s (%s) to %s: %s", message.id, message.event, message.phone, message.text)
        return Outcome(LOGGED)

    def close(self) -> None:
        pass


def _not_sent(exc: requests.RequestException) -> Outcome:
    """RETRY when the request certainly never reached the gateway (no connection was made), else
    UNKNOWN; said by class names only (requests' own words quote the URL: a GET's phone and text)."""
    reasons = [getattr(arg, "reason", arg) for arg in exc.args]
    never_left = isinstance(exc, requests.ConnectTimeout) or any(
        isinstance(r, NewConnectionError | ConnectTimeoutError) for r in reasons
    )
    said = " ".join([type(exc).__name__, *(type(r).__name__ for r in reasons)])
    return Outcome(RETRY if never_left else UNKNOWN, said[:300])


class HttpGateway:
    """A hall's own SMS platform: one HTTP request per message, from the configured template
    (``{phone}``, ``{text}``, ``{message_id}``, ``{event}``, ``{sign_name}``), JSON or a form."""

    name = "http"

    def __init__(self, config: MessagesConfig) -> None:
        self.config = config
        self.dedupes = bool(config.http_dedupes)
        self.reports = bool(config.http_report_url)
        self.http = requests.Session()
        self.http.trust_env = False  # a hall's proxy variables are not the gateway's business

    def _fill(self, template: str, message: Outgoing, escape: bool) -> str:
        values = {
            "phone": message.phone,
            "text": message.text,
            "message_id": message.id,
            "event": message.event,
            "sign_name": self.config.sign_name,
        }
        for name, value in values.items():
            template = template.replace("{" + name + "}", json.dumps(value)[1:-1] if escape else value)
        return template

    def _headers(self) -> dict[str, str]:
        """The secret, as the header the gateway reads it from, where one is set."""
        c = self.config
        return {c.http_secret_header: c.secret} if c.http_secret_header and c.secret else {}

    def _request(self, message: Outgoing) -> dict[str, object]:
        c = self.config
        headers = self._headers()
        if c.http_format == "json":
            body = json.loads(self._fill(c.http_body, message, escape=True))
            if c.http_method.upper() == "GET":
                return {"params": body, "headers": headers}
            return {"json": body, "headers": headers}
        pairs = [p.partition("=") for p in c.http_body.split("&") if p]
        form = {k: self._fill(v, message, escape=False) for k, _, v in pairs}
        return {"params" if c.http_method.upper() == "GET" else "data": form, "headers": headers}

    def send(self, message: Outgoing) -> Outcome:
        c = self.config
        try:
            answer = self.http.request(
                c.http_method.upper(),
                c.http_url,
                timeout=(c.timeout_seconds, c.timeout_seconds),
                allow_redirects=False,
                **self._request(message),  # type: ignore[arg-type]
            )
        except requests.RequestException as exc:
            return _not_sent(exc)
        said = answer.text[:200]
        if answer.status_code in (429, 503):  # busy: it says it did not take the message
            return Outcome(RETRY, f"HTTP {answer.status_code}: {said}")
        if answer.status_code >= 500:  # a proxy's 502/504, the gateway's 500: it may have sent it
            return Outcome(UNKNOWN, f"HTTP {answer.status_code}: {said}")
        if answer.status_code >= 300:
            return Outcome(REFUSED, f"HTTP {answer.status_code}: {said}")
        try:
            body = answer.json()
        except ValueError:
            body = None
        if not c.http_success:
            return Outcome(SENT, "", _reference(body))
        field, _, wanted = c.http_success.partition("=")
        if body is None:
            return Outcome(UNKNOWN, f"the gateway's answer is not JSON: {said!r}")
        if not isinstance(body, dict) or field not in body:
            return Outcome(UNKNOWN, f"the gateway's answer has no {field!r}: {said!r}")
        if str(body[field]) != wanted:
            said = json.dumps(body, ensure_ascii=False)[:200]
            return Outcome(REFUSED, f"the gateway answered {field}={body[field]}: {said}")
        return Outcome(SENT, "", _reference(body))

    def check(self, message: SentMessage) -> Report:
        """The gateway's report of *message*: a GET of ``http_report_url``; its JSON's
        ``http_report_field`` says delivered, undelivered (the code kept) or neither yet."""
        c = self.config
        url = c.http_report_url.replace("{message_id}", quote(message.id, safe=""))
        url = url.replace("{ref}", quote(message.ref, safe=""))
        try:
            answer = self.http.get(
                url,
                headers=self._headers(),
                timeout=(c.timeout_seconds, c.timeout_seconds),
                allow_redirects=False,
            )
        except requests.RequestException as exc:
            return Report(WAITING, _not_sent(exc).detail)
        try:
            body = answer.json() if answer.status_code == 200 else None
        except ValueError:
            body = None
        if not isinstance(body, dict):
            return Report(WAITING, f"HTTP {answer.status_code}: not a report: {answer.text[:100]!r}")
        said = body.get(c.http_report_field)
        status = "" if said is None else str(said).strip()  # a status of 0 is one
        if status in _codes(c.http_report_delivered):
            return Report(DELIVERED)
        if status in _codes(c.http_report_undelivered):
            return Report(UNDELIVERED, status[:300])
        return Report(WAITING)

    def close(self) -> None:
        self.http.close()


def _codes(listed: str) -> set[str]:
    return {code.strip() for code in listed.split(",") if code.strip()}


def _reference(body: object) -> str:
    """The gateway's own id of the message, where its JSON answer gives one."""
    if isinstance(body, dict):
        for key in ("id", "msgid", "msg_id", "message_id", "serial_no", "biz_id"):
            if body.get(key) not in (None, ""):
                return str(body[key])[:100]
    return ""
