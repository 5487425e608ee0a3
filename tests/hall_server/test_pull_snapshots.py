"""A pull page names each item snapshot once when the window asks for them by key, and a window
that does not ask (an older client) gets every case whole, as pushed (real server, both engines)."""

from __future__ import annotations

import json
from typing import Any

import requests

from counter_app.domain.canonical_json import snapshot_key
from hall_server.db import open_server_database
from hall_server.models import ItemSnapshotRow
from tests.hall_server.api import Device, enrol
from tests.hall_server.test_authority import ID_RENEWAL, accept
from tests.servers import ServerProcess

ID_CARD = {"code": ID_RENEWAL, "department": "GA", "name": "居民身份证换领", "materials": ["户口簿"] * 40}
OTHER = {"code": ID_RENEWAL, "department": "GA", "name": "居民身份证换领", "materials": ["户口簿"]}


def _pull(device: Device, **params: Any) -> dict[str, Any]:
    answer = requests.get(
        device.base + "/api/v1/sync/pull",
        params={"cursor": "0:0", "limit": 1000, "schema_version": 3, **params},
        headers={"Authorization": f"Bearer {device.token}"},
        timeout=30,
    )
    assert answer.status_code == 200, answer.text
    return answer.json()


def _cases(page: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {c["key"]: c["data"] for c in page["changes"] if c["kind"] == "case"}


def test_a_page_names_each_snapshot_once_and_an_older_window_gets_cases_whole(
    hall: ServerProcess, hall_db: str
) -> None:
    device = enrol(hall.url, hall_db)
    ops = [accept(device, 1, item_snapshot=ID_CARD), accept(device, 2, item_snapshot=ID_CARD)]
    ops.append(accept(device, 3, item_snapshot=OTHER, item_snapshot_key="f" * 64))  # a key it claims
    bare = accept(device, 4, item_snapshot={}, item_snapshot_key="f" * 64)  # a key and no snapshot
    answer = device.push([*ops, bare])
    assert [r["status"] for r in answer.json()["results"]] == ["applied"] * 4, answer.text
    ids = [o["payload"]["case"]["id"] for o in ops]

    by_key = _pull(device, item_snapshots="by_key")
    cases = _cases(by_key)
    assert [cases[i]["item_snapshot_key"] for i in ids] == [snapshot_key(ID_CARD)] * 2 + [snapshot_key(OTHER)]
    assert not any("item_snapshot" in cases[i] for i in ids)
    assert by_key["snapshots"] == {snapshot_key(ID_CARD): ID_CARD, snapshot_key(OTHER): OTHER}
    alone = cases[bare["payload"]["case"]["id"]]  # as it came, less the key that names nothing
    assert "item_snapshot_key" not in alone and alone["item_snapshot"] == {}

    whole = _cases(_pull(device))  # an older window: no such parameter
    assert [whole[i]["item_snapshot"] for i in ids] == [ID_CARD, ID_CARD, OTHER]
    assert {k: v for k, v in whole[ids[0]].items() if k != "item_snapshot"} == cases[ids[0]]

    kept = device.post("/sync/cases", {"ids": [ids[2], bare["payload"]["case"]["id"]]})
    assert kept.status_code == 200, kept.text
    assert [c.get("item_snapshot_key") for c in kept.json()["cases"]] == [None, None]  # never the window's

    db = open_server_database(hall_db)
    try:
        with db.sessions() as s:
            stored = {r.key: r.data for r in s.query(ItemSnapshotRow)}
    finally:
        db.dispose()
    assert stored == {snapshot_key(ID_CARD): ID_CARD, snapshot_key(OTHER): OTHER}  # each once


def test_a_downgrade_of_the_hall_database_puts_each_snapshot_back_in_its_change_and_case(
    hall: ServerProcess, hall_db: str
) -> None:
    from alembic import command
    from sqlalchemy import select, text

    from hall_server.db import _config
    from hall_server.models import ChangeRow

    device = enrol(hall.url, hall_db)
    made = accept(device, 1, item_snapshot=ID_CARD)
    assert device.push([made]).json()["results"][0]["status"] == "applied"
    hall.stop()
    db = open_server_database(hall_db)
    try:
        command.downgrade(_config(db.engine), "0012")
        with db.engine.connect() as conn:
            changes = conn.execute(select(ChangeRow.data).where(ChangeRow.kind == "case")).scalars().all()
            cases = conn.execute(text("SELECT data FROM cases")).scalars().all()
        assert [c["item_snapshot"] for c in changes] == [ID_CARD]
        assert [(json.loads(c) if isinstance(c, str) else c)["item_snapshot"] for c in cases] == [ID_CARD]
        command.upgrade(_config(db.engine), "head")
    finally:
        db.dispose()
