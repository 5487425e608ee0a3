import pytest

from counter_app.domain.identity import MSG_ID_BIRTH, IdType, PartyKind, check_kind, validate_id
from counter_app.domain.messages import DomainError
from counter_app.services.demo import credit_code, resident_id


def test_valid_resident_id_is_normalised() -> None:
    number = resident_id("11010519491231109")
    assert number == "11010519491231109X"
    assert validate_id(IdType.RESIDENT_ID, " 110105 19491231 109x ") == number


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("110105194912311091", "check digit"),
        ("11010519491231002", "wrong length"),
        ("110105194913310021", "birth date"),
        ("", "Enter the ID number"),
        ("1" * 400, "wrong length"),
    ],
)
def test_bad_resident_ids(number: str, message: str) -> None:
    with pytest.raises(DomainError) as err:
        validate_id(IdType.RESIDENT_ID, number, "applicant.id_number")
    assert message in str(err.value)
    assert err.value.field == "applicant.id_number"


def test_credit_code_checksum() -> None:
    good = credit_code("91330100MA2C3K5L0")
    assert validate_id(IdType.USCC, good) == good
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    with pytest.raises(DomainError, match="check digit"):
        validate_id(IdType.USCC, bad)


@pytest.mark.parametrize(
    ("id_type", "good", "bad"),
    [
        (IdType.PASSPORT, "E12345678", "E12#45"),
        (IdType.HK_MACAO_PERMIT, "H12345678", "X12345678"),
        (IdType.TAIWAN_PERMIT, "12345678", "1234567"),
        (IdType.FOREIGN_PR, "USA330112345678", "US3301123456"),
    ],
)
def test_format_checked_documents(id_type: IdType, good: str, bad: str) -> None:
    assert validate_id(id_type, good) == good
    with pytest.raises(DomainError, match="format"):
        validate_id(id_type, bad)


def test_new_permanent_residence_card_checksum() -> None:
    body = "93310019900101001"
    good = resident_id(body)  # same GB 11643 check digit
    assert validate_id(IdType.FOREIGN_PR, good) == good
    wrong = good[:-1] + ("1" if good[-1] != "1" else "2")
    with pytest.raises(DomainError, match="check digit"):
        validate_id(IdType.FOREIGN_PR, wrong)


def test_hmt_residence_permit_must_start_with_81_82_83() -> None:
    good = resident_id("81000019900101001")
    assert validate_id(IdType.HMT_RESIDENCE, good) == good
    with pytest.raises(DomainError):
        validate_id(IdType.HMT_RESIDENCE, resident_id("33010619800101201"))


@pytest.mark.parametrize("last", "012345678X")
def test_hmt_residence_permit_check_digit(last: str) -> None:
    """810000199001010019 is valid (GB 11643 weights, worked by hand); every other last character
    is refused as a wrong check digit, not as a bad format."""
    number = "81000019900101001" + last
    if last == "9":
        assert validate_id(IdType.HMT_RESIDENCE, number) == number
    else:
        with pytest.raises(DomainError, match="check digit"):
            validate_id(IdType.HMT_RESIDENCE, number)


def test_an_organisation_cannot_use_a_resident_id() -> None:
    with pytest.raises(DomainError):
        check_kind(PartyKind.ORGANISATION, IdType.RESIDENT_ID)
    check_kind(PartyKind.PERSON, IdType.PASSPORT)


def test_region_code_newer_than_the_birth_year_is_accepted() -> None:
    # 西湖区 has had code 330106 since 1983; people born before were issued numbers with it
    number = resident_id("33010619800101201")
    assert validate_id(IdType.RESIDENT_ID, number) == number


def test_unknown_province_is_refused() -> None:
    with pytest.raises(DomainError) as err:
        validate_id(IdType.RESIDENT_ID, resident_id("99010619800101201"))
    assert err.value.message == MSG_ID_BIRTH
