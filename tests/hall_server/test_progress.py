"""The applicant's progress query (POST /api/v1/progress) through a real hall server process on
both engines, against a case a real window accepted and synced: the right pair answers with the
name masked; a wrong pair answers exactly as an unknown number; bad input is a 422 in Chinese;
the limits per address and per number hold; every query is kept for supervision."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from sqlalchemy import select

from counter_app.domain.case_steps import Step
from counter_app.services.casework import CaseWork
from hall_server.db import open_server_database
from hall_server.models import ProgressQueryRow
from hall_server.progress import mask_name
from tests.hall_server.test_kiosk_limits import _FromAddress
from tests.servers import ServerProcess
from tests.sync_helpers import WindowClient, window_client

PROGRESS = "/api/v1/progress"
ID_TAIL, PHONE_TAIL = "002X", "8000"  # 李建国 of the helper: 11010519491231002X, 13800138000


def asker(address: str) -> requests.Session:
    http = requests.Session()
    http.mount("http://", _FromAddress(address))
    return http


def ask(http: requests.Session, hall: ServerProcess, number: object, tail: object) -> requests.Response:
    return http.post(hall.url + PROGRESS, json={"number": number, "tail": tail}, timeout=30)


@pytest.fixture
def window(hall: ServerProcess, hall_db: str, tmp_path: Path) -> Iterator[WindowClient]:
    client = window_client(tmp_path / "w01", hall.url, hall_db)
    yield client
    client.close()


def test_the_right_pair_answers_and_a_wrong_one_says_what_an_unknown_number_says(
    window: WindowClient, hall: ServerProcess, hall_db: str
) -> None:
    case = window.accept().case
    CaseWork(window.ctx).take(case.id, Step.START_REVIEW, {})
    window.sync()
    http = asker("127.0.0.11")
    found = ask(http, hall, case.case_number.lower(), ID_TAIL.lower())  # type: ignore[union-attr]
    assert found.status_code == 200
    body = found.json()
    assert body["found"] is True and body["case_number"] == case.case_number
    assert (body["applicant"], body["state"], body["item_name"]) == ("李*国", "审核中", "居民身份证换领")
    assert body["promised_due"].startswith("20") and "无需到场" in body["next_step"]
    assert "11010519491231002X" not in found.text and "李建国" not in found.text  # nothing more
    by_phone = ask(http, hall, case.case_number, PHONE_TAIL).json()
    assert by_phone == body

    wrong = ask(http, hall, case.case_number, "1234")
    unknown = ask(http, hall, "330100W01209912310001", ID_TAIL)
    assert (wrong.status_code, wrong.json()) == (unknown.status_code, unknown.json())
    assert wrong.json()["found"] is False and "未查到" in wrong.json()["message"]

    for number, tail in (
        ("", ID_TAIL),
        ("A" * 41, ID_TAIL),
        ("330100W01-1", ID_TAIL),
        (case.case_number, "12"),
    ):
        bad = ask(http, hall, number, tail)
        assert bad.status_code == 422 and "请输入" in bad.json()["message"]
    assert ask(http, hall, "330100W01\u0000", ID_TAIL).status_code == 422  # the server's input guard
    assert ask(http, hall, 12345678, ID_TAIL).status_code == 422
    for body in (b"not json", b"[1, 2]", b'"330100W01"'):  # not the page's form at all
        odd = http.post(
            hall.url + PROGRESS, data=body, headers={"Content-Type": "application/json"}, timeout=30
        )
        assert odd.status_code == 422 and odd.json()["message"].startswith("请求格式不正确")

    db = open_server_database(hall_db)
    try:
        with db.sessions() as s:
            kept = [
                (q.address, q.outcome)
                for q in s.scalars(select(ProgressQueryRow).order_by(ProgressQueryRow.id))
            ]
    finally:
        db.dispose()
    assert kept == [
        ("127.0.0.11", "answered"),
        ("127.0.0.11", "answered"),
        ("127.0.0.11", "unmatched"),
        ("127.0.0.11", "unmatched"),
    ]  # a malformed query never reaches the database


def test_guessing_a_number_is_stopped_and_one_address_cannot_flood(
    window: WindowClient, hall: ServerProcess
) -> None:
    case = window.accept().case
    window.sync()
    guesser = asker("127.0.0.12")
    answers = [ask(guesser, hall, case.case_number, f"{n:04d}").status_code for n in range(10)]
    assert answers == [200] * 10  # ten wrong tails, each "not found"
    locked = ask(asker("127.0.0.13"), hall, case.case_number, ID_TAIL)  # even the right one, elsewhere
    assert locked.status_code == 429 and locked.json()["error"] == "number_locked"
    assert int(locked.headers["Retry-After"]) > 3000 and "服务台" in locked.json()["message"]

    flood = asker("127.0.0.14")
    codes = [ask(flood, hall, f"330100W0120991231{n:04d}", ID_TAIL).status_code for n in range(31)]
    assert codes[:30] == [200] * 30 and codes[30] == 429
    assert ask(asker("127.0.0.15"), hall, "330100W01209912310001", ID_TAIL).status_code == 200  # others go on


def test_names_are_masked_as_the_hall_publishes_them() -> None:
    assert [mask_name(n) for n in ("王芳", "李建国", "欧阳修远", "示范市建工集团有限公司", "", "张")] == [
        "王*",
        "李*国",
        "欧**远",
        "示*********司",
        "",
        "*",
    ]
