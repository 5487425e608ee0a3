"""Checks on free text a clerk types: no control characters, sensible lengths."""

from __future__ import annotations

import re
import unicodedata

from counter_app.domain.messages import DomainError, tr_noop

MSG_REQUIRED = tr_noop("This field is required.")
MSG_TOO_LONG = tr_noop("Too long: at most {limit} characters.")
MSG_CONTROL = tr_noop("Contains invisible control characters: retype it.")
MSG_PHONE = tr_noop("Enter a phone number of 7 to 20 digits (a leading + and - are allowed).")

_PHONE = re.compile(r"^\+?[\d\-]{7,20}$")


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
