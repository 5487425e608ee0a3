"""The frozen content of each notice: everything printed, so a reprint is the same document."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from counter_app.domain.calendar import Deadline
from counter_app.domain.case import (
    MATERIAL_STATUS_LABELS,
    SERVICE_MODE_LABELS,
    MaterialCheck,
    MaterialStatus,
    Party,
    ServiceMode,
)
from counter_app.domain.catalogue import ServiceItem
from counter_app.domain.identity import ID_TYPE_LABELS, PartyKind
from counter_app.domain.records import NOTICE_TITLES, NoticeKind
from counter_app.services.context import AppContext

PAYLOAD_VERSION = 1


def party_json(party: Party) -> dict[str, Any]:
    return {
        "kind": party.kind.value,
        "kind_label": "自然人" if party.kind is PartyKind.PERSON else "法人或其他组织",
        "name": party.name,
        "id_type": party.id_type.value,
        "id_type_label": ID_TYPE_LABELS[party.id_type],
        "id_number": party.id_number,
        "phone": party.phone,
        "address": party.address,
    }


def check_json(check: MaterialCheck) -> dict[str, Any]:
    m = check.material
    return {
        "name": m.name,
        "form": m.form.value,
        "form_label": m.form_label,
        "copies": m.copies,
        "required": m.required,
        "condition": m.condition,
        "check": m.check,
        "status": check.status.value,
        "status_label": MATERIAL_STATUS_LABELS[check.status],
        "note": check.note,
    }


def base_payload(
    ctx: AppContext,
    kind: NoticeKind,
    number: str,
    number_label: str,
    item: ServiceItem,
    applicant: dict[str, Any],
    agent: dict[str, Any] | None,
    service_mode: str,
    issued_on: date,
) -> dict[str, Any]:
    s = ctx.settings
    window = ctx.window()
    return {
        "payload_version": PAYLOAD_VERSION,
        "kind": kind.value,
        "title": NOTICE_TITLES[kind],
        "number": number,
        "number_label": number_label,
        "hall": {
            "name": s["hall_name"],
            "code": s["hall_code"],
            "address": s["hall_address"],
            "complaint_phone": s["complaint_phone"],
            "query_phone": s["query_phone"],
            "query_site": s["query_site"],
            "pickup_place": s["pickup_place"],
            "reconsideration_body": s["reconsideration_body"],
            "litigation_court": s["litigation_court"],
        },
        "department": {"code": item.department, "name": ctx.department(item.department).name},
        "window": {"code": window.code, "name": window.name},
        "device": s["device_code"],
        "clerk": ctx.actor.clerk,
        "issued_on": issued_on.isoformat(),
        "item": {
            "code": item.code,
            "version": item.version,
            "name": item.name,
            "class_label": item.class_label,
            "legal_limit_days": item.legal_limit_days,
            "promised_limit_days": item.promised_limit_days,
            "legal_basis": item.legal_basis,
            "pickup": item.pickup,
            "fees": [{"name": f.name, "standard": f.standard, "basis": f.basis} for f in item.fees],
            "joint_departments": [ctx.department(d).name for d in item.joint_departments],
        },
        "applicant": applicant,
        "agent": agent,
        "service_mode": SERVICE_MODE_LABELS[ServiceMode(service_mode)],
    }


def deadline_fields(accepted_on: date, promised: Deadline, legal: Deadline) -> dict[str, Any]:
    missing = sorted(set(promised.missing_years) | set(legal.missing_years))
    return {
        "accepted_on": accepted_on.isoformat(),
        "promised_due": promised.due.isoformat(),
        "legal_due": legal.due.isoformat(),
        "provisional": bool(missing),
        "promised_provisional": promised.provisional,  # what the applicant's notice must mark
        "promised_missing_years": sorted(promised.missing_years),
        "missing_years": missing,
    }


def received(checks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [c for c in checks if c["status"] == MaterialStatus.RECEIVED.value]


def printed_text(payload: Any) -> Iterator[str]:
    """Every text value of a payload (names, addresses, notes...), to check the font can draw it."""
    if isinstance(payload, str):
        yield payload
    elif isinstance(payload, dict):
        for value in payload.values():
            yield from printed_text(value)
    elif isinstance(payload, list):
        for value in payload:
            yield from printed_text(value)
