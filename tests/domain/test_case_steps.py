"""Each step after acceptance: where it may start, what it must say, what it does to the clock."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from counter_app.domain.case import CaseState
from counter_app.domain.case_clock import Timeliness
from counter_app.domain.case_steps import CaseFacts, Limits, Outcome, Step, allowed_steps, fee_fen, take
from counter_app.domain.messages import DomainError
from tests.domain.test_case_clock import CAL, MONDAY

APPLICANT = "110101199003074477"
AGENT = "11010519491231002X"
FACTS = CaseFacts(CaseState.ACCEPTED, MONDAY, Limits(10, 20), APPLICANT, AGENT, {})


def after(facts: CaseFacts, outcome: Outcome) -> CaseFacts:
    return replace(facts, state=outcome.state, lifecycle=outcome.lifecycle)


def walk(*steps: tuple[Step, date, dict[str, Any]], role: str = "") -> tuple[CaseFacts, Outcome]:
    facts, outcome = FACTS, None
    for step, on, details in steps:
        outcome = take(step, facts, details, on, CAL, approver_role=role)
        facts = after(facts, outcome)
    assert outcome is not None
    return facts, outcome


REVIEW = (Step.START_REVIEW, MONDAY, {})
CORRECT = (
    Step.REQUEST_CORRECTION,
    date(2025, 9, 24),
    {"materials": [{"name": "营业执照", "problem": "已过期"}]},
)
CORRECTED = (Step.CORRECTED, date(2025, 10, 9), {})
GRANT = (Step.DECIDE, date(2025, 10, 10), {"decision": "grant"})


def test_a_correction_stops_the_clock_and_its_materials_resume_it_from_where_it_stopped() -> None:
    _, stopped = walk(REVIEW, CORRECT)
    assert stopped.state is CaseState.CORRECTION and stopped.promised_due is None
    _, resumed = walk(REVIEW, CORRECT, CORRECTED)
    assert resumed.state is CaseState.UNDER_REVIEW and resumed.promised_due == date(2025, 10, 20)
    assert resumed.legal_due == date(2025, 11, 3)  # 20 - 2 = 18 days after 9 October


def test_a_special_procedure_goes_back_to_the_state_it_started_from() -> None:
    special = (
        Step.START_SPECIAL,
        date(2025, 9, 23),
        {"procedure": "hearing", "reason": "利害关系人申请听证", "expected_days": 5},
    )
    _, out = walk(special, (Step.END_SPECIAL, date(2025, 9, 30), {}))
    assert out.state is CaseState.ACCEPTED
    _, out = walk(REVIEW, special, (Step.END_SPECIAL, date(2025, 9, 30), {}))
    assert out.state is CaseState.UNDER_REVIEW


def test_completing_late_needs_the_overtime_reason_and_is_marked_overdue() -> None:
    late = date(2025, 10, 14)  # due 11 October
    complete = {"result": "准予许可", "certificate_number": "JY123", "fee": "0"}
    with pytest.raises(DomainError) as missing:
        walk(REVIEW, (Step.DECIDE, late, {"decision": "grant"}), (Step.COMPLETE, late, complete))
    assert missing.value.field == "overtime_reason"
    _, out = walk(
        REVIEW,
        (Step.DECIDE, late, {"decision": "grant"}),
        (Step.COMPLETE, late, complete | {"overtime_reason": "系统故障"}),
    )
    assert out.timeliness is Timeliness.OVERDUE and out.state is CaseState.COMPLETED
    _, early = walk(REVIEW, GRANT, (Step.COMPLETE, date(2025, 10, 10), complete))
    assert early.timeliness is Timeliness.AHEAD and early.lifecycle["completion"]["fee_fen"] == 0


@pytest.mark.parametrize(
    ("fee", "fen"), [("0", 0), ("15", 1500), ("120.50", 12050), (" 9999999.99 ", 999999999)]
)
def test_fees_are_kept_in_fen(fee: str, fen: int) -> None:
    assert fee_fen(fee) == fen


@pytest.mark.parametrize("fee", ["-1", "1.005", "abc", "1e9", "NaN", "Infinity", "10000000.01"])
def test_a_negative_or_absurd_fee_is_refused(fee: str) -> None:
    with pytest.raises(DomainError) as bad:
        fee_fen(fee)
    assert bad.value.field == "fee"


def test_a_500_character_certificate_number_is_refused() -> None:
    with pytest.raises(DomainError) as long:
        walk(
            REVIEW,
            GRANT,
            (Step.COMPLETE, date(2025, 10, 10), {"result": "准予", "certificate_number": "9" * 500}),
        )
    assert long.value.field == "certificate_number"


def test_only_the_applicant_or_the_recorded_agent_collects() -> None:
    done = (Step.COMPLETE, date(2025, 10, 10), {"result": "准予许可"})
    pickup = {"method": "pickup", "collector_name": "张三", "collector_id_type": "resident_id"}
    for person in (APPLICANT, AGENT.lower()):
        _, out = walk(
            REVIEW, GRANT, done, (Step.DELIVER, date(2025, 10, 10), pickup | {"collector_id_number": person})
        )
        assert out.state is CaseState.DELIVERED
    with pytest.raises(DomainError) as stranger:
        walk(
            REVIEW,
            GRANT,
            done,
            (Step.DELIVER, date(2025, 10, 10), pickup | {"collector_id_number": "110101198001010053"}),
        )
    assert stranger.value.field == "collector_id_number"


def test_an_extension_needs_an_approver_and_moves_the_date() -> None:
    extend = (Step.EXTEND, date(2025, 9, 30), {"days": 5, "reason": "需现场核查"})
    with pytest.raises(DomainError) as unsigned:
        walk(REVIEW, extend, role="clerk")
    assert unsigned.value.field == "approver"
    _, out = walk(REVIEW, extend, role="chief")
    assert out.promised_due == date(2025, 10, 17)  # 11 October + 13, 14, 15, 16, 17
    assert out.lifecycle["extension_days"] == 5


def test_a_step_from_the_wrong_state_is_refused_and_names_both_states() -> None:
    with pytest.raises(DomainError) as wrong:
        walk(GRANT)  # a decision before review
    assert wrong.value.field == "state"
    assert wrong.value.params == {"state": "已受理", "target": "已审批"}


def test_a_step_dated_before_the_previous_one_is_refused() -> None:
    with pytest.raises(DomainError) as backwards:
        walk(REVIEW, CORRECT, (Step.CORRECTED, date(2025, 9, 23), {}))
    assert backwards.value.field == "on"


def test_a_refused_licence_needs_reasons_and_legal_basis() -> None:
    with pytest.raises(DomainError):
        walk(REVIEW, (Step.DECIDE, MONDAY, {"decision": "deny", "reasons": "不符合条件"}))
    _, out = walk(
        REVIEW,
        (
            Step.DECIDE,
            MONDAY,
            {"decision": "deny", "reasons": "不符合条件", "legal_basis": "《行政许可法》第三十八条"},
        ),
    )
    assert out.lifecycle["decision"]["decision"] == "deny"


def test_each_state_offers_only_its_steps() -> None:
    assert allowed_steps(CaseState.ACCEPTED) == [
        Step.START_REVIEW,
        Step.START_SPECIAL,
        Step.EXTEND,
        Step.RETURN,
        Step.WITHDRAW,
    ]
    assert allowed_steps(CaseState.CORRECTION) == [Step.CORRECTED, Step.RETURN, Step.WITHDRAW]
    assert allowed_steps(CaseState.COMPLETED) == [Step.DELIVER]
    assert allowed_steps(CaseState.DELIVERED) == []
