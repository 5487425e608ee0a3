"""The op fingerprint the server's ledger keeps: a replay after an upgrade must hash the same."""

from __future__ import annotations

import hashlib
import json

from counter_app.sync.wire import canonical, op_fingerprint


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
