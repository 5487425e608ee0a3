"""Limits on the public ticket routes, through real server processes on SQLite and PostgreSQL:
per kiosk address, for the whole hall (across server processes), 绿色通道 tickets without a
clerk; a refused ticket takes no number. Kiosks at other addresses are real loopback addresses
(127.0.0.2, ...): Linux routes the whole 127/8 to the loopback interface."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
from requests.adapters import HTTPAdapter
from sqlalchemy import select

from hall_server.db import open_server_database
from hall_server.queue.models import TicketCounterRow, TicketEventRow, TicketRow
from tests.hall_server.api import enrol
from tests.servers import ServerProcess

TICKETS = "/api/v1/queue/tickets"


class _FromAddress(HTTPAdapter):
    def __init__(self, address: str) -> None:
        self.address = address
        super().__init__()

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        kwargs["source_address"] = (self.address, 0)
        super().init_poolmanager(*args, **kwargs)


class Kiosk:
    """A kiosk PC at its own address, taking tickets through the public route."""

    def __init__(self, address: str) -> None:
        self.http = requests.Session()
        self.http.mount("http://", _FromAddress(address))

    def take(self, server: ServerProcess, priority: str | None = None, **headers: str) -> requests.Response:
        body = {"queue": "A", "phone": None, "priority": priority}
        return self.http.post(server.url + TICKETS, json=body, headers=headers, timeout=30)


def numbers(answers: list[requests.Response]) -> list[str]:
    return [a.json()["ticket"]["display"] for a in answers if a.status_code == 201]


def refusals(answers: list[requests.Response]) -> list[str]:
    return [a.json()["error"] for a in answers if a.status_code != 201]


def stored(db_url: str) -> tuple[list[str], int, list[tuple[str, str | None]]]:
    """Tickets issued (numbers), the day's counter, and (actor, address) of each issue."""
    db = open_server_database(db_url)
    try:
        with db.sessions() as s:
            displays = list(s.scalars(select(TicketRow.display).order_by(TicketRow.number)))
            last = int(s.scalar(select(TicketCounterRow.last).where(TicketCounterRow.queue_code == "A")) or 0)
            issues = [
                (e.actor, e.detail.get("address"))
                for e in s.scalars(
                    select(TicketEventRow).where(TicketEventRow.kind == "issued").order_by(TicketEventRow.id)
                )
            ]
            return displays, last, issues
    finally:
        db.dispose()


Start = Callable[..., ServerProcess]


@pytest.fixture
def limited(hall_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Start]:
    """Start hall server processes with small limits (set as IT sets them: the environment)."""
    started: list[ServerProcess] = []

    def start(per_kiosk: int = 3, hall: int = 6, green: int = 1) -> ServerProcess:
        monkeypatch.setenv("HALL_SERVER_KIOSK_TICKETS_PER_MINUTE", str(per_kiosk))
        monkeypatch.setenv("HALL_SERVER_HALL_TICKETS_PER_MINUTE", str(hall))
        monkeypatch.setenv("HALL_SERVER_KIOSK_GREEN_PER_HOUR", str(green))
        server = ServerProcess(hall_db, tmp_path / f"server{len(started)}.log").start()
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()
        assert "Traceback" not in server.log.read_text(encoding="utf-8", errors="replace")


def test_one_kiosk_is_limited_and_the_numbers_stay_gapless(limited: Start, hall_db: str) -> None:
    server = limited(per_kiosk=3, hall=100)
    kiosk, other = Kiosk("127.0.0.2"), Kiosk("127.0.0.3")
    burst = [kiosk.take(server) for _ in range(8)]
    assert numbers(burst) == ["A001", "A002", "A003"]
    assert refusals(burst) == ["too_many_tickets"] * 5
    refused = burst[-1]
    assert refused.status_code == 429
    assert 1 <= int(refused.headers["Retry-After"]) <= 61
    assert "取号过于频繁" in refused.json()["message"] and "too many tickets" in refused.json()["message"]
    # the refusals took no number: the next kiosk's ticket follows at once
    assert numbers([other.take(server)]) == ["A004"]
    displays, last, issues = stored(hall_db)
    assert displays == ["A001", "A002", "A003", "A004"] and last == 4
    assert issues == [("kiosk", "127.0.0.2")] * 3 + [("kiosk", "127.0.0.3")]


