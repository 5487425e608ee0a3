"""What the SMS provider stand-ins on loopback share (sms_gateway.py, cloud_sms.py): a threaded
HTTP server of its own process, ``POST /mode`` setting the answers of the next requests
(``{"modes": [...]}``, then ``ok``), every request written down (one JSON line, flushed) before
it is answered, and ``ready`` printed once it listens."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

LOCK = threading.Lock()
MODES: list[str] = []


class ProviderHandler(BaseHTTPRequestHandler):
    record: Path

    def log_message(self, *args: object) -> None:
        pass

    def answer(self, status: int, body: bytes, kind: str = "application/json") -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def body(self) -> bytes | None:
        """The request's body, or None when it was ``/mode`` (already answered)."""
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if self.path != "/mode":
            return raw
        with LOCK:
            MODES[:] = json.loads(raw)["modes"]
        self.answer(200, b"{}")
        return None

    def next_mode(self) -> str:
        """Under LOCK."""
        return MODES.pop(0) if MODES else "ok"

    def write_down(self, line: dict[str, Any]) -> None:
        """Under LOCK."""
        with self.record.open("a", encoding="utf-8") as out:
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
            out.flush()


def serve(port: int, handler: type[ProviderHandler]) -> None:
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    server.daemon_threads = True
    print("ready", flush=True)
    server.serve_forever()
