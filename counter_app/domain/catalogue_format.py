"""The catalogue exchange format (JSON), documented in docs/catalogue-format.md.

``parse_catalogue`` checks everything before anything is stored, so a bad file changes nothing.
"""

from __future__ import annotations

import json
import re
from typing import Any

from counter_app.domain.catalogue import (
    Catalogue,
    Department,
    Fee,
    ItemClass,
    JointPart,
    Material,
    MaterialForm,
    ServiceItem,
    Window,
)
from counter_app.domain.identity import PartyKind

FORMAT_NAME = "counter-app-catalogue"
FORMAT_VERSION = 1
MAX_ITEM_BYTES = 64 * 1024  # one item as JSON; the hall server takes snapshots up to 96 KiB
_CODE = re.compile(r"^[A-Za-z0-9_.-]{1,40}$")
MAX_ALIASES, ALIAS_CHARS = 20, 100
MAX_REFUSAL_REASONS, REFUSAL_REASON_CHARS = 20, 500  # the refusal dialog takes a reason of 1000
DEFAULT_APPLICANT_KINDS = (PartyKind.PERSON, PartyKind.ORGANISATION)


class CatalogueFormatError(ValueError):
    """The file is not a valid catalogue; the message says where and why (English, for IT)."""


def _text(obj: dict[str, Any], key: str, where: str, *, required: bool = True, limit: int = 4000) -> str:
    value = obj.get(key, "")
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise CatalogueFormatError(f"{where}: '{key}' must be text")
    value = value.strip()
    if required and not value:
        raise CatalogueFormatError(f"{where}: '{key}' is missing")
    if len(value) > limit:
        raise CatalogueFormatError(f"{where}: '{key}' is longer than {limit} characters")
    if any(ord(ch) < 32 and ch not in "\n\t" for ch in value):
        raise CatalogueFormatError(f"{where}: '{key}' contains control characters")
    return value


def _int(obj: dict[str, Any], key: str, where: str, low: int, high: int, default: int | None = None) -> int:
    value = obj.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int):
        raise CatalogueFormatError(f"{where}: '{key}' must be a whole number")
    if not low <= value <= high:
        raise CatalogueFormatError(f"{where}: '{key}' must be between {low} and {high}")
    return value


def _code(obj: dict[str, Any], key: str, where: str) -> str:
    value = _text(obj, key, where, limit=40)
    if not _CODE.match(value):
        raise CatalogueFormatError(f"{where}: '{key}' {value!r} may only hold letters, digits, . _ -")
    return value


def _list(obj: dict[str, Any], key: str, where: str) -> list[Any]:
    value = obj.get(key, [])
    if not isinstance(value, list):
        raise CatalogueFormatError(f"{where}: '{key}' must be a list")
    return value


def _texts(obj: dict[str, Any], key: str, where: str, *, most: int, limit: int) -> tuple[str, ...]:
    """A list of short texts (aliases, refusal reasons): each one non-empty, bounded, no repeats."""
    values = _list(obj, key, where)
    if len(values) > most:
        raise CatalogueFormatError(f"{where}: '{key}' holds more than {most} entries")
    out: list[str] = []
    for n, value in enumerate(values, 1):
        text = _text({key: value}, key, f"{where} {key} #{n}", limit=limit)
        if text in out:
            raise CatalogueFormatError(f"{where}: '{key}' lists {text!r} twice")
        out.append(text)
    return tuple(out)


def _applicant_kinds(obj: dict[str, Any], where: str) -> tuple[PartyKind, ...]:
    values = _list(obj, "applicant_kinds", where)
    if not values:
        return DEFAULT_APPLICANT_KINDS
    try:
        kinds = tuple(PartyKind(str(v)) for v in values)
    except ValueError as exc:
        raise CatalogueFormatError(
            f"{where}: 'applicant_kinds' may only hold 'person' and 'organisation'"
        ) from exc
    if len(set(kinds)) != len(kinds):
        raise CatalogueFormatError(f"{where}: 'applicant_kinds' lists a kind twice")
    return kinds


