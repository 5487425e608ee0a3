"""Case and notice numbers (办件编号) that are unique without any server.

A number is the hall code, the device code, the date and the device's daily sequence for the
series: ``{prefix}{hall}{device}{yyyymmdd}{seq:04d}``. The hall code is digits only (the
administrative division code, 6 to 12 digits) and the device code starts with a letter, so the
split between them is never ambiguous; IT assigns device codes unique within the hall, so two
devices never produce the same number.
"""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum

from counter_app.domain.messages import QT_TRANSLATE_NOOP, DomainError

_HALL_CODE = re.compile(r"^\d{6,12}$")
_DEVICE_CODE = re.compile(r"^[A-Z][A-Z0-9]{1,5}$")
MSG_BAD_HALL_CODE = QT_TRANSLATE_NOOP("messages", "The hall code must be 6 to 12 digits.")
MSG_BAD_DEVICE_CODE = QT_TRANSLATE_NOOP(
    "messages", "The device code must be 2 to 6 upper-case letters or digits, starting with a letter."
)
MSG_SEQUENCE_FULL = QT_TRANSLATE_NOOP(
    "messages", "This device has used all 9999 numbers of the day for this series."
)


class Series(StrEnum):
    CASE = ""  # 办件编号
    ONE_TIME_NOTICE = "GZ"  # 一次性告知书
    REFUSAL = "BY"  # 不予受理通知书
    CONSULT = "ZX"  # 咨询登记
    DOCUMENT = "WS"  # 文书: the notices of a case's steps after acceptance (补正, 延期, 办结 ...)


_ANY_NUMBER = re.compile(r"^(?:[A-Z]{2})?\d{6,12}[A-Z][A-Z0-9]{1,5}\d{12}$")


def is_number(text: str) -> bool:
    """Is *text* a case or notice number of this format (what a notice's barcode carries)?"""
    return bool(_ANY_NUMBER.fullmatch(text))


def check_hall_code(code: str, field: str = "hall_code") -> str:
    if not _HALL_CODE.fullmatch(code or ""):
        raise DomainError(MSG_BAD_HALL_CODE, field)
    return code


def check_device_code(code: str, field: str = "device_code") -> str:
    if not _DEVICE_CODE.fullmatch(code or ""):
        raise DomainError(MSG_BAD_DEVICE_CODE, field)
    return code


def format_number(series: Series, hall_code: str, device_code: str, day: date, seq: int) -> str:
    if not 1 <= seq <= 9999:
        raise DomainError(MSG_SEQUENCE_FULL, "sequence")
    check_hall_code(hall_code)
    check_device_code(device_code)
    return f"{series.value}{hall_code}{device_code}{day:%Y%m%d}{seq:04d}"
