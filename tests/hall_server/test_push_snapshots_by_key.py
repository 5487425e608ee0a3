"""A push may carry each item snapshot once, the ops' cases naming theirs by key (``/hello`` says
``push_item_snapshots: by_key``): the server puts them back before reading the ops, so the ops are
applied, stored and fingerprinted as if sent whole, and a replay in either form is the same op
(real server, both engines)."""

from __future__ import annotations

from typing import Any

import requests

from counter_app.sync.wire import json_body, snapshots_apart
from tests.hall_server.api import Device, enrol
from tests.hall_server.test_authority import accept
from tests.hall_server.test_item_snapshots import ID_CARD, _whole
from tests.servers import ServerProcess

OTHER = {**ID_CARD, "name": "居民身份证补领", "materials": ["户口簿", "照片"]}


def _by_key(
    device: Device, ops: list[dict[str, Any]], snapshots: dict[str, Any] | None = None
) -> requests.Response:
    slim, carried = snapshots_apart(ops)
    body = {"schema_version": 1, "ops": slim, "snapshots": carried if snapshots is None else snapshots}
    return device.post("/sync/push", raw=json_body(body))


def test_the_server_says_it_takes_snapshots_by_key(hall: ServerProcess) -> None:
    hello = requests.get(hall.url + "/api/v1/hello", timeout=30).json()
    assert hello["push_item_snapshots"] == "by_key"


def test_a_push_by_key_is_the_same_ops_as_whole_and_a_replay_in_either_form_matches(
    hall: ServerProcess, hall_db: str
) -> None:
    device = enrol(hall.url, hall_db)
    ops = [
        accept(device, 1, item_snapshot=ID_CARD),
        accept(device, 2, item_snapshot=ID_CARD),
        accept(device, 3, item_snapshot=OTHER),
        accept(device, 4, item_snapshot={}),
    ]
    slim, snapshots = snapshots_apart(ops)
    assert len(snapshots) == 2  # each item once
    name = ID_CARD["name"].encode()
    assert json_body({"ops": slim, "snapshots": snapshots}).count(name) == 1  # sent once
    assert json_body({"ops": ops}).count(name) == 2

    first = _by_key(device, ops)
    assert first.status_code == 200, first.text
    assert [(r["status"], r["duplicate"]) for r in first.json()["results"]] == [("applied", False)] * 4
    ids = [o["payload"]["case"]["id"] for o in ops]
    whole = _whole(device, ids)
    assert [whole[i]["item_snapshot"] for i in ids] == [ID_CARD, ID_CARD, OTHER, {}]
    assert not any("item_snapshot_key" in whole[i] for i in ids)

    for again in (device.push(ops), _by_key(device, ops)):  # sent again, whole, then by key
        assert again.status_code == 200, again.text  # not 409 op_conflict: the same fingerprints
        results = again.json()["results"]
        assert [(r["status"], r["duplicate"]) for r in results] == [("applied", True)] * 4
        assert [r["result"] for r in results] == [r["result"] for r in first.json()["results"]]
    assert len(_whole(device, ids)) == 4


def test_a_push_whose_snapshots_do_not_match_its_cases_is_refused_whole(
    hall: ServerProcess, hall_db: str
) -> None:
    device = enrol(hall.url, hall_db)
    ops = [accept(device, 1, item_snapshot=ID_CARD), accept(device, 2, item_snapshot=OTHER)]
    slim, snapshots = snapshots_apart(ops)
    wrong = {key: OTHER for key in snapshots}  # each key given another item
    deep = b'{"a":' * 1_010 + b"{}" + b"}" * 1_010  # parsed (orjson reads 1,024 deep), not encoded
    nested = (
        b'{"schema_version":1,"ops":'
        + json_body(slim)
        + b',"snapshots":{"'
        + b"0" * 64
        + b'":'
        + deep
        + b"}}"
    )
    big = {**ID_CARD, "note": "很长的说明" * 20_000}  # ~300 KB, named by forty small ops
    many = [accept(device, seq, item_snapshot=big) for seq in range(1, 41)]
    for refused in (
        _by_key(device, ops, snapshots={}),  # named, not carried
        _by_key(device, ops, snapshots=wrong),
        device.post("/sync/push", {"schema_version": 1, "ops": slim, "snapshots": [ID_CARD]}),
        device.post("/sync/push", raw=nested),
        _by_key(device, many),  # 12 MB put back from a body of a few hundred KB
    ):
        assert refused.status_code == 422, refused.text  # never a 500
        assert refused.json()["error"] == "invalid_request"
    # nothing of them was applied: the same sequence numbers go through now, once
    applied = _by_key(device, ops)
    assert [(r["status"], r["duplicate"]) for r in applied.json()["results"]] == [("applied", False)] * 2