def _dict(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise CatalogueFormatError(f"{where}: must be an object")
    return value


def _material(raw: Any, where: str) -> Material:
    obj = _dict(raw, where)
    try:
        form = MaterialForm(obj.get("form", "original"))
    except ValueError as exc:
        raise CatalogueFormatError(f"{where}: unknown form {obj.get('form')!r}") from exc
    required = obj.get("required", True)
    if not isinstance(required, bool):
        raise CatalogueFormatError(f"{where}: 'required' must be true or false")
    condition = _text(obj, "condition", where, required=False)
    if not required and not condition:
        raise CatalogueFormatError(f"{where}: a conditional material needs a 'condition'")
    return Material(
        name=_text(obj, "name", where, limit=300),
        form=form,
        copies=_int(obj, "copies", where, 1, 99, default=1),
        required=required,
        condition=condition,
        check=_text(obj, "check", where, required=False),
        notes=_text(obj, "notes", where, required=False),
    )


def _item(raw: Any, where: str, departments: set[str]) -> ServiceItem:
    obj = _dict(raw, where)
    code = _code(obj, "code", where)
    where = f"item {code}"
    try:
        item_class = ItemClass(str(obj.get("item_class")))
    except ValueError as exc:
        raise CatalogueFormatError(f"{where}: unknown item_class {obj.get('item_class')!r}") from exc
    department = _code(obj, "department", where)
    if department not in departments:
        raise CatalogueFormatError(f"{where}: unknown department {department!r}")
    legal = _int(obj, "legal_limit_days", where, 0, 3650)
    promised = _int(obj, "promised_limit_days", where, 0, 3650)
    if legal and promised > legal:
        raise CatalogueFormatError(f"{where}: promised limit is longer than the legal limit")
    if item_class is not ItemClass.INSTANT and promised < 1:
        raise CatalogueFormatError(f"{where}: only instant items may have a promised limit of 0")
    fees = tuple(
        Fee(
            name=_text(f, "name", f"{where} fee", limit=200),
            standard=_text(f, "standard", f"{where} fee", limit=500),
            basis=_text(f, "basis", f"{where} fee", required=False),
        )
        for f in (_dict(x, f"{where} fee") for x in _list(obj, "fees", where))
    )
    materials = tuple(
        _material(m, f"{where} material {n}") for n, m in enumerate(_list(obj, "materials", where), 1)
    )
    parts = _joint_parts(obj, where, departments, department, promised, {m.name for m in materials})
    listed = tuple(str(d) for d in _list(obj, "joint_departments", where))
    for dep in listed:
        if dep not in departments:
            raise CatalogueFormatError(f"{where}: unknown joint department {dep!r}")
    if parts and listed and set(listed) != {p.department for p in parts}:
        raise CatalogueFormatError(
            f"{where}: 'joint_departments' and 'joint_parts' name different departments"
        )
    joint = tuple(p.department for p in parts) or listed
    if item_class is ItemClass.JOINT and not joint:
        raise CatalogueFormatError(f"{where}: a joint item needs joint_departments")
    if item_class is not ItemClass.JOINT and parts:
        raise CatalogueFormatError(f"{where}: only a joint item has joint_parts")
    return ServiceItem(
        code=code,
        name=_text(obj, "name", where, limit=300),
        department=department,
        item_class=item_class,
        version=_int(obj, "version", where, 1, 1_000_000, default=1),
        legal_limit_days=legal,
        promised_limit_days=promised,
        legal_basis=_text(obj, "legal_basis", where, required=False),
        conditions=_text(obj, "conditions", where, required=False),
        pickup=_text(obj, "pickup", where, required=False, limit=500),
        joint_departments=joint,
        fees=fees,
        materials=materials,
        aliases=_texts(obj, "aliases", where, most=MAX_ALIASES, limit=ALIAS_CHARS),
        refusal_reasons=_texts(
            obj, "refusal_reasons", where, most=MAX_REFUSAL_REASONS, limit=REFUSAL_REASON_CHARS
        ),
        applicant_kinds=_applicant_kinds(obj, where),
        joint_parts=parts,
    )


MAX_PARTS = 20


def _joint_parts(
    obj: dict[str, Any], where: str, departments: set[str], lead: str, promised: int, materials: set[str]
) -> tuple[JointPart, ...]:
    """A joint item's parts: each co-department once, what it checks, its own limit (at most the
    item's promised limit: the lead completes within that) and the item's materials it needs."""
    raws = _list(obj, "joint_parts", where)
    if len(raws) > MAX_PARTS:
        raise CatalogueFormatError(f"{where}: more than {MAX_PARTS} joint parts")
    parts: list[JointPart] = []
    for n, raw in enumerate(raws, 1):
        part = _dict(raw, f"{where} joint part {n}")
        at = f"{where} joint part {n}"
        dep = _code(part, "department", at)
        if dep not in departments:
            raise CatalogueFormatError(f"{at}: unknown department {dep!r}")
        if dep == lead or any(p.department == dep for p in parts):
            raise CatalogueFormatError(f"{at}: {dep} is the lead department or has a part already")
        needs = _texts(part, "materials", at, most=50, limit=300)
        unknown = [m for m in needs if m not in materials]
        if unknown:
            raise CatalogueFormatError(f"{at}: materials not in the item's list: {unknown}")
        parts.append(
            JointPart(
                department=dep,
                checks=_text(part, "checks", at, limit=500),
                limit_days=_int(part, "limit_days", at, 1, max(promised, 1)),
                materials=needs,
            )
        )
    return tuple(parts)


def parse_catalogue(data: Any) -> Catalogue:
    """Check and convert a decoded catalogue JSON document."""
    doc = _dict(data, "catalogue")
    if doc.get("format") != FORMAT_NAME:
        raise CatalogueFormatError(f"not a catalogue file: 'format' must be {FORMAT_NAME!r}")
    if doc.get("format_version") != FORMAT_VERSION:
        raise CatalogueFormatError(f"unsupported format_version {doc.get('format_version')!r}")
    departments = tuple(
        Department(
            code=_code(d, "code", "department"),
            name=_text(d, "name", "department", limit=200),
            short_name=_text(d, "short_name", "department", required=False, limit=50)
            or _text(d, "name", "department"),
        )
        for d in (_dict(x, "department") for x in _list(doc, "departments", "catalogue"))
    )
    dep_codes = {d.code for d in departments}
    if len(dep_codes) != len(departments):
        raise CatalogueFormatError("department codes must be unique")
    windows = []
    for raw in _list(doc, "windows", "catalogue"):
        w = _dict(raw, "window")
        code = _code(w, "code", "window")
        deps = tuple(str(d) for d in _list(w, "departments", f"window {code}"))
        unknown = [d for d in deps if d not in dep_codes]
        if unknown:
            raise CatalogueFormatError(f"window {code}: unknown departments {unknown}")
        windows.append(Window(code=code, name=_text(w, "name", f"window {code}"), departments=deps))
    items = tuple(
        _sized(_item(raw, f"item #{n}", dep_codes))
        for n, raw in enumerate(_list(doc, "items", "catalogue"), 1)
    )
    if len({i.code for i in items}) != len(items):
        raise CatalogueFormatError("item codes must be unique")
    published = doc.get("published", "")
    return Catalogue(departments, tuple(windows), items, str(published or ""))


def _material_json(m: Material) -> dict[str, Any]:
    return {
        "name": m.name,
        "form": m.form.value,
        "copies": m.copies,
        "required": m.required,
        "condition": m.condition,
        "check": m.check,
        "notes": m.notes,
    }


def item_to_json(item: ServiceItem) -> dict[str, Any]:
    """The item as stored and exported. The fields added later (aliases, refusal reasons, applicant
    kinds) are written only when set, so an item stored before them compares equal on re-import."""
    data: dict[str, Any] = {
        "code": item.code,
        "name": item.name,
        "department": item.department,
        "item_class": item.item_class.value,
        "version": item.version,
        "legal_limit_days": item.legal_limit_days,
        "promised_limit_days": item.promised_limit_days,
        "legal_basis": item.legal_basis,
        "conditions": item.conditions,
        "joint_departments": list(item.joint_departments),
        "fees": [{"name": f.name, "standard": f.standard, "basis": f.basis} for f in item.fees],
        "pickup": item.pickup,
        "materials": [_material_json(m) for m in item.materials],
    }
    if item.aliases:
        data["aliases"] = list(item.aliases)
    if item.refusal_reasons:
        data["refusal_reasons"] = list(item.refusal_reasons)
    if item.applicant_kinds != DEFAULT_APPLICANT_KINDS:
        data["applicant_kinds"] = [k.value for k in item.applicant_kinds]
    if item.joint_parts:
        data["joint_parts"] = [
            {
                "department": p.department,
                "checks": p.checks,
                "limit_days": p.limit_days,
                "materials": list(p.materials),
            }
            for p in item.joint_parts
        ]
    return data


def catalogue_to_json(catalogue: Catalogue) -> dict[str, Any]:
    return {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "published": catalogue.published,
        "departments": [
            {"code": d.code, "name": d.name, "short_name": d.short_name} for d in catalogue.departments
        ],
        "windows": [
            {"code": w.code, "name": w.name, "departments": list(w.departments)} for w in catalogue.windows
        ],
        "items": [item_to_json(i) for i in catalogue.items],
    }


def _sized(item: ServiceItem) -> ServiceItem:
    """Every case carries its item's snapshot to the hall server: an item has a bound as a whole."""
    size = len(json.dumps(item_to_json(item), ensure_ascii=False).encode())
    if size > MAX_ITEM_BYTES:
        raise CatalogueFormatError(
            f"item {item.code}: {size} bytes, over {MAX_ITEM_BYTES} (the largest real items weigh a few KB)"
        )
    return item


def item_from_json(data: dict[str, Any]) -> ServiceItem:
    """Rebuild an item snapshot stored with a case (departments are not re-checked)."""
    deps = {str(data.get("department", ""))} | {str(d) for d in data.get("joint_departments", [])}
    return _item(data, "stored item", deps)
