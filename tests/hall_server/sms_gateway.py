"""A hall's SMS gateway (短信平台) on loopback, as a process of its own: it writes down every
request it receives (one JSON line, flushed, before it answers) and answers as told.

``python -m tests.hall_server.sms_gateway PORT RECORD_FILE [--dedupe]``. Its behaviour is set by
``POST /mode`` with ``{"modes": [...]}``, one for each next request (then ``ok``):
ok (``{"code": 0, "id": ...}``), fail (503), crash (500), reject (400), refuse (200 with ``code`` 17),
garbage (200, not JSON), hang (records the message, then answers after 60 s: a timeout, or
a worker killed while it waits). With ``--dedupe`` a message id it took before is answered
``ok`` again and not delivered twice: the record says which requests delivered a message.

Delivery reports: ``GET /report?id=MESSAGE_ID`` answers ``{"status": ...}`` in CMPP's words:
DELIVRD for a message taken with ``ok``, UNDELIV with ``ok-undelivered``, nothing yet
(``ACCEPTD``) with ``ok-waiting`` or for an id it never took; a ``report-garbage`` mode makes the
next report's answer unreadable.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from tests.hall_server.loopback_provider import LOCK, ProviderHandler, serve

_state: dict[str, Any] = {"taken": set(), "count": 0}
REPORTS: dict[str, str] = {}  # message id -> its delivery report
SAID = {"ok": "DELIVRD", "ok-undelivered": "UNDELIV", "ok-waiting": "ACCEPTD"}


class Gateway(ProviderHandler):
    dedupe: bool

    def do_GET(self) -> None:
        asked = dict(parse_qsl(urlsplit(self.path).query))
        with LOCK:
            mode = self.next_mode()
            auth = self.headers.get("Authorization")
            self.write_down({"report": asked, "mode": mode, "delivered": False, "auth": auth, "body": {}})
            status = REPORTS.get(asked.get("id", ""), "ACCEPTD")
        if mode == "report-garbage":
            self.answer(502, b"<html>Bad Gateway</html>", "text/html")
        else:
            self.answer(200, json.dumps({"code": 0, "id": asked.get("id"), "status": status}).encode())

    def do_POST(self) -> None:
        raw = self.body()
        if raw is None:
            return
        if self.headers.get("Content-Type", "").startswith("application/json"):
            body = json.loads(raw)
        else:
            body = dict(parse_qsl(raw.decode()))
        with LOCK:
            mode = self.next_mode()
            repeat = body.get("id") in _state["taken"]
            delivered = mode in ("ok", "hang", "garbage", *SAID) and not (self.dedupe and repeat)
            if delivered:
                _state["taken"].add(body.get("id"))
                REPORTS[str(body.get("id"))] = SAID.get(mode, "DELIVRD")
            _state["count"] += 1
            ref = f"gw-{_state['count']}"
            auth = self.headers.get("Authorization")
            self.write_down({"body": body, "mode": mode, "delivered": delivered, "auth": auth})
        if mode == "hang":
            time.sleep(60)
        if mode == "fail":
            self.answer(503, b'{"code": 503, "message": "busy"}')
        elif mode == "crash":
            self.answer(500, b"Internal Server Error", "text/plain")
        elif mode == "reject":
            self.answer(400, b'{"code": 400, "message": "bad mobile"}')
        elif mode == "refuse":
            self.answer(200, json.dumps({"code": 17, "message": "黑名单号码"}).encode())
        elif mode == "garbage":
            self.answer(200, b"<html>gateway error</html>", "text/html")
        else:
            self.answer(200, json.dumps({"code": 0, "id": ref}).encode())


def main() -> None:
    port, record = int(sys.argv[1]), Path(sys.argv[2])
    Gateway.record, Gateway.dedupe = record, "--dedupe" in sys.argv
    if record.exists():  # restarted after an outage: what it delivered before still counts
        for line in record.read_text(encoding="utf-8").splitlines():
            seen = json.loads(line)
            if seen["delivered"]:
                _state["taken"].add(seen["body"].get("id"))
    serve(port, Gateway)


if __name__ == "__main__":
    main()
