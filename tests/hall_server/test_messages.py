"""Text messages through a real hall server (both engines), real windows, the worker as IT runs
it (``hall-server send-messages``) and a hall's SMS gateway as a process on loopback: each event
reaches the applicant exactly once across a worker killed mid-send and a gateway outage; a
gateway that cannot send ids once gets no second attempt; every answer a gateway can give ends in
the state it means, on the case's timeline."""

from __future__ import annotations

import signal
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from counter_app.domain.case import ServiceMode
from counter_app.domain.case_steps import Step
from counter_app.services.casework import CaseWork
from counter_app.services.demo import all_received, person
from counter_app.services.demo_lifecycle import COMPLETE, GRANT
from counter_app.services.intake import ApplicationDraft, IntakeService
from hall_server.changes import utcnow
from hall_server.db import open_server_database
from hall_server.messages.config import MessagesConfig, load_messages_config
from hall_server.messages.delivery import settle_abandoned
from hall_server.messages.models import MessageRow
from hall_server.messages.providers import HttpGateway, LogOnly, Outcome, Outgoing
from hall_server.messages.reports import DELIVERED, SentMessage
from hall_server.messages.worker import MessageWorker
from hall_server.models import CaseEventRow
from tests.hall_server.messages_helpers import GatewayProcess, messages_config, worker_process
from tests.servers import ServerProcess
from tests.sync_helpers import WindowClient, window_client

NAMES = ("李建国", "王小明", "张丽", "陈静", "刘洋", "赵敏")
BODIES = (
    "11010519491231002",
    "11010119800101001",
    "11010119900202002",
    "11010119850303003",
    "11010119950404004",
    "11010119750505005",
)


def until(check: Callable[[], object], seconds: float = 60) -> None:
    """Poll a process's progress (a subprocess cannot signal this test)."""
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"not reached in {seconds} s: {check.__doc__ or check}")
        time.sleep(0.1)


@pytest.fixture
def window(hall: ServerProcess, hall_db: str, tmp_path: Path) -> Iterator[WindowClient]:
    client = window_client(tmp_path / "w01", hall.url, hall_db)
    yield client
    client.close()


@pytest.fixture
def outbox(hall_db: str) -> Iterator[Callable[[], list[MessageRow]]]:
    db = open_server_database(hall_db)

    def rows() -> list[MessageRow]:
        with db.sessions() as s:
            return list(s.scalars(select(MessageRow).order_by(MessageRow.created_at)))

    yield rows
    db.dispose()


def accept_cases(window: WindowClient, count: int) -> list[str]:
    ids = [window.accept(NAMES[n], BODIES[n]).case.id for n in range(count)]
    window.sync()
    return ids


def timeline(hall_db: str, case_id: str) -> list[str]:
    db = open_server_database(hall_db)
    try:
        with db.sessions() as s:
            return list(
                s.scalars(
                    select(CaseEventRow.action)
                    .where(CaseEventRow.case_id == case_id, CaseEventRow.action.like("message.%"))
                    .order_by(CaseEventRow.id)
                )
            )
    finally:
        db.dispose()


def test_each_event_reaches_the_applicant_once_across_a_killed_worker_and_an_outage(
    window: WindowClient, hall_db: str, tmp_path: Path, outbox: Callable[[], list[MessageRow]]
) -> None:
    cases = accept_cases(window, 4)
    queued = outbox()
    assert len(queued) == 4 and {m.state for m in queued} == {"queued"}
    assert {m.phone for m in queued} == {"13800138000"} and {m.event for m in queued} == {"accepted"}
    gateway = GatewayProcess(tmp_path, dedupe=True).start()
    config = messages_config(tmp_path, gateway.url, http_dedupes=1)
    log = tmp_path / "worker.log"
    try:
        gateway.modes("hang")  # the first request is taken, its answer never comes
        worker = worker_process(hall_db, config, log)

        def all_four_reached_the_gateway() -> bool:
            return len(gateway.requests()) == 4 and sum(m.state == "sent" for m in outbox()) == 3

        until(all_four_reached_the_gateway)
        worker.send_signal(signal.SIGKILL)  # mid-send: one attempt is on the wire
        worker.wait(10)
        hung = next(r["body"]["id"] for r in gateway.requests() if r["mode"] == "hang")
        assert next(m for m in outbox() if m.id == hung).state == "sending"

        gateway.stop()  # the gateway is down while the worker comes back
        worker = worker_process(hall_db, config, log)

        def tried_in_the_outage() -> bool:
            found = next(m for m in outbox() if m.id == hung)
            return found.state == "queued" and found.attempts >= 3

        until(tried_in_the_outage)
        assert "ConnectionError" in (next(m for m in outbox() if m.id == hung).last_error or "")
        gateway.start()  # back: the attempt in doubt is made again with the same message id
        until(lambda: {m.state for m in outbox()} == {"sent"})
        worker.send_signal(signal.SIGTERM)
        assert worker.wait(20) == 0
    finally:
        gateway.stop()
    seen = gateway.requests()
    delivered = Counter(r["body"]["id"] for r in seen if r["delivered"])
    made = Counter(r["body"]["id"] for r in seen)
    print(
        f"\nevents 4, requests at the gateway {len(seen)}, delivered {sum(delivered.values())}, "
        f"attempts of the one in doubt {next(m.attempts for m in outbox() if m.id == hung)}, "
        f"requests for it {made[hung]}"
    )
    assert delivered == {m.id: 1 for m in outbox()}  # every event once, none twice
    assert made[hung] == 2  # the killed attempt and the one after the outage
    assert {r["auth"] for r in seen} == {"Bearer gw-token"}  # the secret from the environment
    assert all("居民身份证换领已受理" in r["body"]["content"] for r in seen)
    for case_id in cases:
        assert timeline(hall_db, case_id).count("message.sent") == 1
    window.sync()
    held = window.ctx.cases.get(cases[0])
    assert held is not None
    assert [(m["event"], m["state"], m["to"]) for m in held[0].lifecycle["messages"]] == [
        ("accepted", "sent", "138****8000")
    ]


