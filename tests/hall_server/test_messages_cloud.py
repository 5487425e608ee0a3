"""The cloud SMS providers through their official SDKs (Alibaba Cloud dysmsapi, Tencent Cloud
sms), pointed at a loopback process that speaks their APIs: what each request carries (template,
variables, sign name, the message id as OutId / SessionContext, the access key), and what each
answer they can give ends in."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from hall_server.changes import utcnow
from hall_server.db import open_server_database
from hall_server.messages.config import MessagesConfig, load_messages_config
from hall_server.messages.models import MessageRow
from hall_server.messages.reports import REPORT_HOURS, claim_checks
from hall_server.messages.worker import MessageWorker
from hall_server.models import CaseEventRow
from tests.hall_server.messages_helpers import GatewayProcess, messages_config
from tests.hall_server.test_messages import accept_cases, timeline, until
from tests.servers import ServerProcess
from tests.sync_helpers import WindowClient, window_client

TEMPLATES = {
    f"provider_template_{e}": f"SMS_{n}"
    for n, e in enumerate(("accepted", "correction", "ready", "due_soon"))
}


def cloud_config(folder: Path, cloud: GatewayProcess, provider: str, **extra: object) -> MessagesConfig:
    """The hall's [messages] for *provider* pointed at the loopback process, its secret set."""
    path = messages_config(
        folder,
        cloud.url,
        provider=provider,
        endpoint=cloud.url,
        access_key_id="LTAI5tHall",
        sign_name="示范市政务服务中心",
        app_id="1400787878",
        timeout_seconds=2,
        **TEMPLATES,
        **extra,
    )
    return load_messages_config(path, env={"HALL_SERVER_SMS_SECRET": "cloud-secret"})


@pytest.fixture
def window(hall: ServerProcess, hall_db: str, tmp_path: Path) -> Iterator[WindowClient]:
    client = window_client(tmp_path / "w01", hall.url, hall_db)
    yield client
    client.close()


@pytest.mark.parametrize("hall_db", ["sqlite"], indirect=True)  # the engine is test_messages.py's
@pytest.mark.parametrize("provider", ["aliyun", "tencent"])
def test_a_cloud_provider_gets_its_template_and_every_answer_ends_in_its_state(
    provider: str, window: WindowClient, hall_db: str, tmp_path: Path
) -> None:
    accept_cases(window, 5)
    cloud = GatewayProcess(tmp_path, module="cloud_sms").start()
    config = cloud_config(tmp_path, cloud, provider)
    db = open_server_database(hall_db)
    worker = MessageWorker(db, config, senders=1)

    def rows() -> list[MessageRow]:
        with db.sessions() as s:
            return list(s.scalars(select(MessageRow)))

    def nothing_left(run: Callable[[], object] = worker.run_once) -> bool:
        run()
        return all(m.state != "queued" for m in rows())

    try:
        cloud.modes("ok", "busy", "refuse", "denied", "garbage")
        until(nothing_left, 30)
    finally:
        worker.close()
        cloud.stop()
    by_id = {m.id: m for m in rows()}
    seen = cloud.requests()
    key = "SessionContext" if provider == "tencent" else "OutId"
    first = {r["request"][key]: r["mode"] for r in reversed(seen)}
    assert {mode: (by_id[i].state, by_id[i].attempts) for i, mode in first.items()} == {
        "ok": ("sent", 1),
        "busy": ("sent", 2),  # flow control: tried again after its delay
        "refuse": ("failed", 1),  # an invalid number
        "denied": ("failed", 1),  # the key or signature refused
        "garbage": ("in_doubt", 1),  # no answer it could read: it may have been sent
    }
    sent = next(m for m in by_id.values() if first[m.id] == "ok")
    assert sent.provider == provider and sent.provider_ref
    refused = next(m for m in by_id.values() if first[m.id] == "refuse")
    assert "非法手机号" in (refused.last_error or "") or "手机号格式错误" in (refused.last_error or "")
    request = next(r for r in seen if r["mode"] == "ok")
    assert request["action"] == "SendSms" and "Credential=LTAI5tHall" in request["authorization"]
    body = request["request"]
    if provider == "aliyun":
        assert (body["PhoneNumbers"], body["SignName"], body["TemplateCode"]) == (
            "13800138000",
            "示范市政务服务中心",
            "SMS_0",
        )
        assert '"item": "居民身份证换领"' in body["TemplateParam"]
    else:
        assert (body["PhoneNumberSet"], body["SmsSdkAppId"], body["TemplateId"]) == (
            ["+8613800138000"],
            "1400787878",
            "SMS_0",
        )
        assert body["TemplateParamSet"][1] == "居民身份证换领" and len(body["TemplateParamSet"]) == 3


