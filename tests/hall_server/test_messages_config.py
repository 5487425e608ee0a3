"""The [messages] configuration as IT writes it: a bad value is named and nothing starts; the
secret never comes from the file; templates use only their event's blanks. And the departments'
warnings: an open case one working day from its promised date warns its department once."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from counter_app.domain.case import ServiceMode
from counter_app.services.demo import all_received, person
from counter_app.services.intake import ApplicationDraft, IntakeService
from hall_server.db import open_server_database
from hall_server.messages.config import MessagesConfig, load_messages_config
from hall_server.messages.delivery import queue_warnings
from hall_server.messages.events import mobile_number
from hall_server.messages.models import MessageRow
from hall_server.messages.templates import render
from hall_server.queue.tickets import hall_now
from tests.servers import ServerProcess
from tests.sync_helpers import window_client


def config_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "hall-server.ini"
    path.write_text("[server]\nport = 8750\n[messages]\n" + text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("secret = abc\n", "not kept in a file"),
        ("provder = http\n", "unknown key 'provder'"),
        ("provider = sms\n", "provider must be one of"),
        ("provider = http\n", "needs http_url"),
        ("provider = aliyun\naccess_key_id = AK\n", "provider_template_* for accepted, correction"),
        ("template_ready = 请到{hall}领取{certificate}\n", "template_ready uses certificate"),
        ("template_accepted = 已受理{case_number\n", "template_accepted:"),
        ("max_attempts = many\n", "max_attempts must be a whole number"),
        ("template_due_soon = 还剩{days_left:d}天\n", "without ! or : after the name"),
        ("template_ready = {item!r}已办结\n", "without ! or : after the name"),
        ("department_phones = GA=0571-8888\n", "department_phones: 'GA=0571-8888'"),
    ],
)
def test_a_bad_value_is_named(tmp_path: Path, text: str, said: str) -> None:
    with pytest.raises(ValueError) as raised:
        load_messages_config(config_file(tmp_path, text), env={})
    assert said in str(raised.value)


def test_the_environment_wins_and_carries_the_secret(tmp_path: Path) -> None:
    path = config_file(
        tmp_path, "provider = http\nhttp_url = http://sms.hall.local/send\nretry_seconds = 60\n"
    )
    env = {"HALL_SERVER_SMS_RETRY_SECONDS": "5", "HALL_SERVER_SMS_SECRET": "token-1"}
    config = load_messages_config(path, env=env)
    assert (config.provider, config.retry_seconds, config.secret) == ("http", 5, "token-1")
    assert "token-1" not in repr(config)
    assert load_messages_config(None, env={}).provider == "log"  # nothing set: log only
    phones = MessagesConfig(department_phones="GA=139 0000 0001, XF=+8613900000002").phones()
    assert phones == {"GA": "13900000001", "XF": "13900000002"}


def test_the_secret_is_trimmed_and_one_no_header_can_carry_is_refused(tmp_path: Path) -> None:
    assert load_messages_config(None, env={"HALL_SERVER_SMS_SECRET": " Bearer t1\n"}).secret == "Bearer t1"
    for bad in ("Bearer t1\nX-Evil: 1", "令牌"):
        with pytest.raises(ValueError) as raised:
            load_messages_config(None, env={"HALL_SERVER_SMS_SECRET": bad})
        assert "control or non-Latin" in str(raised.value) and bad not in str(raised.value)


def test_only_ascii_mainland_mobiles_get_messages() -> None:
    assert mobile_number("+86 138-0013-8000") == "13800138000"
    assert mobile_number("13８00１38000") is None and mobile_number("0571-88888888") is None


def test_templates_fill_their_blanks() -> None:
    said = render(
        MessagesConfig().template_correction,
        {"hall": "示范中心", "case_number": "N1", "item": "X", "materials": "户口簿"},
    )
    assert said.startswith("您的办件N1（X）需补正材料：户口簿。请携带材料到示范中心办理")


@pytest.mark.parametrize("hall_db", ["sqlite"], indirect=True)
def test_a_case_near_its_promised_date_warns_its_department_once(
    hall: ServerProcess, hall_db: str, tmp_path: Path
) -> None:
    # the window PC keeps the hall's time, as hall PCs do (the machine running the tests may not:
    # in UTC, between 16:00 and midnight the window's day would be the hall's yesterday)
    window = window_client(tmp_path / "w01", hall.url, hall_db, clock=lambda: hall_now("Asia/Shanghai"))
    try:
        item = next(i for i in window.ctx.catalogue.items if i.name == "无犯罪记录证明开具")  # 1 working day
        draft = ApplicationDraft(
            item, person("李建国", "11010519491231002"), None, ServiceMode.WINDOW, all_received(item)
        )
        IntakeService(window.ctx).accept(draft)
        window.sync()
    finally:
        window.close()
    db = open_server_database(hall_db)
    try:
        today = hall_now("Asia/Shanghai").date()
        config = MessagesConfig(department_phones="GA=13900000001", due_soon_days=1)
        assert queue_warnings(db, MessagesConfig(department_phones="XF=13900000002"), today) == 0  # not GA's
        assert queue_warnings(db, config, today) == 1
        assert queue_warnings(db, config, today) == 0  # once per promised date
        with db.sessions() as s:
            warning = s.scalars(select(MessageRow).where(MessageRow.event == "due_soon")).one()
        assert (warning.phone, warning.params["days_left"], warning.params["department"]) == (
            "13900000001",
            "1",
            "GA",
        )
    finally:
        db.dispose()
