"""A case's life after acceptance through a real hall server, on both engines: every step pushed
once, the server taking it by the same rules, its dates the ones the window ends up with; a step
the server refuses is shown to the clerk and the case comes back as the hall holds it."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from counter_app.domain.case import CaseState
from counter_app.domain.case_steps import Step
from counter_app.domain.messages import DomainError
from counter_app.services.casework import Approver, CaseWork
from counter_app.services.context import SignedInUser
from counter_app.store.models import OutboxRow
from counter_app.store.unit_of_work import unit_of_work
from counter_app.sync.account import sign_in
from hall_server.db import open_server_database
from hall_server.models import CaseEventRow, CaseRow
from hall_server.queue.tickets import hall_now
from tests.conftest import Clock
from tests.servers import PASSWORD, ServerProcess
from tests.sync_helpers import WindowClient, window_client

APPLICANT_ID = "11010519491231002X"  # 李建国 of the helper
PICKUP = {"method": "pickup", "collector_name": "李建国", "collector_id_type": "resident_id"}


def server_case(url: str, case_id: str) -> tuple[dict[str, Any], list[str]]:
    db = open_server_database(url)
    try:
        with db.sessions() as s:
            row = s.get(CaseRow, case_id)
            assert row is not None
            events = list(
                s.scalars(
                    select(CaseEventRow.action)
                    .where(CaseEventRow.case_id == case_id)
                    .order_by(CaseEventRow.id)
                )
            )
            return {
                "state": row.state,
                "promised_due": row.promised_due,
                "legal_due": row.legal_due,
                "timeliness": row.timeliness,
                "fee_fen": row.fee_fen,
                "lifecycle": row.data.get("lifecycle"),
            }, events
    finally:
        db.dispose()


def outbox_size(window: WindowClient) -> int:
    with window.ctx.db.reads() as s:
        return len(list(s.scalars(select(OutboxRow.seq))))


@pytest.fixture
def clock() -> Clock:
    return Clock(hall_now("Asia/Shanghai").replace(tzinfo=None) - timedelta(days=30))


@pytest.fixture
def window(hall: ServerProcess, hall_db: str, tmp_path: Path, clock: Clock) -> Any:
    client = window_client(tmp_path / "w01", hall.url, hall_db, clock=clock)
    yield client
    client.close()


def test_a_case_lives_from_review_to_pickup_and_window_and_hall_agree_on_every_date(
    window: WindowClient, hall_db: str, clock: Clock
) -> None:
    work = CaseWork(window.ctx)
    case = window.accept().case  # 30 days ago: 居民身份证换领, 15 working days promised
    work.take(case.id, Step.START_REVIEW, {})
    clock.now += timedelta(days=2)
    stopped = work.take(
        case.id, Step.REQUEST_CORRECTION, {"materials": [{"name": "近期免冠照片", "problem": "背景颜色不符"}]}
    ).case
    assert stopped.state is CaseState.CORRECTION
    clock.now += timedelta(days=9)
    resumed = work.take(case.id, Step.CORRECTED, {}).case
    assert resumed.promised_due is not None and case.promised_due is not None
    assert resumed.promised_due > case.promised_due  # the stopped days are given back
    clock.now += timedelta(days=19)  # today
    work.take(case.id, Step.DECIDE, {"decision": "grant"})
    done = work.take(
        case.id,
        Step.COMPLETE,
        {
            "result": "准予换领",
            "certificate_number": "110105-2026-0001",
            "fee": "20",
            "overtime_reason": "照片重拍",
        },
    ).case
    delivered = work.take(case.id, Step.DELIVER, PICKUP | {"collector_id_number": APPLICANT_ID}).case
    report = window.sync()
    assert (report.pushed, report.rejected, report.waiting) == (7, 0, 0)
    on_server, events = server_case(hall_db, case.id)
    assert on_server["state"] == "delivered"
    assert on_server["promised_due"] == resumed.promised_due  # the server counted the same clock
    assert on_server["timeliness"] == done.lifecycle["completion"]["timeliness"]
    assert on_server["fee_fen"] == 2000
    assert on_server["lifecycle"]["delivery"]["collector_id_number"] == APPLICANT_ID
    assert events == [
        "case.accept",
        "case.review",
        "case.correction",
        "case.corrected",
        "case.decide",
        "case.complete",
        "case.deliver",
    ]
    window.sync()  # the hall's record comes back: nothing differs
    back = window.ctx.cases.get(case.id)
    assert back is not None
    hall_own = {k: v for k, v in on_server["lifecycle"].items() if k != "messages"}
    assert (back[0].state, back[0].promised_due, back[0].lifecycle) == (
        delivered.state,
        delivered.promised_due,
        hall_own,  # but for the hall's text messages (a window never enrolled before has no cursor:
    )  # its first sync is a reload, which brings open cases only)
    assert [m["event"] for m in on_server["lifecycle"]["messages"]] == ["accepted", "correction", "ready"]


@pytest.mark.parametrize(
    ("step", "details", "field"),
    [
        (Step.COMPLETE, {"result": "准予", "fee": "-5"}, "fee"),
        (Step.COMPLETE, {"result": "准予", "fee": "1e12"}, "fee"),
        (Step.COMPLETE, {"result": "准予", "certificate_number": "证" * 500}, "certificate_number"),
        (Step.COMPLETE, {"result": "准予"}, "overtime_reason"),  # 30 days after a 15-day promise
        (Step.EXTEND, {"days": 5, "reason": "需专家论证"}, "approver"),
        (Step.DELIVER, PICKUP | {"collector_id_number": "110101198001010053"}, "collector_id_number"),
    ],
)
def test_a_refused_step_says_why_and_stores_nothing(
    window: WindowClient, clock: Clock, step: Step, details: dict[str, Any], field: str
) -> None:
    work = CaseWork(window.ctx)
    case = window.accept().case
    clock.now += timedelta(days=30)
    work.take(case.id, Step.START_REVIEW, {})
    work.take(case.id, Step.DECIDE, {"decision": "grant"})
    if step is Step.DELIVER:
        work.take(case.id, Step.COMPLETE, {"result": "准予", "overtime_reason": "积压"})
    before = (window.ctx.cases.get(case.id), outbox_size(window))
    with pytest.raises(DomainError) as refused:
        work.take(case.id, step, details)
    assert refused.value.field == field
    assert (window.ctx.cases.get(case.id), outbox_size(window)) == before


def test_the_hall_refuses_what_a_window_should_not_have_sent_and_the_case_comes_back(
    window: WindowClient, hall_db: str
) -> None:
    """A window of another version (or a hostile one) sends a step its state does not allow and a
    completion without a fee's bounds: the hall refuses both with the state it holds, the clerk
    sees them, and the case is fetched back as the hall has it."""
    case = window.accept().case
    window.sync()
    with unit_of_work(window.ctx.db, window.ctx.actor) as uow:
        today = window.ctx.clock().date().isoformat()
        uow.outbox(
            "case.complete",
            {"case_id": case.id, "from_state": "accepted", "on": today, "details": {"result": "准予"}},
        )
        uow.outbox(
            "case.review",
            {"case_id": case.id, "from_state": "under_review", "on": today, "details": {}},
        )
        row = uow.get_case(case.id)
        assert row is not None
        row.state = "completed"  # what the hostile window claims locally
    report = window.sync()
    assert report.rejected == 2
    reasons = [item.reason for item in window.store.attention()]
    assert any("cannot change" in r for r in reasons) and any("accepted on the server" in r for r in reasons)
    on_server, events = server_case(hall_db, case.id)
    assert on_server["state"] == "accepted" and events == ["case.accept"]
    back = window.ctx.cases.get(case.id)
    assert back is not None and back[0].state is CaseState.ACCEPTED  # the hall's state, fetched


def test_an_extension_is_the_approving_supervisors_op_and_moves_the_hall_date(
    window: WindowClient, hall_db: str
) -> None:
    case = window.accept().case
    supervisor = sign_in(window.store, window.engine, "zhaolei", PASSWORD)  # signs in at this PC
    clerk = sign_in(window.store, window.engine, "wangfang", PASSWORD)
    window.ctx.user = SignedInUser(clerk.username, clerk.display_name, clerk.role)
    work = CaseWork(window.ctx)
    work.take(case.id, Step.START_REVIEW, {})
    approver = Approver(supervisor.username, supervisor.display_name, supervisor.role)
    extended = work.take(case.id, Step.EXTEND, {"days": 10, "reason": "需现场核查"}, approver=approver).case
    report = window.sync()
    assert (report.pushed, report.rejected) == (3, 0)
    on_server, _ = server_case(hall_db, case.id)
    assert on_server["promised_due"] == extended.promised_due
    assert on_server["lifecycle"]["extensions"][0]["reason"] == "需现场核查"
    db = open_server_database(hall_db)
    try:
        with db.sessions() as s:
            actor = s.scalar(
                select(CaseEventRow.actor).where(
                    CaseEventRow.case_id == case.id, CaseEventRow.action == "case.extend"
                )
            )
        assert actor == "赵磊" or actor == "zhaolei"
    finally:
        db.dispose()


def test_two_windows_act_on_one_case_offline_and_the_hall_applies_the_first_only(
    hall: ServerProcess, hall_db: str, tmp_path: Path, clock: Clock
) -> None:
    """A01 completes a case while A02, offline, returns it; then both record its pickup. The hall
    applies the first valid step and refuses the other with the state it found; the refused window
    shows why and gets the hall's case back. Nothing is applied twice, nothing is lost."""
    one = window_client(tmp_path / "w01", hall.url, hall_db, device="W01", window="A01", clock=clock)
    two = window_client(tmp_path / "w02", hall.url, hall_db, device="W02", window="A02", clock=clock)
    try:
        case = one.accept().case
        one.sync()
        two.sync()  # A02 serves the department: the case is in its worklist
        assert two.ctx.cases.get(case.id) is not None
        w1, w2 = CaseWork(one.ctx), CaseWork(two.ctx)
        for step, details in ((Step.START_REVIEW, {}), (Step.DECIDE, {"decision": "grant"})):
            w1.take(case.id, step, details)
        w1.take(case.id, Step.COMPLETE, {"result": "准予", "overtime_reason": "积压"})
        w2.take(case.id, Step.RETURN, {"reasons": "申请人材料虚假"})  # offline: it saw the case accepted
        first, second = one.sync(), two.sync()
        assert (first.pushed, first.rejected) == (3, 0) and (second.pushed, second.rejected) == (0, 1)
        [item] = two.store.attention()
        assert "completed on the server" in item.reason
        back = two.ctx.cases.get(case.id)
        assert back is not None and back[0].state is CaseState.COMPLETED  # the hall's case, fetched
        pickup = PICKUP | {"collector_id_number": APPLICANT_ID}
        w1.take(case.id, Step.DELIVER, pickup)
        w2.take(case.id, Step.DELIVER, pickup)  # the same applicant at the other window, offline
        second, first = two.sync(), one.sync()
        assert (second.pushed, second.rejected, first.pushed, first.rejected) == (1, 0, 0, 1)
        one.sync()
        on_server, events = server_case(hall_db, case.id)
        assert on_server["state"] == "delivered"
        ops = [(w, r.op_type, r.status) for w in (one, two) for r in _outbox(w)]
        applied = sum(1 for *_, status in ops if status == "applied")
        refused = sum(1 for *_, status in ops if status == "rejected")
        lost = sum(1 for *_, status in ops if status == "pending")
        steps = [e for e in events if e != "case.accept"]
        duplicated = len(steps) - len(set(steps))
        print(
            f"two windows, one case: applied={applied} refused={refused} lost={lost} duplicated={duplicated}"
        )
        assert (refused, lost, duplicated) == (2, 0, 0)
        assert steps == ["case.review", "case.decide", "case.complete", "case.deliver"]
        assert applied == 1 + len(steps)  # the acceptance and every step the hall holds, once
    finally:
        one.close()
        two.close()


