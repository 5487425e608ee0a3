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


@pytest.mark.parametrize(
    "snapshots",
    [
        {"0" * 64: {"name": "居民身份证换领"}},  # a snapshot under a key that is not its content's
        {},  # a case naming a snapshot the page does not carry
        ["not", "a", "map"],
    ],
)
def test_a_pages_item_snapshots_must_be_what_their_keys_say(
    server_url: str, snapshots: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = {"id": "c1", "item_snapshot_key": "0" * 64}
    page = {"changes": [{"kind": "case", "key": "c1", "data": case}], "cursor": "0:1", "snapshots": snapshots}
    monkeypatch.setitem(ANSWERS, "/api/v1/sync/pull", page)
    with pytest.raises(ServerGarbage):
        HallClient(server_url).pull("token", "0:0")


def test_a_pages_cases_of_one_item_get_its_snapshot(server_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from counter_app.domain.canonical_json import snapshot_key

    item = {"code": "010700100000", "name": "居民身份证换领", "version": 1}
    key = snapshot_key(item)
    changes = [{"kind": "case", "key": c, "data": {"id": c, "item_snapshot_key": key}} for c in ("c1", "c2")]
    page = {"changes": changes, "cursor": "0:2", "snapshots": {key: item}}
    monkeypatch.setitem(ANSWERS, "/api/v1/sync/pull", page)
    answer = HallClient(server_url).pull("token", "0:0")
    assert [c["data"]["item_snapshot"] for c in answer["changes"]] == [item, item]


def test_a_case_naming_its_snapshot_by_something_not_a_key_is_garbage(
    server_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = {"id": "c1", "item_snapshot_key": ["0" * 64]}  # unhashable: no TypeError escapes
    page = {"changes": [{"kind": "case", "key": "c1", "data": case}], "cursor": "0:1", "snapshots": {}}
    monkeypatch.setitem(ANSWERS, "/api/v1/sync/pull", page)
    with pytest.raises(ServerGarbage):
        HallClient(server_url).pull("token", "0:0")
