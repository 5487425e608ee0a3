"""Joint approval (并联审批) through a real hall server, on both engines, with three real windows:
the lead (C02, market regulation) accepts a restaurant opening; the fire window (G03) and the
environment window (G02, offline at acceptance) get their parts with their pulls, answer them,
one asks for corrections; the lead completes only when both agreed. Then the refused paths:
one part answered twice from two windows, and a part answering a case the applicant withdrew."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from counter_app.domain.case import CaseState, ServiceMode
from counter_app.domain.case_steps import Step
from counter_app.domain.joint import AGREED, OPEN, part_of, parts_of
from counter_app.domain.messages import DomainError
from counter_app.domain.records import Case
from counter_app.services.casework import CaseWork
from counter_app.services.demo import all_received, person
from counter_app.services.intake import ApplicationDraft, IntakeService
from counter_app.services.joint_parts import answer_part, part_correction_notice
from counter_app.services.worklist import Worklist
from hall_server.db import open_server_database
from hall_server.messages.models import MessageRow
from hall_server.models import CaseEventRow, CasePartRow, CaseRow, NoticeNumberRow
from hall_server.queue.tickets import hall_now
from hall_server.reports.oversight import oversight
from tests.conftest import Clock
from tests.servers import ServerProcess
from tests.sync_helpers import WindowClient, window_client

RESTAURANT = "021000200000"  # 开办餐饮店“一件事”联办: SCJG leads, XF and STHJ in parallel
CORRECTION = {
    "opinion": "correction",
    "text": "排污登记表未标明排放口位置",
    "materials": [{"name": "餐饮油烟净化设施说明及排污登记表", "problem": "未标明排放口位置"}],
}


@pytest.fixture
def clock() -> Clock:
    return Clock(hall_now("Asia/Shanghai").replace(tzinfo=None) - timedelta(days=10))


@pytest.fixture
def windows(
    hall: ServerProcess, hall_db: str, tmp_path: Path, clock: Clock
) -> Iterator[dict[str, WindowClient]]:
    made: dict[str, WindowClient] = {}
    try:
        for name, device, window in (("lead", "W01", "C02"), ("fire", "W02", "G03"), ("env", "W03", "G02")):
            made[name] = window_client(
                tmp_path / name, hall.url, hall_db, device=device, window=window, clock=clock
            )
        yield made
    finally:
        for client in made.values():
            client.close()


def accept_restaurant(window: WindowClient) -> Case:
    item = next(i for i in window.ctx.catalogue.items if i.code == RESTAURANT)
    draft = ApplicationDraft(
        item, person("张晓明", "11010519491231002"), None, ServiceMode.WINDOW, all_received(item)
    )
    return IntakeService(window.ctx).accept(draft).case


def answer(window: WindowClient, case_id: str, details: dict[str, Any]) -> Case:
    return answer_part(window.ctx, case_id, details, Worklist(window.ctx).departments())


def on_server(url: str, case_id: str) -> tuple[str, dict[str, str], list[tuple[str, Any]]]:
    db = open_server_database(url)
    try:
        with db.sessions() as s:
            row = s.get(CaseRow, case_id)
            assert row is not None
            parts = {
                p.department: p.state
                for p in s.scalars(select(CasePartRow).where(CasePartRow.case_id == case_id))
            }
            events = [
                (e.action, e.detail.get("department"))
                for e in s.scalars(
                    select(CaseEventRow).where(CaseEventRow.case_id == case_id).order_by(CaseEventRow.id)
                )
            ]
            return row.state, parts, events
    finally:
        db.dispose()


def registered(url: str, number: str) -> str | None:
    db = open_server_database(url)
    try:
        with db.sessions() as s:
            row = s.get(NoticeNumberRow, number)
            return row.case_id if row else None
    finally:
        db.dispose()


def messages_of(url: str, case_id: str) -> list[tuple[str, str | None]]:
    db = open_server_database(url)
    try:
        with db.sessions() as s:
            rows = s.scalars(
                select(MessageRow).where(MessageRow.case_id == case_id).order_by(MessageRow.created_at)
            )
            return [(m.event, m.params.get("materials")) for m in rows]
    finally:
        db.dispose()


def supervision(url: str) -> dict[str, Any]:
    db = open_server_database(url)
    try:
        return oversight(db, None, "Asia/Shanghai")
    finally:
        db.dispose()


def test_a_joint_case_walks_from_acceptance_through_every_part_to_completion(
    windows: dict[str, WindowClient], hall_db: str
) -> None:
    lead, fire, env = windows["lead"], windows["fire"], windows["env"]
    case = accept_restaurant(lead)
    assert [p.department for p in parts_of(case.lifecycle)] == ["XF", "STHJ"]  # shown offline too
    assert lead.sync().pushed == 1
    state, parts, events = on_server(hall_db, case.id)
    assert (state, parts) == ("accepted", {"XF": OPEN, "STHJ": OPEN})
    assert [e for e in events if e[0] == "case.joint_notified"] == [
        ("case.joint_notified", "XF"),
        ("case.joint_notified", "STHJ"),
    ]

    watched = supervision(hall_db)["joint_parts"]  # accepted ten days ago: both parts are late
    assert watched["total"] == 2
    assert {(c["part_department"], c["working_days_left"] < 0) for c in watched["cases"]} == {
        ("XF", True),
        ("STHJ", True),
    }

    fire.sync()  # the fire window's worklist has the part, due on its own 5-day limit
    rows = Worklist(fire.ctx).load().rows
    [row] = [r for r in rows if r.case.id == case.id]
    xf = part_of(case.lifecycle, "XF")
    assert row.case.part == "XF" and xf is not None and row.case.promised_due == xf.due
    answer(
        fire, case.id, {"opinion": "agree", "text": "符合消防安全要求", "attachments": ["消防安全检查意见书"]}
    )
    assert [r for r in Worklist(fire.ctx).load().rows if r.case.id == case.id] == []  # answered: off the list
    assert (fire.sync().pushed, fire.sync().rejected) == (1, 0)

    work = CaseWork(lead.ctx)
    work.take(case.id, Step.START_REVIEW, {})
    with pytest.raises(DomainError) as waiting:  # the environment part is still open
        work.take(case.id, Step.DECIDE, {"decision": "grant"})
    assert waiting.value.field == "parts"
    assert lead.sync().pushed == 1

    env.sync()  # offline at acceptance: its first pull brings the part all the same
    assert any(r.case.id == case.id and r.case.part == "STHJ" for r in Worklist(env.ctx).load().rows)
    stopped = answer(env, case.id, CORRECTION)
    assert stopped.state is CaseState.CORRECTION  # 补正 by one part stops the clock for all
    assert env.sync().pushed == 1
    assert on_server(hall_db, case.id)[:2] == ("correction", {"XF": AGREED, "STHJ": "correction"})

    lead.sync()
    held = lead.ctx.cases.get(case.id)
    assert held is not None and held[0].state is CaseState.CORRECTION
    # the applicant's 补正通知书 comes from the lead window, listing what the part asked; once
    [notice] = part_correction_notice(lead.ctx, case.id)
    assert notice.kind == "correction" and "餐饮油烟净化设施说明及排污登记表" in str(
        notice.payload["correction"]
    )
    assert "生态环境" in notice.payload["correction"]["note"]
    assert part_correction_notice(lead.ctx, case.id) == [notice]  # asked again: the same notice
    assert (lead.sync().pushed, lead.sync().rejected) == (1, 0)
    assert registered(hall_db, notice.number) == case.id
    work.take(case.id, Step.CORRECTED, {})  # the applicant brought the corrected form
    assert lead.sync().pushed == 1
    env.sync()
    answer(env, case.id, {"opinion": "agree", "text": "排污登记完成"})
    env.sync()
    lead.sync()
    work.take(case.id, Step.DECIDE, {"decision": "grant"})
    work.take(case.id, Step.COMPLETE, {"result": "准予许可", "certificate_number": "JY13301060000001"})
    report = lead.sync()
    assert (report.pushed, report.rejected) == (2, 0)
    state, parts, events = on_server(hall_db, case.id)
    assert (state, parts) == ("completed", {"XF": AGREED, "STHJ": AGREED})
    assert supervision(hall_db)["joint_parts"]["total"] == 0
    assert [e for e in events if e[0] == "case.opinion"] == [
        ("case.opinion", "XF"),
        ("case.opinion", "STHJ"),
        ("case.opinion", "STHJ"),
    ]
    fire.sync()
    assert fire.ctx.cases.get(case.id)[0].state is CaseState.COMPLETED  # type: ignore[index]
    # the applicant's text messages: accepted, the environment part's 补正 with its material, ready
    assert messages_of(hall_db, case.id) == [
        ("accepted", None),
        ("correction", "餐饮油烟净化设施说明及排污登记表"),
        ("ready", None),
    ]


def test_a_part_answered_from_two_windows_and_a_withdrawn_case_are_refused_with_the_state_found(
    windows: dict[str, WindowClient], hall: ServerProcess, hall_db: str, tmp_path: Path, clock: Clock
) -> None:
    lead, fire, env = windows["lead"], windows["fire"], windows["env"]
    other = window_client(tmp_path / "fire2", hall.url, hall_db, device="W04", window="G03", clock=clock)
    try:
        case = accept_restaurant(lead)
        lead.sync()
        for window in (fire, other, env):
            window.sync()
        answer(fire, case.id, {"opinion": "agree"})
        answer(other, case.id, {"opinion": "disagree", "text": "疏散通道宽度不足"})  # offline, meanwhile
        first, second = fire.sync(), other.sync()
        assert (first.pushed, first.rejected, second.pushed, second.rejected) == (1, 0, 0, 1)
        [item] = other.store.attention()
        assert "同意" in item.reason or "agreed" in item.reason
        back = other.ctx.cases.get(case.id)
        assert back is not None and part_of(back[0].lifecycle, "XF").state == AGREED  # type: ignore[union-attr]

        CaseWork(lead.ctx).take(case.id, Step.WITHDRAW, {"reasons": "申请人撤回申请"})
        lead.sync()
        answer(env, case.id, {"opinion": "agree"})  # env has not pulled since: it saw the case open
        report = env.sync()
        assert (report.pushed, report.rejected) == (0, 1)
        [item] = env.store.attention()
        assert "撤回" in item.reason or "withdrawn" in item.reason
        state, parts, _events = on_server(hall_db, case.id)
        assert (state, parts) == ("withdrawn", {"XF": AGREED, "STHJ": OPEN})
        assert not any(r.case.id == case.id for r in Worklist(env.ctx).load().rows)  # gone from its list
    finally:
        other.close()
