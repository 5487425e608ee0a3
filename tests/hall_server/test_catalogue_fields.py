"""The catalogue's aliases, refusal reasons and applicant kinds travel with every case: an item with
each at its bound passes the catalogue check and the hall server's op bounds (real server)."""

from __future__ import annotations

import json

import pytest

from counter_app.domain.catalogue_format import (
    ALIAS_CHARS,
    MAX_ALIASES,
    MAX_REFUSAL_REASONS,
    REFUSAL_REASON_CHARS,
    item_to_json,
    parse_catalogue,
)
from counter_app.services.demo import demo_catalogue_path
from tests.hall_server.api import enrol
from tests.hall_server.test_authority import ID_RENEWAL, accept
from tests.servers import ServerProcess


@pytest.fixture
def device(hall: ServerProcess, hall_db: str):  # type: ignore[no-untyped-def]
    return enrol(hall.url, hall_db)


def test_an_item_with_the_new_fields_at_their_bounds_travels_with_its_case(device) -> None:  # type: ignore[no-untyped-def]
    doc = json.loads(demo_catalogue_path().read_text(encoding="utf-8"))
    raw = next(i for i in doc["items"] if i["code"] == ID_RENEWAL)
    raw["aliases"] = [f"{n:02d}" + "别" * (ALIAS_CHARS - 2) for n in range(MAX_ALIASES)]
    raw["refusal_reasons"] = [
        f"{n:02d}" + "理" * (REFUSAL_REASON_CHARS - 2) for n in range(MAX_REFUSAL_REASONS)
    ]
    raw["applicant_kinds"] = ["organisation", "person"]
    item = next(i for i in parse_catalogue(doc).items if i.code == ID_RENEWAL)  # within the item bound
    made = accept(device, 1, item_snapshot=item_to_json(item))
    answer = device.push([made])
    assert answer.status_code == 200, answer.text[:300]
    assert [r["status"] for r in answer.json()["results"]] == ["applied"]
