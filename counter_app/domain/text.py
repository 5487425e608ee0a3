"""Checks on free text a clerk types: no control characters, sensible lengths."""

from __future__ import annotations

import re
import unicodedata

from counter_app.domain.messages import QT_TRANSLATE_NOOP, DomainError

MSG_REQUIRED = QT_TRANSLATE_NOOP("messages", "This field is required.")
MSG_TOO_LONG = QT_TRANSLATE_NOOP("messages", "Too long: at most {limit} characters.")
MSG_CONTROL = QT_TRANSLATE_NOOP("messages", "Contains invisible control characters: retype it.")
MSG_PHONE = QT_TRANSLATE_NOOP(
    "messages", "Enter a phone number of 7 to 20 digits (a leading + and - are allowed)."
)

MSG_HOTLINE = QT_TRANSLATE_NOOP(
    "messages", "Enter a phone number or a service hotline of 3 to 20 digits (such as 12345)."
)

_PHONE = re.compile(r"^\+?[\d\-]{7,20}$")
_HOTLINE = re.compile(r"^\+?[\d\-]{3,20}$")


def clean_text(value: str, field: str, *, limit: int, required: bool = False, multiline: bool = False) -> str:
    """Normalise (NFC, trimmed) and check one field; raise ``DomainError`` on bad input."""
    text = unicodedata.normalize("NFC", value or "").strip()
    allowed = "\n\t" if multiline else ""
    for ch in text:
        if (
            unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co") and ch not in allowed
        ) or ch in "\u2028\u2029":
            raise DomainError(MSG_CONTROL, field)
    if required and not text:
        raise DomainError(MSG_REQUIRED, field)
    if len(text) > limit:
        raise DomainError(MSG_TOO_LONG, field, limit=limit)
    return text


def clean_phone(value: str, field: str, *, required: bool = False) -> str:
    text = clean_text(value, field, limit=20, required=required).replace(" ", "")
    if text and not _PHONE.fullmatch(text):
        raise DomainError(MSG_PHONE, field)
    return text


def clean_hotline(value: str, field: str) -> str:
    """A number the public calls: a full phone number or a short service hotline (12345, 110)."""
    text = clean_text(value, field, limit=20).replace(" ", "")
    if text and not _HOTLINE.fullmatch(text):
        raise DomainError(MSG_HOTLINE, field)
    return text
