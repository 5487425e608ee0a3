"""Every field of every op has a bound: an oversized or unknown field refuses the batch, nothing
is stored (real server, SQLite and PostgreSQL)."""

from __future__ import annotations

import copy
import json
import uuid
from typing import Any

import pytest
from sqlalchemy import create_engine, text

from counter_app.domain.catalogue_format import CatalogueFormatError, parse_catalogue
from counter_app.services.demo import demo_catalogue_path
from tests.hall_server.api import consult_op, enrol, op
from tests.hall_server.test_authority import accept
from tests.servers import ServerProcess


def _stored(url: str) -> tuple[int, int, int]:
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://"))
    try:
        with engine.connect() as conn:
            return tuple(  # type: ignore[return-value]
                int(conn.execute(text(f"SELECT count(*) FROM {t}")).scalar() or 0)
                for t in ("applied_ops", "case_events", "consults")
            )
    finally:
        engine.dispose()


def _nested(depth: int) -> dict[str, Any]:
    value: dict[str, Any] = {"leaf": "x"}
    for _ in range(depth):
        value = {"deeper": value}
    return value


@pytest.fixture
def device(hall: ServerProcess, hall_db: str):  # type: ignore[no-untyped-def]
    return enrol(hall.url, hall_db)


def test_oversized_or_unknown_fields_refuse_the_batch(device, hall_db: str) -> None:  # type: ignore[no-untyped-def]
    case = accept(device, 1)
    assert device.push([case]).json()["results"][0]["status"] == "applied"
    case_id = case["payload"]["case"]["id"]
    before = _stored(hall_db)
    reprint = {"case_id": case_id, "notice_id": str(uuid.uuid4()), "number": "N1", "how": "print", "count": 2}

    def with_case(**changes: Any) -> dict[str, Any]:
        made = accept(device, 2)
        made["payload"]["case"].update(changes)
        return made

    big_snapshot = with_case()
    big_snapshot["payload"]["case"]["item_snapshot"]["materials"] = [
        {"name": "材" * 190, "notes": "注" * 190} for _ in range(100)
    ]
    bad = {
        "a 7 MB reprint": op(2, "notice.reprint", {**reprint, "target": "x" * 7_000_000}),
        "a reprint's printer name over 500": op(2, "notice.reprint", {**reprint, "target": "p" * 501}),
        "a field prints never have": op(2, "notice.reprint", {**reprint, "payload_dump": "x"}),
        "a count that is not a count": op(2, "notice.print", {**reprint, "count": 10**12}),
        "an item snapshot of 115 KB": big_snapshot,
        "a snapshot nested 10 deep": with_case(item_snapshot=_nested(10)),
        "a material list of 500": with_case(materials=[{"name": "x"}] * 500),
        "a fraction": with_case(item_version=1.5),
        "an integer beyond 2^53": with_case(item_version=2**60),
        "a refusal reason of 5000": with_case(refusal={"reason": "理" * 5000, "legal_basis": "x"}),
        "a consult answer of 2001": consult_op(2)
        | {"payload": consult_op(2)["payload"] | {"answer": "答" * 2001}},
        "a transition reason of 2001": op(
            2,
            "case.transition",
            {"case_id": case_id, "from_state": "accepted", "to_state": "withdrawn", "reason": "r" * 2001},
        ),
    }
    for name, made in bad.items():
        answer = device.push([copy.deepcopy(made)])
        assert answer.status_code in (413, 422), (name, answer.status_code, answer.text[:300])
        assert "error" in answer.json(), name
    assert _stored(hall_db) == before
    # the same kinds of op within their bounds are applied, a catalogue's longest text included
    fine = op(2, "notice.reprint", {**reprint, "target": "HP LaserJet（A4）"})
    long_basis = accept(device, 3)
    long_basis["payload"]["case"]["item_snapshot"]["legal_basis"] = "依据" * 1999  # 3,998 of 4,000
    answer = device.push([fine, long_basis]).json()["results"]
    assert [r["status"] for r in answer] == ["applied", "applied"]


def test_a_catalogue_item_too_large_to_travel_with_its_cases_is_refused_at_import() -> None:
    doc = json.loads(demo_catalogue_path().read_text(encoding="utf-8"))
    doc["items"][0]["materials"] = [
        {"name": f"材料{n}", "form": "original", "copies": 1, "required": True, "notes": "注" * 3000}
        for n in range(10)
    ]
    with pytest.raises(CatalogueFormatError, match="over 65536"):
        parse_catalogue(doc)
