import pytest

from counter_app.domain.case import (
    CaseState,
    MaterialCheck,
    MaterialStatus,
    Party,
    check_complete,
    check_notifiable,
    check_transition,
)
from counter_app.domain.catalogue import Material
from counter_app.domain.identity import IdType, PartyKind
from counter_app.domain.messages import DomainError

REQUIRED = Material("身份证")
OPTIONAL = Material("委托书", required=False, condition="委托他人办理的")


def test_transitions() -> None:
    check_transition(None, CaseState.ACCEPTED)
    check_transition(CaseState.NOTIFIED, CaseState.ACCEPTED)
    check_transition(CaseState.ACCEPTED, CaseState.COMPLETED)
    for state, target in [
        (CaseState.REFUSED, CaseState.ACCEPTED),
        (CaseState.COMPLETED, CaseState.NOTIFIED),
        (None, CaseState.UNDER_REVIEW),
        (CaseState.ACCEPTED, CaseState.NOTIFIED),
    ]:
        with pytest.raises(DomainError):
            check_transition(state, target)


def test_accept_needs_every_required_material() -> None:
    check_complete(
        [
            MaterialCheck(REQUIRED, MaterialStatus.RECEIVED),
            MaterialCheck(OPTIONAL, MaterialStatus.NOT_APPLICABLE),
        ]
    )
    with pytest.raises(DomainError):
        check_complete([MaterialCheck(REQUIRED, MaterialStatus.NOT_APPLICABLE)])
    with pytest.raises(DomainError):
        check_complete(
            [
                MaterialCheck(REQUIRED, MaterialStatus.RECEIVED),
                MaterialCheck(OPTIONAL, MaterialStatus.MISSING),
            ]
        )


def test_notice_needs_a_problem() -> None:
    with pytest.raises(DomainError):
        check_notifiable([MaterialCheck(REQUIRED, MaterialStatus.RECEIVED)])
    check_notifiable([MaterialCheck(REQUIRED, MaterialStatus.NEEDS_CORRECTION, "复印件不清晰")])


def test_party_validation_names_the_field() -> None:
    party = Party(PartyKind.PERSON, "张三\x07", IdType.PASSPORT, "E12345678")
    with pytest.raises(DomainError) as err:
        party.validated("agent.")
    assert err.value.field == "agent.name"
    long_name = Party(PartyKind.PERSON, "张" * 301, IdType.PASSPORT, "E12345678")
    with pytest.raises(DomainError, match="at most 300"):
        long_name.validated("applicant.")