def test_a_gateway_that_cannot_send_an_id_once_gets_no_second_attempt(
    window: WindowClient, hall_db: str, tmp_path: Path, outbox: Callable[[], list[MessageRow]]
) -> None:
    (case_id,) = accept_cases(window, 1)
    gateway = GatewayProcess(tmp_path, dedupe=False).start()
    config = messages_config(tmp_path, gateway.url, timeout_seconds=1)
    log = tmp_path / "worker.log"
    try:
        gateway.modes("hang")
        worker = worker_process(hall_db, config, log)
        until(lambda: len(gateway.requests()) == 1)
        worker.send_signal(signal.SIGKILL)
        worker.wait(10)

        def settled() -> bool:
            worker_process(hall_db, config, log, "--once").wait(60)
            return outbox()[0].state != "sending"

        until(settled)
    finally:
        gateway.stop()
    (message,) = outbox()
    assert message.state == "in_doubt" and "not sent again" in (message.last_error or "")
    assert len(gateway.requests()) == 1
    assert timeline(hall_db, case_id) == ["message.in_doubt"]


def test_every_answer_of_a_gateway_ends_in_the_state_it_means(
    window: WindowClient, hall_db: str, tmp_path: Path, outbox: Callable[[], list[MessageRow]]
) -> None:
    accept_cases(window, 6)
    gateway = GatewayProcess(tmp_path, dedupe=False).start()
    config = load_messages_config(messages_config(tmp_path, gateway.url, timeout_seconds=1), env={})
    db = open_server_database(hall_db)
    worker = MessageWorker(db, config, senders=1)
    try:
        gateway.modes("fail", "reject", "refuse", "garbage", "hang", "crash")

        def nothing_left_to_try() -> bool:
            worker.run_once()
            return all(m.state != "queued" for m in outbox())

        until(nothing_left_to_try, 30)
    finally:
        worker.close()
        gateway.stop()
        db.dispose()
    by_id = {m.id: m for m in outbox()}
    first = {r["body"]["id"]: r["mode"] for r in reversed(gateway.requests())}
    states = {mode: (by_id[i].state, by_id[i].attempts) for i, mode in first.items()}
    assert states == {
        "fail": ("sent", 2),  # 503: tried again after its delay
        "reject": ("failed", 1),  # 400: the gateway will never take it
        "refuse": ("failed", 1),  # its own error code
        "garbage": ("in_doubt", 1),  # an answer that is not one: it may have been taken
        "hang": ("in_doubt", 1),  # no answer in time
        "crash": ("in_doubt", 1),  # a 500: the gateway may have sent it before it failed
    }
    refused = next(m for m in by_id.values() if first[m.id] == "refuse")
    assert "黑名单号码" in (refused.last_error or "")
    assert timeline(hall_db, str(refused.case_id)) == ["message.failed"]


def test_a_gateway_that_answers_for_delivery_reports_what_reached_the_phone(
    window: WindowClient, hall_db: str, tmp_path: Path, outbox: Callable[[], list[MessageRow]]
) -> None:
    cases = accept_cases(window, 3)
    gateway = GatewayProcess(tmp_path).start()
    report_url = gateway.url + "/report?id={message_id}&ref={ref}"
    path = messages_config(tmp_path, gateway.url, http_report_url=report_url, report_seconds=1)
    config = load_messages_config(path, env={"HALL_SERVER_SMS_SECRET": "Bearer gw-token"})
    db = open_server_database(hall_db)
    worker = MessageWorker(db, config, senders=1)

    def states() -> list[str]:
        by_case = {m.case_id: m.state for m in outbox()}
        return [by_case[c] for c in cases]

    try:
        gateway.modes("ok", "ok-undelivered", "ok-waiting")
        worker.run_once()
        assert states() == ["sent", "sent", "sent"]
        gateway.modes("report-garbage")  # a report that cannot be read: asked again later

        def reported() -> bool:
            worker.run_once()
            return states() == ["delivered", "undelivered", "sent"]

        until(reported, 30)
    finally:
        worker.close()
        gateway.stop()
        db.dispose()
    questions = [r for r in gateway.requests() if "report" in r]
    assert {r["auth"] for r in questions} == {"Bearer gw-token"}
    by_case = {m.case_id: m for m in outbox()}
    asked = {(r["report"]["id"], r["report"]["ref"]) for r in questions}
    assert (by_case[cases[0]].id, by_case[cases[0]].provider_ref) in asked  # its id and the gateway's
    assert by_case[cases[1]].last_error == "UNDELIV"
    assert timeline(hall_db, cases[0]) == ["message.sent", "message.delivered"]


