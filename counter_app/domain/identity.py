"""Identity documents of applicants and agents, with checksum validation where one exists."""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum
from functools import lru_cache

from stdnum import numdb
from stdnum.cn import ric, uscc
from stdnum.exceptions import InvalidChecksum, InvalidComponent, InvalidFormat, InvalidLength
from stdnum.iso7064 import mod_11_2

from counter_app.domain.messages import QT_TRANSLATE_NOOP, DomainError


class PartyKind(StrEnum):
    PERSON = "person"  # 自然人
    ORGANISATION = "organisation"  # 法人或其他组织


class IdType(StrEnum):
    RESIDENT_ID = "resident_id"  # 居民身份证
    USCC = "uscc"  # 统一社会信用代码
    PASSPORT = "passport"  # 护照
    HK_MACAO_PERMIT = "hk_macao_permit"  # 港澳居民来往内地通行证
    TAIWAN_PERMIT = "taiwan_permit"  # 台湾居民来往大陆通行证
    HMT_RESIDENCE = "hmt_residence"  # 港澳台居民居住证
    FOREIGN_PR = "foreign_pr"  # 外国人永久居留身份证


ID_TYPE_LABELS = {
    IdType.RESIDENT_ID: "居民身份证",
    IdType.USCC: "统一社会信用代码",
    IdType.PASSPORT: "护照",
    IdType.HK_MACAO_PERMIT: "港澳居民来往内地通行证",
    IdType.TAIWAN_PERMIT: "台湾居民来往大陆通行证",
    IdType.HMT_RESIDENCE: "港澳台居民居住证",
    IdType.FOREIGN_PR: "外国人永久居留身份证",
}

PERSON_ID_TYPES = (
    IdType.RESIDENT_ID,
    IdType.PASSPORT,
    IdType.HK_MACAO_PERMIT,
    IdType.TAIWAN_PERMIT,
    IdType.HMT_RESIDENCE,
    IdType.FOREIGN_PR,
)
ORGANISATION_ID_TYPES = (IdType.USCC,)

_PATTERNS = {
    IdType.PASSPORT: re.compile(r"^[A-Z0-9]{5,17}$"),
    IdType.HK_MACAO_PERMIT: re.compile(r"^[HM]\d{8}(\d{2})?$"),
    IdType.TAIWAN_PERMIT: re.compile(r"^\d{8}(\d{2})?$"),
    IdType.FOREIGN_PR: re.compile(r"^([A-Z]{3}\d{12}|9\d{16}[\dX])$"),
}

MSG_ID_EMPTY = QT_TRANSLATE_NOOP("messages", "Enter the ID number.")
MSG_ID_LENGTH = QT_TRANSLATE_NOOP("messages", "The ID number has the wrong length.")
MSG_ID_FORMAT = QT_TRANSLATE_NOOP("messages", "The ID number has the wrong format.")
MSG_ID_CHECKSUM = QT_TRANSLATE_NOOP(
    "messages", "The check digit of the ID number is wrong: check the number on the document."
)
MSG_ID_BIRTH = QT_TRANSLATE_NOOP(
    "messages", "The region code or the birth date inside the ID number is not valid."
)
MSG_ID_KIND = QT_TRANSLATE_NOOP("messages", "This document type does not fit the kind of applicant.")


def normalise_id(number: str) -> str:
    """Upper-case and drop spaces and hyphens people type or scanners add.

    Full-width digits, letters and spaces (typed with a Chinese input method on) become ASCII first.
    """
    return re.sub(r"[\s\-]", "", unicodedata.normalize("NFKC", number)).upper()


def _check_ric(number: str, field: str) -> None:
    """GB 11643: length, layout, birth date and check digit (python-stdnum), and a known province.

    ``ric.validate`` also rejects a county code that did not exist in the birth year; but the code
    is the one in force when the number was first issued (from 1984), so people born before their
    county was created hold valid numbers it refuses. We keep its checks except that one.
    """
    if len(number) != 18:
        raise DomainError(MSG_ID_LENGTH, field)
    if not re.fullmatch(r"\d{17}[\dX]", number):
        raise DomainError(MSG_ID_FORMAT, field)
    try:
        ric.get_birth_date(number)
    except InvalidComponent as exc:
        raise DomainError(MSG_ID_BIRTH, field) from exc
    if mod_11_2.calc_check_digit(number[:17]) != number[-1]:
        raise DomainError(MSG_ID_CHECKSUM, field)
    if not _is_region(number[:6]):
        raise DomainError(MSG_ID_BIRTH, field)


@lru_cache(maxsize=4096)
def _is_region(code: str) -> bool:
    """Whether *code* names a place of birth (python-stdnum's table of them): 25 us a look-up,
    asked at every acceptance of the same few hundred codes, so remembered."""
    return any("province" in props for _part, props in numdb.get("cn/loc").info(code))


def validate_id(id_type: IdType, number: str, field: str = "id_number") -> str:
    """Return the normalised number or raise ``DomainError`` saying what is wrong."""
    value = normalise_id(number)
    if not value:
        raise DomainError(MSG_ID_EMPTY, field)
    if len(value) > 40:
        raise DomainError(MSG_ID_LENGTH, field)
    if id_type is IdType.RESIDENT_ID:
        _check_ric(value, field)
    elif id_type is IdType.HMT_RESIDENCE:
        # 810000/820000/830000 are not mainland region codes: check layout and check digit only
        if not re.fullmatch(r"^8[123]0000\d{11}[\dX]$", value):
            raise DomainError(MSG_ID_FORMAT, field)
        _check_ric_like_checksum(value, field)
    elif id_type is IdType.USCC:
        try:
            uscc.validate(value)
        except InvalidLength as exc:
            raise DomainError(MSG_ID_LENGTH, field) from exc
        except InvalidChecksum as exc:
            raise DomainError(MSG_ID_CHECKSUM, field) from exc
        except (InvalidFormat, InvalidComponent) as exc:
            raise DomainError(MSG_ID_FORMAT, field) from exc
    else:
        if not _PATTERNS[id_type].fullmatch(value):
            raise DomainError(MSG_ID_FORMAT, field)
        if id_type is IdType.FOREIGN_PR and len(value) == 18:
            _check_ric_like_checksum(value, field)
    return value


def _check_ric_like_checksum(value: str, field: str) -> None:
    """The resident-ID check digit (GB 11643: ISO 7064 MOD 11-2), on the HMT residence permit and the
    2023 permanent residence card too."""
    if mod_11_2.calc_check_digit(value[:17]) != value[17]:
        raise DomainError(MSG_ID_CHECKSUM, field)


def check_kind(kind: PartyKind, id_type: IdType, field: str = "id_type") -> None:
    allowed = PERSON_ID_TYPES if kind is PartyKind.PERSON else ORGANISATION_ID_TYPES
    if id_type not in allowed:
        raise DomainError(MSG_ID_KIND, field)