def _outbox(window: WindowClient) -> list[OutboxRow]:
    with window.ctx.db.reads() as s:
        return list(s.scalars(select(OutboxRow).order_by(OutboxRow.seq)))


def test_a_supervisor_approves_an_extension_at_the_window_and_the_clerk_stays_signed_in(
    window: WindowClient, hall: ServerProcess, hall_db: str
) -> None:
    from counter_app.domain.case_steps import MSG_APPROVER
    from counter_app.services.hall_link import HallLink
    from counter_app.sync.account import MSG_BAD_PASSWORD

    link = HallLink(window.ctx, hall.url)
    case = window.accept().case
    CaseWork(window.ctx).take(case.id, Step.START_REVIEW, {})
    with pytest.raises(DomainError) as wrong:
        link.approver("zhaolei", "not-the-password")
    assert wrong.value.message == MSG_BAD_PASSWORD
    with pytest.raises(DomainError) as clerk:
        link.approver("wangfang", PASSWORD)  # a clerk cannot approve, not even her own case
    assert clerk.value.message == MSG_APPROVER
    approver = link.approver("zhaolei", PASSWORD)
    assert window.ctx.user is not None and window.ctx.user.username == "wangfang"  # still the clerk
    CaseWork(window.ctx).take(case.id, Step.EXTEND, {"days": 3, "reason": "需核查"}, approver=approver)
    report = window.sync()  # pushed under the clerk's token, recorded as the supervisor's
    assert (report.pushed, report.rejected) == (3, 0)
    assert server_case(hall_db, case.id)[0]["lifecycle"]["extension_days"] == 3


