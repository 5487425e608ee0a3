"""Joint approval rules (domain/joint.py): the parts made at acceptance, each answer, 补正 by one
part stopping the clock for all, and the lead's grant and completion waiting for every agreement."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest

from counter_app.domain.calendar import WorkingCalendar
from counter_app.domain.case import CaseState
from counter_app.domain.case_steps import CaseFacts, Limits, Step, take
from counter_app.domain.catalogue_format import CatalogueFormatError, item_to_json, parse_catalogue
from counter_app.domain.joint import (
    AGREED,
    CORRECTION,
    DISAGREED,
    OPEN,
    disagreements,
    give_opinion,
    open_parts,
    part_of,
    parts_of,
)
from counter_app.domain.messages import DomainError
from counter_app.services.demo import demo_catalogue_path

ACCEPTED_ON = date(2026, 11, 2)  # a Monday
NAMES = {"XF": "示范市消防救援支队", "STHJ": "示范市生态环境局"}


@pytest.fixture(scope="module")
def calendar() -> WorkingCalendar:
    return WorkingCalendar.from_years([])


@pytest.fixture(scope="module")
def restaurant() -> dict[str, Any]:
    catalogue = parse_catalogue(json.loads(demo_catalogue_path().read_text(encoding="utf-8")))
    item = next(i for i in catalogue.items if i.code == "021000200000")
    return item_to_json(item)


def facts(state: CaseState, lifecycle: dict[str, Any]) -> CaseFacts:
    return CaseFacts(state, ACCEPTED_ON, Limits(10, 20), "X", None, lifecycle)


def test_acceptance_opens_one_part_per_co_department_due_on_its_own_limit(
    restaurant: dict[str, Any], calendar: WorkingCalendar
) -> None:
    lifecycle = open_parts(restaurant, ACCEPTED_ON, calendar, NAMES)
    parts = parts_of(lifecycle)
    assert [(p.department, p.name, p.state, p.limit_days) for p in parts] == [
        ("XF", "示范市消防救援支队", OPEN, 5),
        ("STHJ", "示范市生态环境局", OPEN, 3),
    ]
    assert [p.due for p in parts] == [date(2026, 11, 9), date(2026, 11, 5)]  # 5 and 3 working days
    assert parts[0].materials[1] == "场所平面布置图、场所消防设施平面图"
    assert open_parts({**restaurant, "item_class": "promised"}, ACCEPTED_ON, calendar, NAMES) == {}


def test_each_part_answers_once_and_a_closed_case_takes_no_answer(
    restaurant: dict[str, Any], calendar: WorkingCalendar
) -> None:
    lifecycle = open_parts(restaurant, ACCEPTED_ON, calendar, NAMES)
    state, after = give_opinion(
        CaseState.ACCEPTED,
        lifecycle,
        "XF",
        {"opinion": "agree", "attachments": ["意见书"]},
        ACCEPTED_ON,
        "李消防",
    )
    xf = part_of(after, "XF")
    assert state is CaseState.ACCEPTED and xf is not None
    assert (xf.state, xf.answered_by, xf.attachments) == (AGREED, "李消防", ("意见书",))
    with pytest.raises(DomainError) as twice:
        give_opinion(state, after, "XF", {"opinion": "disagree", "text": "再议"}, ACCEPTED_ON, "张")
    assert twice.value.field == "state" and "同意" in str(twice.value.params)
    with pytest.raises(DomainError) as closed:
        give_opinion(CaseState.WITHDRAWN, after, "STHJ", {"opinion": "agree"}, ACCEPTED_ON, "王")
    assert closed.value.field == "state"
    with pytest.raises(DomainError) as stranger:
        give_opinion(state, after, "GA", {"opinion": "agree"}, ACCEPTED_ON, "王")
    assert stranger.value.field == "department"
    with pytest.raises(DomainError) as silent:
        give_opinion(state, after, "STHJ", {"opinion": "disagree", "text": " "}, ACCEPTED_ON, "王")
    assert silent.value.field == "text"


def test_a_part_asking_for_corrections_stops_every_clock_and_the_materials_reopen_it(
    restaurant: dict[str, Any], calendar: WorkingCalendar
) -> None:
    lifecycle = open_parts(restaurant, ACCEPTED_ON, calendar, NAMES)
    asked = {
        "opinion": "correction",
        "text": "排污登记表缺排放口位置",
        "materials": [{"name": "餐饮油烟净化设施说明及排污登记表", "problem": "未标排放口位置"}],
    }
    state, stopped = give_opinion(CaseState.UNDER_REVIEW, lifecycle, "STHJ", asked, date(2026, 11, 3), "王")
    assert state is CaseState.CORRECTION and stopped["resume_state"] == "under_review"
    [stop] = stopped["stops"]
    assert stop["detail"]["materials"][0]["department"] == "STHJ"
    # a second part asking meanwhile adds to the same 补正
    more = {"opinion": "correction", "text": "缺平面图", "materials": [{"name": "平面图", "problem": "缺"}]}
    state, both = give_opinion(state, stopped, "XF", more, date(2026, 11, 4), "李")
    assert state is CaseState.CORRECTION and len(both["stops"]) == 1
    assert [m["department"] for m in both["stops"][0]["detail"]["materials"]] == ["STHJ", "XF"]
    resumed = take(Step.CORRECTED, facts(state, both), {}, date(2026, 11, 9), calendar)
    assert resumed.state is CaseState.UNDER_REVIEW
    parts = {p.department: p for p in parts_of(resumed.lifecycle)}
    assert parts["STHJ"].state == OPEN and parts["XF"].state == OPEN
    # STHJ had 3 days from Monday 2 Nov; stopped on Tuesday 3 (1 used) to Monday 9: 2 days left
    assert parts["STHJ"].due == date(2026, 11, 11)


def test_the_lead_grants_and_completes_only_when_every_part_agreed(
    restaurant: dict[str, Any], calendar: WorkingCalendar
) -> None:
    lifecycle = open_parts(restaurant, ACCEPTED_ON, calendar, NAMES)
    _, lifecycle = give_opinion(
        CaseState.UNDER_REVIEW, lifecycle, "XF", {"opinion": "agree"}, ACCEPTED_ON, "李"
    )
    with pytest.raises(DomainError) as waiting:
        take(
            Step.DECIDE,
            facts(CaseState.UNDER_REVIEW, lifecycle),
            {"decision": "grant"},
            ACCEPTED_ON,
            calendar,
        )
    assert waiting.value.field == "parts" and "示范市生态环境局" in str(waiting.value.params)
    refusal = {"opinion": "disagree", "text": "油烟排放口距居民楼不足20米"}
    _, lifecycle = give_opinion(CaseState.UNDER_REVIEW, lifecycle, "STHJ", refusal, ACCEPTED_ON, "王")
    assert part_of(lifecycle, "STHJ").state == DISAGREED  # type: ignore[union-attr]
    assert disagreements(lifecycle) == "示范市生态环境局：油烟排放口距居民楼不足20米"
    deny = {"decision": "deny", "reasons": disagreements(lifecycle), "legal_basis": "《排污许可管理条例》"}
    denied = take(Step.DECIDE, facts(CaseState.UNDER_REVIEW, lifecycle), deny, ACCEPTED_ON, calendar)
    done = take(
        Step.COMPLETE, facts(denied.state, denied.lifecycle), {"result": "不予许可"}, ACCEPTED_ON, calendar
    )
    assert done.state is CaseState.COMPLETED  # a refusal completes with a part disagreeing
    assert part_of(done.lifecycle, "STHJ").state == DISAGREED  # type: ignore[union-attr]
    assert CORRECTION != DISAGREED


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"limit_days": 11}, "between 1 and 10"),
        ({"materials": ["不在清单里的材料"]}, "not in the item's list"),
        ({"department": "SCJG"}, "lead department"),
        ({"department": "NOPE"}, "unknown department"),
    ],
)
def test_a_catalogue_with_a_wrong_part_is_refused_whole(change: dict[str, Any], message: str) -> None:
    doc = json.loads(demo_catalogue_path().read_text(encoding="utf-8"))
    item = next(i for i in doc["items"] if i["code"] == "021000200000")
    item["joint_parts"][0] |= change
    item.pop("joint_departments")
    with pytest.raises(CatalogueFormatError, match=message):
        parse_catalogue(doc)


def test_a_joint_item_without_parts_gives_each_department_the_whole_limit(calendar: WorkingCalendar) -> None:
    doc = json.loads(demo_catalogue_path().read_text(encoding="utf-8"))
    item = next(i for i in doc["items"] if i["code"] == "021000200000")
    item.pop("joint_parts")
    parsed = next(i for i in parse_catalogue(doc).items if i.code == "021000200000")
    opened = parts_of(open_parts(item_to_json(parsed), ACCEPTED_ON, calendar, NAMES))
    assert [(p.department, p.limit_days) for p in opened] == [("XF", 10), ("STHJ", 10)]
    assert "joint_parts" not in item_to_json(parsed)  # re-exports as it came
