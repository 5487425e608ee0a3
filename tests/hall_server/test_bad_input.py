"""Bad input at the server: each refused with a clear status, and nothing stored."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import create_engine, text

from tests.hall_server.api import consult_op, enrol
from tests.servers import PASSWORD, ServerProcess


def _count(url: str, table: str) -> int:
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://"))
    try:
        with engine.connect() as conn:
            return int(conn.execute(text(f"SELECT count(*) FROM {table}")).scalar() or 0)
    finally:
        engine.dispose()


@pytest.fixture
def device(hall: ServerProcess, hall_db: str):  # type: ignore[no-untyped-def]
    return enrol(hall.url, hall_db)


def test_malformed_wrong_types_unknown_ops_and_oversized_batches_store_nothing(device, hall_db: str) -> None:  # type: ignore[no-untyped-def]
    garbage = device.post("/sync/push", raw=b'{"schema_version": 1, "ops": [')
    assert garbage.status_code == 422 and garbage.json()["error"] == "invalid_request"

    wrong_type = consult_op(1)
    wrong_type["seq"] = "1"
    r = device.push([wrong_type])
    assert r.status_code == 422 and "ops.0.seq" in json.dumps(r.json()["problems"])

    unknown = consult_op(1)
    unknown["op_type"] = "case.delete_everything"
    r = device.push([unknown])
    assert r.status_code == 422 and "unknown op type" in json.dumps(r.json())

    bad_payload = consult_op(1)
    del bad_payload["payload"]["question"]
    r = device.push([bad_payload])
    assert r.status_code == 422 and r.json()["error"] == "bad_op"

    for state in ([], {}, 7):  # a state that is not even text: refused as the op's, never a 500
        not_a_state = consult_op(1)
        not_a_state.update(
            op_type="case.transition", payload={"case_id": "c1", "from_state": state, "to_state": "accepted"}
        )
        r = device.push([not_a_state])
        assert r.status_code == 422 and r.json()["error"] == "bad_op", r.text

    too_many = device.push([consult_op(n + 1) for n in range(501)])
    assert too_many.status_code == 413

    huge = device.post(
        "/sync/push", raw=b'{"schema_version": 1, "ops": [], "x": "' + b"x" * (9 * 1024 * 1024) + b'"}'
    )
    assert huge.status_code == 413

    assert _count(hall_db, "applied_ops") == 0
    assert _count(hall_db, "consults") == 0


def test_another_devices_token_or_no_token_is_refused(device, hall, hall_db: str) -> None:  # type: ignore[no-untyped-def]
    assert device.push([consult_op(1)], token="").status_code == 401
    assert device.push([consult_op(1)], token="forged.token").status_code == 401
    other = enrol(hall.url, hall_db, device="W02")
    # the other device's token pushes into the other device's sequence, never this one's
    r = other.push([consult_op(1)])
    assert r.status_code == 200 and r.json()["last_seq"] == 1
    # a refresh token is bound to its device
    stolen = device.post(
        "/refresh",
        {"device_id": device.device_id, "device_secret": device.secret, "refresh_token": other.refresh},
    )
    assert stolen.status_code == 401
    assert _count(hall_db, "applied_ops") == 1


def test_replays_conflicts_and_gaps(device, hall_db: str) -> None:  # type: ignore[no-untyped-def]
    op = consult_op(1)
    first = device.push([op]).json()
    again = device.push([op]).json()
    assert first["results"][0]["status"] == "applied" and not first["results"][0]["duplicate"]
    assert again["results"][0] == {**first["results"][0], "duplicate": True}

    changed = json.loads(json.dumps(op))
    changed["payload"]["answer"] = "another answer"
    conflict = device.push([changed])
    assert conflict.status_code == 409 and conflict.json()["error"] == "op_conflict"

    reused_seq = consult_op(1)
    assert device.push([reused_seq]).json()["error"] == "seq_conflict"

    gap = device.push([consult_op(2), consult_op(4)]).json()
    assert [r["seq"] for r in gap["results"]] == [2]
    assert gap["stopped"] == {"reason": "sequence_gap", "expected_seq": 3, "got_seq": 4}
    assert _count(hall_db, "consults") == 2


def test_refresh_rotates_and_a_reused_refresh_token_ends_the_session(device) -> None:  # type: ignore[no-untyped-def]
    def refresh(token: str):  # type: ignore[no-untyped-def]
        return device.post(
            "/refresh",
            {"device_id": device.device_id, "device_secret": device.secret, "refresh_token": token},
        )

    first = refresh(device.refresh)
    assert first.status_code == 200
    successor = first.json()["refresh_token"]
    assert successor != device.refresh
    # the superseded token presented again, its successor not used yet (a copy, or a lost answer):
    # the whole family ends, the unused successor with it
    assert refresh(device.refresh).status_code == 401
    assert refresh(successor).status_code == 401
    # a family whose successor was used: the replay ends it too
    second = device.post(
        "/login",
        {
            "device_id": device.device_id,
            "device_secret": device.secret,
            "username": "wangfang",
            "password": PASSWORD,
        },
    ).json()["refresh_token"]
    third = refresh(second).json()["refresh_token"]
    assert refresh(third).status_code == 200
    assert refresh(second).status_code == 401
    assert refresh(third).status_code == 401


def test_a_pull_with_bad_parameters_is_refused_clearly(device) -> None:  # type: ignore[no-untyped-def]
    import requests

    def pull(**params: str) -> requests.Response:
        return requests.get(
            device.base + "/api/v1/sync/pull",
            params=params,
            headers={"Authorization": f"Bearer {device.token}"},
            timeout=30,
        )

    assert pull(cursor="0:0", schema_version="1").status_code == 200
    assert pull(cursor="yesterday", schema_version="1").json()["error"] == "bad_cursor"
    assert pull(cursor="0:0", schema_version="1", limit="-5").status_code == 422
    assert pull(cursor="0:0", schema_version="x").status_code == 422
    assert pull(cursor="0:0").status_code == 422
    assert pull(cursor="0:0", schema_version="1", limit="99999999999").status_code == 422
    no_token = requests.get(
        device.base + "/api/v1/sync/pull", params={"cursor": "0:0", "schema_version": "1"}, timeout=30
    )
    assert no_token.status_code == 401