def test_steps_queue_the_applicants_messages_and_a_case_without_a_mobile_none(
    window: WindowClient, hall_db: str, outbox: Callable[[], list[MessageRow]]
) -> None:
    (case_id,) = accept_cases(window, 1)
    work = CaseWork(window.ctx)
    work.take(case_id, Step.START_REVIEW, {})
    asked = {"materials": [{"name": "居民户口簿", "problem": "复印件不清晰"}], "note": ""}
    work.take(case_id, Step.REQUEST_CORRECTION, asked)
    work.take(case_id, Step.CORRECTED, {})
    work.take(case_id, Step.DECIDE, GRANT)
    work.take(case_id, Step.COMPLETE, COMPLETE)
    item = next(i for i in window.ctx.catalogue.items if i.name == "居民身份证换领")
    landline = person("赵大海", BODIES[1], phone="0571-88888888")  # no mobile: no message
    IntakeService(window.ctx).accept(
        ApplicationDraft(item, landline, None, ServiceMode.WINDOW, all_received(item))
    )
    assert window.sync().rejected == 0
    sent = outbox()
    assert [(m.event, m.params.get("materials")) for m in sent] == [
        ("accepted", None),
        ("correction", "居民户口簿"),
        ("ready", None),
    ]
    assert {m.case_id for m in sent} == {case_id}
    assert sent[0].params["item"] == "居民身份证换领" and "年" in sent[0].params["promised_due"]


class _BrokenProvider(LogOnly):
    """A provider with a bug of its own (an SDK raising something unforeseen)."""

    name, dedupes = "broken", False

    def send(self, message: Outgoing) -> Outcome:
        raise UnicodeEncodeError("latin-1", "密", 0, 1, "ordinal not in range(256)")


def test_a_provider_that_raises_fails_its_messages_not_the_worker(
    window: WindowClient, hall_db: str, outbox: Callable[[], list[MessageRow]]
) -> None:
    accept_cases(window, 2)
    db = open_server_database(hall_db)
    worker = MessageWorker(db, MessagesConfig(), _BrokenProvider())
    try:
        tally = worker.run_once()
    finally:
        worker.close()
        db.dispose()
    assert tally.in_doubt == 2 and {m.state for m in outbox()} == {"in_doubt"}
    assert all("UnicodeEncodeError" in (m.last_error or "") for m in outbox())


def test_an_attempt_a_killed_worker_left_is_sought_from_when_it_could_last_have_gone(hall_db: str) -> None:
    """Its delivery report is asked for from the end of its lease (when it went, if it went),
    not from when a worker came back and settled it (Tencent's question starts there)."""
    lease_end = utcnow() - timedelta(hours=3)  # the worker came back three hours later
    db = open_server_database(hall_db)
    try:
        with db.sessions() as s, s.begin():
            s.add(
                MessageRow(
                    id="m-killed",
                    event_key="op-killed:accepted",
                    event="accepted",
                    phone="13800138000",
                    params={},
                    text="您申请的事项已受理",
                    state="sending",
                    attempts=1,
                    created_at=lease_end,
                    next_at=lease_end,
                    lease_until=lease_end,
                )
            )
        tally = settle_abandoned(db, MessagesConfig(), dedupes=False)
        with db.sessions() as s:
            row = s.get(MessageRow, "m-killed")
            assert row is not None
        assert tally.in_doubt == 1 and row.state == "in_doubt"
        assert row.finished_at == lease_end and row.next_at is not None and row.next_at > utcnow()
    finally:
        db.dispose()


def test_a_gateway_report_in_numbers_is_read_as_it_says(tmp_path: Path) -> None:
    """A gateway saying ``"code": 0`` for delivered: 0 is a status, not an empty one."""
    gateway = GatewayProcess(tmp_path).start()
    report_url = gateway.url + "/report?id={message_id}"
    path = messages_config(tmp_path, gateway.url, http_report_url=report_url, http_report_field="code")
    config = replace(load_messages_config(path, env={}), http_report_delivered="0")
    provider = HttpGateway(config)
    try:
        report = provider.check(SentMessage("m-1", "13800138000", "", utcnow()))
    finally:
        provider.close()
        gateway.stop()
    assert report.kind == DELIVERED