def test_an_extension_asked_at_the_window_is_approved_from_the_supervision_view(
    window: WindowClient, hall: ServerProcess, hall_db: str
) -> None:
    import requests

    from counter_app.services.casework import ask_for_extension
    from tests.hall_server.api import enrol

    case = window.accept().case
    work = CaseWork(window.ctx)
    work.take(case.id, Step.START_REVIEW, {})
    asked = ask_for_extension(window.ctx, case.id, {"days": 7, "reason": "需调取外地档案"})
    assert (
        asked.lifecycle["extension_request"]["status"] == "pending"
        and asked.promised_due == case.promised_due
    )
    with pytest.raises(DomainError) as pending:  # one request at a time
        ask_for_extension(window.ctx, case.id, {"days": 3, "reason": "再延"})
    assert pending.value.field == "state"
    report = window.sync()
    assert (report.pushed, report.rejected) == (3, 0)

    boss = enrol(hall.url, hall_db, device="W03", user="zhaolei", window="A01")
    decided = requests.post(
        hall.url + f"/api/v1/queue/oversight/extensions/{case.id}",
        json={"approve": True, "note": ""},
        headers={"Authorization": f"Bearer {boss.token}"},
        timeout=30,
    )
    assert decided.status_code == 200, decided.text
    window.sync()  # the approval comes with the pull
    with pytest.raises(DomainError):  # approved for 7 days, not 9
        work.take(case.id, Step.EXTEND, {"days": 9, "reason": "需调取外地档案"})
    done = work.take(case.id, Step.EXTEND, {"days": 7, "reason": "需调取外地档案"})
    (notice,) = done.notices
    assert notice.payload["extension"]["approved_by"] == "赵磊"  # the notice names who approved
    assert "extension_request" not in done.case.lifecycle
    report = window.sync()
    assert (report.pushed, report.rejected) == (1, 0)
    on_server, events = server_case(hall_db, case.id)
    assert on_server["promised_due"] == done.case.promised_due != case.promised_due
    assert events[-3:] == ["case.extend_request", "case.extend_decision", "case.extend"]
