"""The catalogue format's later fields: aliases, refusal reasons and applicant kinds, bounded like
the others, and written only when set so an item stored before them re-imports unchanged."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from counter_app.domain.catalogue_format import (
    MAX_ALIASES,
    CatalogueFormatError,
    catalogue_to_json,
    item_from_json,
    item_to_json,
    parse_catalogue,
)
from counter_app.domain.identity import PartyKind
from counter_app.services.context import open_context
from counter_app.services.demo import demo_catalogue_path


def demo() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(demo_catalogue_path().read_text(encoding="utf-8"))
    return data


def with_item(**fields: Any) -> dict[str, Any]:
    doc = demo()
    doc["items"][0].update(fields)
    return doc


def test_the_demo_items_carry_aliases_refusal_reasons_and_applicant_kinds() -> None:
    items = {i.name: i for i in parse_catalogue(demo()).items}
    assert "临时身份证" in items["临时居民身份证申领"].aliases
    assert "营业执照" in items["企业设立登记（有限责任公司）"].aliases
    assert all(i.aliases and len(i.refusal_reasons) >= 3 for i in items.values())
    assert items["企业开办“一件事”联办"].applicant_kinds == (PartyKind.ORGANISATION,)
    assert items["居民身份证换领"].applicant_kinds == (PartyKind.PERSON,)
    assert items["不动产转移登记（存量房买卖）"].applicant_kinds == (PartyKind.PERSON, PartyKind.ORGANISATION)


@pytest.mark.parametrize(
    ("fields", "said"),
    [
        ({"aliases": "临时身份证"}, "'aliases' must be a list"),
        ({"aliases": ["x"] * (MAX_ALIASES + 1)}, "more than 20 entries"),
        ({"aliases": ["长" * 101]}, "longer than 100 characters"),
        ({"aliases": ["换证", "换证"]}, "lists '换证' twice"),
        ({"aliases": [""]}, "is missing"),
        ({"aliases": [7]}, "must be text"),
        ({"refusal_reasons": ["理" * 501]}, "longer than 500 characters"),
        ({"refusal_reasons": ["不属于本机关\x07"]}, "control characters"),
        ({"applicant_kinds": ["company"]}, "may only hold 'person' and 'organisation'"),
        ({"applicant_kinds": ["person", "person"]}, "lists a kind twice"),
    ],
)
def test_bad_new_fields_are_refused_with_where_and_why(fields: dict[str, Any], said: str) -> None:
    with pytest.raises(CatalogueFormatError, match=said):
        parse_catalogue(with_item(**fields))


def test_an_item_without_the_new_fields_is_stored_as_before(tmp_path: Path) -> None:
    """A hall that upgrades and imports its unchanged file again: no "stored with other content"."""
    doc = demo()
    plain = copy.deepcopy(doc)
    for item in plain["items"]:
        for key in ("aliases", "refusal_reasons", "applicant_kinds"):
            item.pop(key, None)
    parsed = parse_catalogue(plain).items[0]
    assert parsed.applicant_kinds == (PartyKind.PERSON, PartyKind.ORGANISATION)  # both, person first
    assert not {"aliases", "refusal_reasons", "applicant_kinds"} & set(item_to_json(parsed))
    ctx = open_context(tmp_path / "data", {})
    try:
        ctx.catalogue_store.import_catalogue(parse_catalogue(plain))
        again = ctx.catalogue_store.import_catalogue(parse_catalogue(plain))
        assert again.unchanged == len(plain["items"]) and again.updated == 0
    finally:
        ctx.close()


def test_the_new_fields_survive_export_and_a_stored_snapshot() -> None:
    catalogue = parse_catalogue(demo())
    assert parse_catalogue(catalogue_to_json(catalogue)) == catalogue
    item = next(i for i in catalogue.items if i.applicant_kinds == (PartyKind.ORGANISATION,))
    assert item_from_json(item_to_json(item)) == item
