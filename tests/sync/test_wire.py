"""The op fingerprint the server's ledger keeps: a replay after an upgrade must hash the same; a
push's item snapshots sent once and put back as the ops were."""

from __future__ import annotations

import hashlib
import json

import pytest

from counter_app.domain.canonical_json import canonical, canonical_payload, snapshot_key
from counter_app.sync.wire import (
    MAX_PUSH_SNAPSHOTS,
    SNAPSHOT_KEY_FIELD,
    json_body,
    op_fingerprint,
    snapshots_apart,
    snapshots_back,
)


def _as_stored(op_type: str, seq: int, actor: str, payload: dict[str, object]) -> str:
    """The definition every ledger row so far was written with."""
    whole = json.dumps(
        {"actor": actor, "payload": payload}, sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    return hashlib.sha256(f"{op_type}\n{seq}\n".encode() + whole.encode()).hexdigest()


def test_the_fingerprint_built_around_the_payload_s_json_is_the_stored_one() -> None:
    payload: dict[str, object] = {
        "case": {"id": "c1", "applicant": {"name": '张三 "三"', "id_number": "11010519491231002X"}},
        "notices": ["N1", "N2"],
        "amount": 12.5,
        "zeta": None,
        "alpha": [{"b": 1, "a": "×"}],
    }
    for actor in ("wangfang", "", '王芳\\"', "a\nb"):
        assert op_fingerprint("case.accept", 7, actor, canonical(payload)) == _as_stored(
            "case.accept", 7, actor, payload
        )
    assert op_fingerprint("case.accept", 8, "wangfang", canonical(payload)) != _as_stored(
        "case.accept", 7, "wangfang", payload
    )


def test_a_request_body_is_compact_utf8_and_a_lone_surrogate_reaches_the_server_s_check() -> None:
    from hall_server.input_guard import needs_walk

    body = json_body({"name": "张三", "photo": "358×441", "note": "a\nb"})
    assert body == '{"name":"张三","photo":"358×441","note":"a\\nb"}'.encode()
    assert not needs_walk(body)
    bad = json_body({"name": "名\udfff字"})  # not raised here: the server refuses it by name
    assert needs_walk(bad)


def _stdlib(value: object) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def test_canonical_json_is_byte_for_byte_what_the_standard_library_wrote() -> None:
    """Every character outside the surrogates, as text and as a key (sorted by code point: a key
    from beyond the BMP after U+FFFD, where UTF-16's order would differ)."""
    for start in range(0, 0x110000, 0x800):
        if 0xD800 <= start < 0xE000:
            continue
        text = "".join(chr(c) for c in range(start, start + 0x800))
        value = {text: [text, 2**53 - 1, -(2**53) + 1, True, False, None], "\ufffd": {}, "\U0001d11e": "k"}
        assert canonical(value) == _stdlib(value), hex(start)
    assert canonical({"big": 2**70}) == _stdlib({"big": 2**70})  # beyond orjson: json.dumps as before
    with pytest.raises(UnicodeEncodeError):  # as before (the server refuses such text earlier)
        canonical({"lone": "名\udfff字"})


def test_a_remembered_snapshot_key_is_never_another_snapshot_s() -> None:
    """Snapshot keys are remembered by the snapshot's plain bytes: a snapshot equal in Python but
    not in JSON (true for 1, 1.0 for 1, keys in another order) gets its own canonical key."""
    import hashlib

    from counter_app.domain.canonical_json import snapshot_canonical, snapshot_key

    def fresh(snapshot: dict[str, object]) -> str:
        return hashlib.sha256(canonical(snapshot)).hexdigest()

    base = {"code": "X1", "version": 3, "limit": 1, "materials": [{"name": "身份证", "copies": 1}]}
    twins = [
        base,
        {**base, "limit": True},
        {**base, "limit": 1.0},
        {"materials": base["materials"], "limit": 1, "version": 3, "code": "X1"},  # keys reordered
        {**base, "materials": [{"name": "身份证", "copies": True}]},
    ]
    for _round in range(2):  # the second round is answered from memory
        for snapshot in twins:
            assert snapshot_key(snapshot) == fresh(snapshot), snapshot
            assert snapshot_canonical(snapshot) == canonical(snapshot)
    assert len({snapshot_key(s) for s in twins}) == 4  # the reordered one is the same content


def test_a_payload_with_its_snapshot_spliced_in_is_canonical_byte_for_byte() -> None:
    from counter_app.domain.canonical_json import canonical_payload

    snapshot = {"version": 2, "code": "X1", "名称": "居民身份证", "materials": [{"z": 1, "a": [True, None]}]}
    payloads: list[dict[str, object]] = [
        {
            "from_state": None,
            "case": {"id": "c", "item_snapshot": snapshot, "applicant": {"b": 1, "a": "王"}},
        },
        {"case": {"item_snapshot": {**snapshot, "version": True}}, "notices": ["1"]},
        {"case": {"item_snapshot": {}}},
        {"case": {"item_snapshot": "not a snapshot"}},
        {"case": ["not a case"]},
        {"case_id": "c", "to_state": "accepted"},
        {"case": {"item_snapshot": snapshot, "big": 2**70}},  # beyond orjson: json.dumps as before
    ]
    for _round in range(2):
        for payload in payloads:
            assert canonical_payload(payload) == canonical(payload) == _stdlib(payload), payload


def _case_op(seq: int, snapshot: object, **case: object) -> dict[str, object]:
    body = {"id": f"c{seq}", "item_snapshot": snapshot, "applicant": {"name": "张三"}, **case}
    return {
        "op_id": f"o{seq}",
        "seq": seq,
        "op_type": "case.accept",
        "payload": {"case": body, "notices": []},
    }


ITEM = {"code": "010700100000", "name": "居民身份证换领", "materials": [{"name": "户口簿", "copies": 1}]}
OTHER = {**ITEM, "name": "居民身份证补领"}


def test_a_push_s_snapshots_go_apart_once_each_and_come_back_as_the_ops_were() -> None:
    ops = [
        _case_op(1, ITEM),
        _case_op(2, dict(ITEM)),  # an equal snapshot, another object: the same key
        _case_op(3, OTHER),
        _case_op(4, {}),  # none: sent as it is
        {"op_id": "o5", "seq": 5, "op_type": "notice.print", "payload": {"notice": "N1"}},
        {"op_id": "o6", "seq": 6, "op_type": "case.review", "payload": {"case_id": "c1"}},
    ]
    sent = json.dumps(ops, sort_keys=True)
    slim, snapshots = snapshots_apart(ops)
    assert json.dumps(ops, sort_keys=True) == sent  # the outbox's ops are not changed
    assert snapshots == {snapshot_key(ITEM): ITEM, snapshot_key(OTHER): OTHER}
    cases = [op["payload"].get("case", {}) for op in slim]  # type: ignore[union-attr]
    assert [c.get(SNAPSHOT_KEY_FIELD) for c in cases] == [snapshot_key(ITEM)] * 2 + [
        snapshot_key(OTHER),
        None,
        None,
        None,
    ]
    assert ["item_snapshot" in c for c in cases[:4]] == [False, False, False, True]
    back = snapshots_back(json.loads(json_body(slim)), json.loads(json_body(snapshots)))
    assert json.dumps(back, sort_keys=True) == sent
    assert [canonical_payload(op["payload"]) for op in back] == [
        canonical_payload(op["payload"]) for op in ops
    ]
    assert snapshots_back(ops, {}) == ops  # a push sent whole comes through as it is


@pytest.mark.parametrize(
    "snapshots",
    [
        {},  # named, not carried
        {snapshot_key(ITEM): OTHER},  # another item under the key
        {snapshot_key(ITEM): {}},
        [ITEM],
        {snapshot_key(s): s for s in ({"code": str(n)} for n in range(MAX_PUSH_SNAPSHOTS + 1))},
    ],
)
def test_a_snapshot_map_that_does_not_match_its_ops_is_refused(snapshots: object) -> None:
    slim, _ = snapshots_apart([_case_op(1, ITEM)])
    with pytest.raises(ValueError):
        snapshots_back(slim, snapshots)


def test_a_case_carrying_its_snapshot_is_left_as_it_came_whatever_key_it_names() -> None:
    _slim, snapshots = snapshots_apart([_case_op(1, ITEM)])
    both = _case_op(1, ITEM, **{SNAPSHOT_KEY_FIELD: "f" * 64})  # the server keeps no key a window sends
    assert snapshots_apart([both])[0] == [both]
    assert snapshots_back([both], snapshots) == [both]


def test_a_small_push_may_not_put_back_more_than_a_large_one_could_carry() -> None:
    big = {**ITEM, "note": "很长的说明" * 20_000}  # ~300 KB of canonical JSON
    slim, snapshots = snapshots_apart([_case_op(seq, big) for seq in range(1, 41)])
    assert len(json_body(slim)) < 20_000  # forty ops naming it: a small body
    with pytest.raises(ValueError, match="put back"):
        snapshots_back(slim, snapshots)
    assert len(snapshots_back(slim[:20], snapshots)) == 20  # 6 MB put back: allowed


def test_a_snapshot_nested_too_deeply_is_refused_as_bad_input() -> None:
    deep: dict[str, object] = {}
    for _ in range(2_000):
        deep = {"a": deep}
    with pytest.raises(ValueError):
        snapshots_back([], {"0" * 64: deep})
