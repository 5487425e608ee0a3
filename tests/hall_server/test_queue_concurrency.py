"""Windows calling from one queue at once while kiosks issue tickets, against a real server
process: every ticket is called exactly once, none is skipped, numbers are never doubled."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests
from sqlalchemy import func, select

from hall_server.db import open_server_database
from hall_server.queue.models import TicketEventRow, TicketRow
from tests.hall_server.api import Device, enrol
from tests.servers import ServerProcess

WINDOWS = ("A01", "A02", "A03", "A04", "C01")  # all serve queue A
TICKETS_PER_KIOSK = 30


@pytest.fixture
def hall(hall_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[ServerProcess]:
    """Two kiosks at one address issue as fast as they can: the kiosk limits are off (0)."""
    monkeypatch.setenv("HALL_SERVER_KIOSK_TICKETS_PER_MINUTE", "0")
    monkeypatch.setenv("HALL_SERVER_HALL_TICKETS_PER_MINUTE", "0")
    server = ServerProcess(hall_db, tmp_path / "server.log").start()
    yield server
    server.stop()


def _kiosk(base: str) -> list[str]:
    with requests.Session() as http:
        return [
            http.post(base + "/api/v1/queue/tickets", json={"queue": "A"}, timeout=30).json()["ticket"][
                "display"
            ]
            for _ in range(TICKETS_PER_KIOSK)
        ]


def _window(device: Device, kiosks_done: threading.Event) -> list[str]:
    served: list[str] = []
    headers = {"Authorization": f"Bearer {device.token}"}
    with requests.Session() as http:
        while True:
            answer = http.post(device.base + "/api/v1/queue/call-next", headers=headers, timeout=30)
            assert answer.status_code == 200, answer.text
            ticket = answer.json()["ticket"]
            if ticket is None:
                if kiosks_done.is_set():
                    return served
                continue
            served.append(ticket["display"])
            done = http.post(
                device.base + "/api/v1/queue/ticket/finish", headers=headers, json={}, timeout=30
            )
            assert done.status_code == 200, done.text


def test_windows_calling_at_once_serve_every_ticket_exactly_once(hall: ServerProcess, hall_db: str) -> None:
    devices = [enrol(hall.url, hall_db, device=f"W{n:02d}", window=w) for n, w in enumerate(WINDOWS)]
    kiosks_done = threading.Event()
    with ThreadPoolExecutor(len(WINDOWS) + 2) as pool:
        windows = [pool.submit(_window, d, kiosks_done) for d in devices]
        kiosks = [pool.submit(_kiosk, hall.url) for _ in range(2)]
        issued = [t for k in kiosks for t in k.result()]
        kiosks_done.set()
        served = [t for w in windows for t in w.result()]
    assert len(issued) == len(set(issued)) == 2 * TICKETS_PER_KIOSK  # no number given twice
    assert sorted(served) == sorted(issued)  # each served once, none skipped
    assert sum(1 for w in windows if w.result()) > 1  # the windows really competed
    db = open_server_database(hall_db)
    try:
        with db.sessions() as s:
            calls = s.execute(
                select(TicketEventRow.ticket_id, func.count())
                .where(TicketEventRow.kind == "called")
                .group_by(TicketEventRow.ticket_id)
            ).all()
            assert len(calls) == len(issued) and all(n == 1 for _, n in calls)
            assert s.scalar(select(func.count()).where(TicketRow.status != "done")) == 0
    finally:
        db.dispose()