@pytest.mark.parametrize("hall_db", ["sqlite"], indirect=True)  # the engine is test_messages.py's
@pytest.mark.parametrize("provider", ["aliyun", "tencent"])
def test_delivery_reports_settle_sent_messages_and_ones_in_doubt(
    provider: str, window: WindowClient, hall_db: str, tmp_path: Path
) -> None:
    cases = accept_cases(window, 4)
    cloud = GatewayProcess(tmp_path, module="cloud_sms").start()
    config = cloud_config(tmp_path, cloud, provider, report_seconds=1)
    db = open_server_database(hall_db)
    worker = MessageWorker(db, config, senders=1)

    def rows() -> dict[str, MessageRow]:
        with db.sessions() as s:
            return {m.case_id or "": m for m in s.scalars(select(MessageRow))}

    def states() -> list[str]:
        return [rows()[c].state for c in cases]

    try:
        cloud.modes("ok", "ok-undelivered", "ok-waiting", "garbage")
        worker.run_once()
        assert states() == ["sent", "sent", "sent", "in_doubt"]  # the reports are a second away
        cloud.modes("report-garbage")  # the first question's answer cannot be read: asked again

        # an attempt in doubt has no reference: Tencent, which does not return the message id
        # by default, cannot say what became of it; Alibaba finds it by its OutId
        doubt = "delivered" if provider == "aliyun" else "in_doubt"

        def reported() -> bool:
            worker.run_once()
            return states() == ["delivered", "undelivered", "sent", doubt]

        until(reported, 30)
        assert (
            claim_checks(db, config, provider, 10, utcnow() + timedelta(hours=REPORT_HOURS, minutes=1)) == []
        )
    finally:
        worker.close()
        cloud.stop()
        db.dispose()
    found = rows()
    assert found[cases[1]].last_error and "MK:0001" in found[cases[1]].last_error  # the carrier's reason
    if provider == "aliyun":
        assert found[cases[3]].last_error is None  # the doubt is settled: it was sent, and it arrived
    questions = [r["request"] for r in cloud.requests() if r["action"] == "report"]
    if provider == "aliyun":
        today = datetime.now(ZoneInfo("Asia/Shanghai")).strftime("%Y%m%d")
        assert {(q["PhoneNumber"], q["SendDate"]) for q in questions} == {("13800138000", today)}
        assert {q.get("BizId") for q in questions} >= {found[cases[0]].provider_ref, None}  # none in doubt
    else:
        assert {(q["PhoneNumber"], q["SmsSdkAppId"], q["Limit"]) for q in questions} == {
            ("+8613800138000", "1400787878", 100)
        }
    assert timeline(hall_db, cases[0]) == ["message.sent", "message.delivered"]
    # when the phone received it, in UTC as every time on a case (the fakes: 10:00:05 Beijing time)
    assert received_at(hall_db, cases[0]) == "2026-12-06T02:00:05"
    assert timeline(hall_db, cases[3]) == [
        "message.in_doubt",
        *(["message.delivered"] if provider == "aliyun" else []),
    ]
    window.sync()
    held = window.ctx.cases.get(cases[1])
    assert held is not None
    assert [(m["event"], m["state"]) for m in held[0].lifecycle["messages"]] == [("accepted", "undelivered")]


def received_at(hall_db: str, case_id: str) -> str:
    db = open_server_database(hall_db)
    try:
        with db.sessions() as s:
            event = s.scalars(
                select(CaseEventRow).where(
                    CaseEventRow.case_id == case_id, CaseEventRow.action == "message.delivered"
                )
            ).one()
            return str(event.detail.get("received_at"))
    finally:
        db.dispose()
