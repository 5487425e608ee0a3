"""A server (or a proxy in its place) answering JSON that is not the API: ``ServerGarbage``, never a
bare KeyError, and with ``python -O`` too (no check is an ``assert``)."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from counter_app.sync.http import HallClient, ServerGarbage

ANSWERS: dict[str, object] = {
    "/api/v1/login": {"access_token": "t"},  # no refresh token, no lifetime
    "/api/v1/refresh": {"access_token": "t", "refresh_token": "r", "expires_in": "soon"},
    "/api/v1/sync/pull": {"changes": [{"kind": "case"}], "cursor": "0:1"},  # a change without a key
    "/api/v1/sync/push": {"results": {"not": "a list"}},
}


class _NotTheApi(BaseHTTPRequestHandler):
    def _answer(self) -> None:
        body = json.dumps(ANSWERS.get(self.path.split("?")[0], {})).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _answer

    def log_message(self, *_args: object) -> None:
        pass


@pytest.fixture
def server_url() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _NotTheApi)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_answers_that_are_not_the_api_are_server_garbage(server_url: str) -> None:
    client = HallClient(server_url)
    calls = [
        lambda: client.login("dev", "secret", "wangfang", "pw"),
        lambda: client.refresh("dev", "secret", "old"),
        lambda: client.pull("token", "0:0"),
        lambda: client.push("token", []),
    ]
    for call in calls:
        with pytest.raises(ServerGarbage):
            call()


def test_the_checks_survive_python_dash_o(server_url: str) -> None:
    script = (
        "import sys\n"
        "from counter_app.sync.http import HallClient, ServerGarbage\n"
        f"client = HallClient({server_url!r})\n"
        "try:\n"
        "    client.pull('token', '0:0')\n"
        "except ServerGarbage:\n"
        "    sys.exit(0)\n"
        "sys.exit(3)\n"
    )
    done = subprocess.run([sys.executable, "-O", "-c", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