def test_the_hall_wide_limit_holds_across_server_processes(
    limited: Start, hall: ServerProcess, hall_db: str
) -> None:
    first, second = limited(per_kiosk=3, hall=6), limited(per_kiosk=3, hall=6)
    kiosks = [Kiosk(f"127.0.0.{n}") for n in (2, 3, 4)]
    taken = [kiosks[n % 2].take((first, second)[n % 3 % 2]) for n in range(6)]
    assert numbers(taken) == [f"A{n:03d}" for n in range(1, 7)]
    late = [kiosks[2].take(first), kiosks[2].take(second)]
    assert refusals(late) == ["hall_busy", "hall_busy"]
    assert "大厅取号人数过多" in late[0].json()["message"]
    # a clerk signed in (the information desk) still issues, and the numbers go on without a gap
    clerk = enrol(hall.url, hall_db)
    desk = requests.post(
        second.url + TICKETS,
        json={"queue": "A"},
        headers={"Authorization": f"Bearer {clerk.token}"},
        timeout=30,
    )
    assert desk.status_code == 201 and desk.json()["ticket"]["display"] == "A007"
    displays, last, issues = stored(hall_db)
    assert displays == [f"A{n:03d}" for n in range(1, 8)] and last == 7
    assert issues[-1] == ("wangfang", None)


def test_green_tickets_beyond_the_hourly_cap_need_a_clerk(
    limited: Start, hall: ServerProcess, hall_db: str
) -> None:
    server = limited(per_kiosk=5, hall=100, green=1)
    kiosk = Kiosk("127.0.0.2")
    first, second = kiosk.take(server, "green"), kiosk.take(server, "green")
    assert first.status_code == 201 and first.json()["ticket"]["kind"] == "green"
    assert second.status_code == 429 and second.json()["error"] == "green_limit"
    assert "绿色通道" in second.json()["message"] and "green-channel" in second.json()["message"]
    assert 3500 <= int(second.headers["Retry-After"]) <= 3601
    # the cap is on green tickets only: the same kiosk's other kinds go on
    assert numbers([kiosk.take(server), kiosk.take(server, "elderly")]) == ["A002", "A003"]
    assert numbers([Kiosk("127.0.0.3").take(server, "green")]) == ["A004"]  # another kiosk's own cap
    clerk = enrol(hall.url, hall_db)
    desk = requests.post(
        server.url + TICKETS,
        json={"queue": "A", "priority": "green"},
        headers={"Authorization": f"Bearer {clerk.token}"},
        timeout=30,
    )
    assert desk.status_code == 201 and desk.json()["ticket"]["kind"] == "green"
    forged = requests.post(
        server.url + TICKETS,
        json={"queue": "A", "priority": "green"},
        headers={"Authorization": "Bearer x"},
        timeout=30,
    )
    assert forged.status_code == 401  # a token that is not one is not a clerk
    displays, last, _issues = stored(hall_db)
    assert displays == ["A001", "A002", "A003", "A004", "A005"] and last == 5


