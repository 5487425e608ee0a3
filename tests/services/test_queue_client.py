"""The window's queue calls against a real hall server: every action, refusals, a token refresh."""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from counter_app.services.queue import NEEDS_LOGIN, OFFLINE, QueueProblem, WindowQueue
from counter_app.sync.engine import Session
from tests.servers import ServerProcess
from tests.sync_helpers import WindowClient, window_client

pytestmark = pytest.mark.parametrize("hall_db", ["sqlite"], indirect=True)


def take_ticket(server: ServerProcess, queue: str) -> str:
    request = urllib.request.Request(
        server.url + "/api/v1/queue/tickets",
        data=json.dumps({"queue": queue}).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=10) as answer:
        return str(json.load(answer)["ticket"]["display"])


@pytest.fixture
def client(tmp_path: Path, hall: ServerProcess, hall_db: str) -> Iterator[WindowClient]:
    c = window_client(tmp_path / "w", hall.url, hall_db)
    yield c
    c.close()


def test_every_action_of_a_window(client: WindowClient, hall: ServerProcess) -> None:
    q = WindowQueue(client.engine)
    first, second, _third = take_ticket(hall, "A"), take_ticket(hall, "A"), take_ticket(hall, "A")
    assert [t.display for t in q.waiting()] == [first, second, _third]
    ticket = q.call_next()
    assert ticket is not None and ticket.display == first and ticket.status == "called"
    assert q.act("recall").call_count == 2
    assert q.act("no-show").status == "no_show"
    assert q.call(q.waiting()[0].id).display == second
    assert q.act("park", minutes=10).status == "parked"
    view = q.window()
    assert view.ticket is None and [p.display for p in view.parked] == [second]
    assert 590 <= -view.seconds_since(view.parked[0].recall_at) <= 600
    walk_in = q.walk_in()
    assert walk_in.status == "serving" and walk_in.kind == "walk_in"
    with pytest.raises(QueueProblem) as held:
        q.call_next()
    assert held.value.code == "ticket_held"
    q.act("finish")
    q.pause("开会")
    view = q.window()
    assert view.status == "paused" and view.pause_reason == "开会" and view.seconds_since(view.paused_at) >= 0
    with pytest.raises(QueueProblem) as paused:
        q.call_next()
    assert paused.value.code == "window_paused"
    q.resume()
    assert q.window().status == "idle"
    with pytest.raises(QueueProblem) as nothing:
        q.act("start")
    assert nothing.value.code == "no_ticket"
    assert {c.code for c in q.queues()} >= {"A", "B"}


def test_an_expired_access_token_is_refreshed(client: WindowClient) -> None:
    q = WindowQueue(client.engine)
    old, rotated = client.engine.session.token, client.engine.credentials.refresh_token
    client.engine.session = Session(old, 0.0)  # expired here
    assert q.window().window_code == "A01"
    assert client.engine.credentials.refresh_token != rotated and client.engine.session.valid()
    client.engine.session = Session("not-a-token", 1e12)  # refused there: one refresh, one retry
    assert q.window().status == "idle"
    client.engine.session = Session()
    client.engine.credentials.forget("refresh_token")
    with pytest.raises(QueueProblem) as signed_out:
        q.window()
    assert signed_out.value.code == NEEDS_LOGIN


def test_a_server_that_is_away_is_offline(client: WindowClient, hall: ServerProcess) -> None:
    q = WindowQueue(client.engine)
    hall.stop()
    with pytest.raises(QueueProblem) as away:
        q.window()
    assert away.value.code == OFFLINE