def test_an_address_forwarded_by_a_trusted_proxy_counts_and_a_kiosk_cannot_forge_one(
    limited: Start, hall_db: str
) -> None:
    """Behind a reverse proxy on the server itself (uvicorn trusts X-Forwarded-For from
    127.0.0.1 and ::1, or FORWARDED_ALLOW_IPS), each kiosk behind it is counted on its own."""
    server = limited(per_kiosk=2, hall=100)
    proxy, kiosk = Kiosk("127.0.0.1"), Kiosk("127.0.0.2")
    behind = [proxy.take(server, **{"X-Forwarded-For": "10.0.0.7"}) for _ in range(3)]
    assert numbers(behind) == ["A001", "A002"] and refusals(behind) == ["too_many_tickets"]
    assert numbers([proxy.take(server, **{"X-Forwarded-For": "10.0.0.8"})]) == ["A003"]
    # a kiosk naming another address for itself is still counted at its own
    forged = [kiosk.take(server, **{"X-Forwarded-For": f"10.0.1.{n}"}) for n in range(3)]
    assert numbers(forged) == ["A004", "A005"] and refusals(forged) == ["too_many_tickets"]
    _displays, _last, issues = stored(hall_db)
    assert [address for _actor, address in issues] == [
        "10.0.0.7",
        "10.0.0.7",
        "10.0.0.8",
        "127.0.0.2",
        "127.0.0.2",
    ]


def test_appointment_check_ins_count_as_the_kiosk_s_tickets(limited: Start, hall_db: str) -> None:
    from hall_server.queue.appointments import import_appointments
    from hall_server.queue.tickets import hall_now

    server = limited(per_kiosk=1, hall=100)
    today = hall_now("Asia/Shanghai").date()
    db = open_server_database(hall_db)
    try:
        booked = [
            {"code": f"K7Q{n}X", "queue": "B", "day": today.isoformat(), "name": "张三"} for n in (1, 2)
        ]
        import_appointments(db, {"appointments": booked})
    finally:
        db.dispose()
    kiosk = Kiosk("127.0.0.2")
    first = kiosk.http.post(server.url + "/api/v1/queue/checkin", json={"code": "K7Q1X"}, timeout=30)
    again = kiosk.http.post(server.url + "/api/v1/queue/checkin", json={"code": "K7Q2X"}, timeout=30)
    assert first.status_code == 201 and first.json()["ticket"]["kind"] == "appointment"
    assert again.status_code == 429 and again.json()["error"] == "too_many_tickets"


@pytest.mark.parametrize("hall_db", ["sqlite"], indirect=True)  # the page does not care
def test_the_kiosk_page_explains_the_limits_in_chinese(limited: Start, hall_db: str) -> None:
    from tests.hall_server.browser import chromium, page_errors, tap, wait_text, wait_visible

    server = limited(per_kiosk=3, hall=100, green=1)
    driver = chromium()
    try:

        def take(priority: str) -> None:
            tap(driver, "queue-A")
            tap(driver, "phone-skip")
            tap(driver, f"priority-{priority}")
            tap(driver, "take-ticket")

        driver.get(server.url + "/kiosk")
        take("green")
        wait_text(driver, "ticket-number", "A001")
        tap(driver, "ticket-done")
        take("green")  # over the kiosk's green cap: back to choosing the kind
        wait_text(
            driver,
            "alert-text",
            "本机绿色通道取号已达上限，请到咨询台由工作人员核验后取号，或选择其他取号类型",
        )
        tap(driver, "alert-ok")
        wait_visible(driver, "screen-priority")
        assert (
            driver.find_element("css selector", '[data-testid="priority-normal"]').get_attribute(
                "aria-pressed"
            )
            == "true"
        )
        tap(driver, "take-ticket")
        wait_text(driver, "ticket-number", "A002")
        tap(driver, "ticket-done")
        take("normal")
        wait_text(driver, "ticket-number", "A003")
        tap(driver, "ticket-done")
        take("normal")  # the kiosk's fourth in a minute
        wait_text(driver, "alert-text", "本机取号过于频繁，请稍候一分钟再取号，或到咨询台人工取号")
        tap(driver, "alert-ok")
        assert page_errors(driver) == []
    finally:
        driver.quit()
    assert stored(hall_db)[0] == ["A001", "A002", "A003"]
