"""Hostile input to every route of a real hall server (SQLite and PostgreSQL): each refused with a
4xx in the API's error shape, nothing stored, and no traceback in the server's log.

The bad values: lone surrogates, NUL and other control characters (in JSON bodies, in query
parameters and in paths), integers beyond 64 bits, dates out of range, the same op twice in one
batch and ops too big to be real. Every route the app has must be in ``ROUTES`` (checked), and
every op type of the wire format in ``op_payloads`` (checked), so a new one is covered or fails.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

import pytest
import requests
from sqlalchemy import create_engine, text

from counter_app.sync.wire import OP_TYPES
from hall_server.app import create_app
from hall_server.config import ServerConfig
from tests.hall_server.api import Device, enrol
from tests.servers import ServerProcess

API = "/api/v1"
# strings no route may accept: lone surrogates, NUL, other control characters
BAD_TEXT = {
    "lone high surrogate": "\ud800",
    "lone low surrogate": "名\udfff字",
    "NUL": "a\x00b",
    "bell": "\x07",
    "backspace": "\b",  # JSON's short escape \b
    "escape": "\x1b[2J",
}
# numbers beyond 64 bits (and a digit Python's int() refuses) where a route takes a number
BAD_NUMBERS = ["99999999999999999999999", "-99999999999999999999999", str(2**63), str(2**64), "²"]
# tables a refused request must leave alone (window_states is the windows' heartbeat)
TABLES = (
    "devices",
    "enrollment_codes",
    "refresh_tokens",
    "applied_ops",
    "cases",
    "case_events",
    "consults",
    "number_collisions",
    "change_log",
    "audit_log",
    "hall_settings",
    "tickets",
    "ticket_events",
    "ticket_counters",
    "appointments",
    "window_messages",
    "visits",
)
NIL = str(uuid.UUID(int=0))

# every route of the app: (method, path template); checked against the app below
ROUTES = {
    ("GET", "/api/v1/hello"),
    ("POST", "/api/v1/enroll"),
    ("POST", "/api/v1/login"),
    ("POST", "/api/v1/refresh"),
    ("POST", "/api/v1/sync/push"),
    ("GET", "/api/v1/sync/pull"),
    ("POST", "/api/v1/sync/cases"),
    ("GET", "/api/v1/sync/snapshot"),
    ("GET", "/api/v1/queue/services"),
    ("POST", "/api/v1/queue/tickets"),
    ("POST", "/api/v1/queue/checkin"),
    ("GET", "/api/v1/queue/display"),
    ("GET", "/api/v1/queue/windows"),
    ("GET", "/api/v1/queue/window"),
    ("GET", "/api/v1/queue/waiting"),
    ("POST", "/api/v1/queue/call-next"),
    ("POST", "/api/v1/queue/call"),
    ("POST", "/api/v1/queue/walk-in"),
    ("POST", "/api/v1/queue/ticket/{action}"),
    ("POST", "/api/v1/queue/pause"),
    ("POST", "/api/v1/queue/resume"),
    ("GET", "/api/v1/queue/monitor"),
    ("GET", "/api/v1/queue/monitor/tickets"),
    ("POST", "/api/v1/queue/tickets/{ticket_id}/{action}"),
    ("POST", "/api/v1/queue/messages"),
    ("GET", "/api/v1/queue/reports"),
    ("GET", "/api/v1/queue/oversight"),
    ("POST", "/api/v1/queue/oversight/extensions/{case_id}"),
    ("POST", "/api/v1/users/unlock"),
    ("POST", "/api/v1/progress"),
    ("GET", "/kiosk"),
    ("GET", "/display"),
    ("GET", "/progress"),
}


def _app_routes() -> set[tuple[str, str]]:
    """The (method, path) of every route the app serves (documentation pages aside)."""
    app = create_app(ServerConfig(database_url="sqlite://"))
    inner: Any = getattr(app, "app", app)  # under the body limit
    found: set[tuple[str, str]] = set()

    def walk(routes: Any) -> None:
        for route in routes:
            if hasattr(route, "path"):
                for method in getattr(route, "methods", None) or ():
                    if method != "HEAD" and not route.path.startswith(("/docs", "/redoc", "/openapi")):
                        found.add((method, route.path))
            else:  # an included router
                walk(route.original_router.routes)

    walk(inner.routes)
    return found


def test_the_table_lists_every_route_of_the_app() -> None:
    assert _app_routes() == ROUTES


def _case_payload(state: str, from_state: str | None = None) -> dict[str, Any]:
    """A case op's payload as the window writes it (a one-material item snapshot)."""
    material = {"code": "M1", "name": "居民身份证", "required": True, "copies": 1, "note": "原件"}
    return {
        "case": {
            "id": str(uuid.uuid4()),
            "case_number": "330100W01202611240001",
            "device_code": "W01",
            "state": state,
            "item_code": "010700100000",
            "item_name": "居民身份证换领",
            "department": "GA",
            "window_code": "A01",
            "item_snapshot": {"code": "010700100000", "version": 1, "materials": [material]},
            "materials": [{"code": "M1", "status": "received", "note": "核验原件"}],
            "applicant": {
                "kind": "person",
                "name": "张三",
                "id_type": "resident_id",
                "id_number": "110105194912310021",
            },
            "accepted_on": "2026-11-24",
            "promised_due": "2026-12-01",
            "created_at": "2026-11-24T03:00:00",
        },
        "from_state": from_state,
        "notices": ["SL330100W01202611240001"],
    }


def step_payloads(case_id: str) -> dict[str, dict[str, Any]]:
    """A case's steps after acceptance, with details as the window's CaseWork sends them."""
    details: dict[str, dict[str, Any]] = {
        "case.review": {"note": ""},
        "case.correction": {"materials": [{"name": "营业执照", "problem": "已过期"}], "note": "请补正"},
        "case.corrected": {"note": ""},
        "case.special": {"procedure": "hearing", "reason": "利害关系人申请听证", "expected_days": 10},
        "case.special_end": {"note": "听证结束"},
        "case.extend": {"days": 10, "reason": "需现场核查"},
        "case.decide": {"decision": "deny", "reasons": "不符合条件", "legal_basis": "第三十八条"},
        "case.complete": {
            "result": "准予许可",
            "certificate_number": "JY1",
            "fee_fen": 1500,
            "overtime_reason": "",
        },
        "case.deliver": {
            "method": "pickup",
            "collector_name": "张三",
            "collector_id_type": "resident_id",
            "collector_id_number": "110105194912310021",
        },
        "case.return": {"reasons": "材料虚假", "remedies": "可申请行政复议"},
        "case.withdraw": {"reasons": "申请人书面申请撤回", "remedies": ""},
    }
    return {
        op: {"case_id": case_id, "from_state": "accepted", "on": "2026-11-25", "details": d, "notices": []}
        for op, d in details.items()
    }


def op_payloads() -> dict[str, dict[str, Any]]:
    """One payload per op type, shaped as the window's services write them."""
    case_id = str(uuid.uuid4())
    note = {"notice_id": str(uuid.uuid4()), "case_id": case_id, "number": "SL1", "kind": "acceptance"}
    return {
        "case.accept": _case_payload("accepted"),
        "case.complete_instant": _case_payload("completed"),
        "case.notify": _case_payload("notified"),
        "case.refuse": {**_case_payload("refused"), "reason": "不符合受理条件", "legal_basis": "第十条"},
        "case.transition": {
            "case_id": case_id,
            "from_state": "accepted",
            "to_state": "completed",
            "reason": "办结",
        },
        "case.deadline_recomputed": {
            "case_id": case_id,
            "old_promised_due": "2026-12-01",
            "promised_due": "2026-12-02",
            "legal_due": "2026-12-20",
            "notices": ["SL1"],
        },
        **step_payloads(case_id),
        "case.extend_request": step_payloads(case_id)["case.extend"],
        "case.opinion": {
            "case_id": case_id,
            "from_state": "accepted",
            "on": "2026-11-25",
            "department": "XF",
            "details": {
                "opinion": "correction",
                "text": "疏散通道宽度不足",
                "attachments": ["现场检查记录"],
                "materials": [{"name": "场所平面布置图", "problem": "未标明疏散通道"}],
            },
        },
        "case.part_correction_notice": {
            "case_id": case_id,
            "from_state": "correction",
            "on": "2026-11-25",
            "details": {},
            "notices": ["W0120261125DOC0001"],
        },
        "notice.print": {**note, "how": "print", "target": "打印机", "count": 1},
        "notice.reprint": {**note, "how": "print", "target": "打印机", "count": 2},
        "notice.saved_pdf": {**note, "how": "pdf", "target": "/home/clerk/告知书.pdf", "count": 0},
        "notice.print_failed": {**note, "reason": "打印机缺纸"},
        "notice.material_receipt": {**note},
        "consult.record": {
            "id": str(uuid.uuid4()),
            "number": "ZX330100W01202611240001",
            "item_code": None,
            "item_name": "",
            "question": "营业执照办理需要什么材料？\n还要带什么？",
            "answer": "见一次性告知单",
            "window_code": "A01",
            "clerk": "王芳",
            "created_at": "2026-11-24T09:00:00",
        },
        "visit.record": {
            "id": str(uuid.uuid4()),
            "ticket_id": None,
            "ticket_display": "A001",
            "window_code": "A01",
            "started_at": "2026-11-24T09:00:00+08:00",
            "finished_at": "2026-11-24T09:10:00+08:00",
            "cases": [case_id],
            "consults": [],
        },
        "visit.rated": {
            "visit_id": str(uuid.uuid4()),
            "rating": 4,
            "reasons": ["等候时间长"],
            "rated_at": "2026-11-24T09:11:00+08:00",
        },
    }


def test_the_table_has_a_payload_for_every_op_type() -> None:
    assert set(op_payloads()) == OP_TYPES


def _op(op_type: str, payload: dict[str, Any], seq: int = 1) -> dict[str, Any]:
    return {
        "op_id": str(uuid.uuid4()),
        "seq": seq,
        "op_type": op_type,
        "schema_version": 1,
        "actor": "",
        "created_at": "2026-11-24T09:00:00",
        "payload": payload,
    }


def _text_leaves(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """The path of every string in a JSON value (keys included: ``(*path, KEY)``)."""
    if isinstance(value, str):
        yield path
    elif isinstance(value, dict):
        yield (*path, KEY)
        for k, v in value.items():
            yield from _text_leaves(v, (*path, k))
    elif isinstance(value, list):
        for n, v in enumerate(value):
            yield from _text_leaves(v, (*path, n))


KEY = object()  # a leaf path ending here puts the bad text in a new key of that object


def _replaced(value: Any, path: tuple[Any, ...], bad: str) -> Any:
    copy = json.loads(json.dumps(value))
    if path[-1] is KEY:
        target = copy
        for step in path[:-1]:
            target = target[step]
        target[bad] = "x"
        return copy
    target = copy
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = bad
    return copy


@dataclass
class Hall:
    server: ServerProcess
    url: str
    db_url: str
    clerk: Device
    boss: Device
    before: dict[str, int]
    refusals: list[str] = field(default_factory=list)  # what was not refused as it should be

    def refused_cleanly(self) -> None:
        """Every bad request was refused, nothing stored, no traceback in the server's log."""
        assert self.refusals == [], "\n".join(self.refusals)
        assert _counts(self.db_url) == self.before, "a refused request stored something"
        assert "Traceback" not in self.server.log.read_text(encoding="utf-8", errors="replace")

    def send(self, what: str, method: str, path: str, token: str = "", body: Any = None, **kw: Any) -> None:
        """One bad request: it must get a 4xx in the error shape (recorded otherwise)."""
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        data = kw.pop("raw", None)
        if body is not None:
            data = json.dumps(body).encode()  # escapes as the clients send them: \ud800, \u0000
        if data is not None:
            headers["Content-Type"] = "application/json"
        answer = requests.request(method, self.url + path, data=data, headers=headers, timeout=30, **kw)
        try:
            shape = answer.json()
        except ValueError:
            shape = None
        well_formed = (
            isinstance(shape, dict)
            and isinstance(shape.get("error"), str)
            and isinstance(shape.get("message"), str)
        )
        if not (400 <= answer.status_code < 500 and well_formed):
            self.refusals.append(f"{what}: {method} {path} -> {answer.status_code} {answer.text[:160]}")


def _counts(db_url: str) -> dict[str, int]:
    engine = create_engine(db_url.replace("postgresql://", "postgresql+psycopg://"))
    try:
        with engine.connect() as conn:
            return {t: int(conn.execute(text(f"SELECT count(*) FROM {t}")).scalar() or 0) for t in TABLES}
    finally:
        engine.dispose()


@pytest.fixture
def hall_under_attack(hall: ServerProcess, hall_db: str) -> Hall:
    clerk = enrol(hall.url, hall_db, device="W01", window="A01")
    boss = enrol(hall.url, hall_db, device="W02", user="zhaolei", window="A02")
    return Hall(hall, hall.url, hall_db, clerk, boss, _counts(hall_db))


def _body_routes(h: Hall) -> list[tuple[str, str, str, dict[str, Any]]]:
    """(method, path, token, a well-formed body) for every route that reads a JSON body, and the
    routes without one (a body sent to them is checked all the same)."""
    c, b = h.clerk, h.boss
    signed = {"device_id": c.device_id, "device_secret": c.secret}
    routes: list[tuple[str, str, str, dict[str, Any]]] = [
        ("POST", "/enroll", "", {"code": "K7QM-2XPA-93HD", "hostname": "pc"}),
        ("POST", "/login", "", {**signed, "username": "wangfang", "password": "counter-pass-1"}),
        ("POST", "/refresh", "", {**signed, "refresh_token": c.refresh}),
        ("POST", "/sync/cases", c.token, {"ids": [NIL]}),
        ("POST", "/queue/tickets", "", {"queue": "A", "phone": "13800000000", "priority": "green"}),
        ("POST", "/queue/checkin", "", {"code": "K7Q2X"}),
        ("POST", "/progress", "", {"number": "330100W01202611240001", "tail": "002X"}),
        ("POST", "/queue/call", c.token, {"ticket_id": NIL}),
        ("POST", "/queue/pause", c.token, {"reason": "午休"}),
        ("POST", "/queue/messages", b.token, {"window": "A01", "text": "请注意"}),
        ("POST", "/users/unlock", b.token, {"username": "wangfang"}),
        ("POST", f"/queue/oversight/extensions/{NIL}", b.token, {"approve": False, "note": "理由"}),
        ("POST", f"/queue/tickets/{NIL}/move", b.token, {"to_queue": "B"}),
        ("POST", "/queue/resume", c.token, {"x": "y"}),
        ("POST", "/queue/call-next", c.token, {"x": "y"}),
        ("POST", "/queue/walk-in", c.token, {"x": "y"}),
    ]
    for action in ("recall", "no-show", "start", "finish", "park", "transfer"):
        routes.append(
            (
                "POST",
                f"/queue/ticket/{action}",
                c.token,
                {"note": "备注", "to_queue": "B", "to_window": "B01"},
            )
        )
    return routes


def test_bad_text_in_any_json_body_is_refused(hall_under_attack: Hall) -> None:
    h = hall_under_attack
    for method, path, token, body in _body_routes(h):
        for leaf in _text_leaves(body):
            for name, bad in BAD_TEXT.items():
                h.send(f"{name} at {leaf}", method, API + path, token, _replaced(body, leaf, bad))
    # the same in raw UTF-8 (a surrogate encoded as three bytes, which no UTF-8 encoder makes)
    utf16 = '{"queue": "\ud800"}'.encode("utf-16-le", "surrogatepass")  # json reads UTF-16
    for raw in (b'{"queue": "\xed\xa0\x80"}', b'{"queue": "A", "x\xed\xb0\x80": 1}', utf16):
        h.send(f"raw {raw!r}", "POST", API + "/queue/tickets", raw=raw)
    h.refused_cleanly()


def test_bad_text_in_every_op_type_s_payload_is_refused(hall_under_attack: Hall) -> None:
    h = hall_under_attack
    for op_type, payload in op_payloads().items():
        for leaf in _text_leaves(payload):
            for name in ("lone high surrogate", "NUL", "escape"):
                bad = _replaced(payload, leaf, BAD_TEXT[name])
                h.send(
                    f"{op_type} {name} at {leaf}",
                    "POST",
                    API + "/sync/push",
                    h.clerk.token,
                    {"schema_version": 1, "ops": [_op(op_type, bad)]},
                )
        for key in ("op_id", "op_type", "actor", "created_at"):
            for name, bad_text in BAD_TEXT.items():
                op = {**_op(op_type, payload), key: bad_text}
                h.send(
                    f"{op_type} {name} in {key}",
                    "POST",
                    API + "/sync/push",
                    h.clerk.token,
                    {"schema_version": 1, "ops": [op]},
                )
    h.refused_cleanly()


def test_numbers_beyond_64_bits_are_refused(hall_under_attack: Hall) -> None:
    h = hall_under_attack
    c = h.clerk
    for n in BAD_NUMBERS:
        h.send(
            f"cursor {n}",
            "GET",
            API + "/sync/pull",
            c.token,
            params={"cursor": f"{n}:1", "schema_version": "1"},
        )
        h.send(
            f"cursor id {n}",
            "GET",
            API + "/sync/pull",
            c.token,
            params={"cursor": f"1:{n}", "schema_version": "1"},
        )
        h.send(
            f"limit {n}",
            "GET",
            API + "/sync/pull",
            c.token,
            params={"cursor": "0:0", "limit": n, "schema_version": "1"},
        )
        h.send(
            f"schema {n}", "GET", API + "/sync/pull", c.token, params={"cursor": "0:0", "schema_version": n}
        )
        h.send(f"schema {n}", "GET", API + "/sync/snapshot", c.token, params={"schema_version": n})
        h.send(f"after {n}", "GET", API + "/queue/display", params={"after": n})
        h.send(f"read {n}", "GET", API + "/queue/window", c.token, params={"read": n})
        if n.lstrip("-").isdecimal():
            big = int(n)
            h.send(
                f"seq {n}",
                "POST",
                API + "/sync/push",
                c.token,
                {
                    "schema_version": 1,
                    "ops": [_op("consult.record", op_payloads()["consult.record"], seq=big)],
                },
            )
            h.send(
                f"push schema {n}", "POST", API + "/sync/push", c.token, {"schema_version": big, "ops": []}
            )
            op = _op("consult.record", op_payloads()["consult.record"])
            op["schema_version"] = big
            h.send(f"op schema {n}", "POST", API + "/sync/push", c.token, {"schema_version": 1, "ops": [op]})
            h.send(f"minutes {n}", "POST", API + "/queue/ticket/park", c.token, {"minutes": big})
            rated = {**op_payloads()["visit.rated"], "rating": big}
            h.send(
                f"rating {n}",
                "POST",
                API + "/sync/push",
                c.token,
                {"schema_version": 1, "ops": [_op("visit.rated", rated)]},
            )
    h.refused_cleanly()


def test_bad_text_in_query_parameters_and_paths_is_refused(hall_under_attack: Hall) -> None:
    h = hall_under_attack
    c, b = h.clerk, h.boss
    queries = [
        ("/sync/pull", c.token, {"cursor": "0:0", "schema_version": "1"}),
        ("/sync/snapshot", c.token, {"schema_version": "1"}),
        ("/queue/display", "", {"after": "0"}),
        ("/queue/window", c.token, {"read": "0"}),
        ("/queue/monitor/tickets", b.token, {"status": "waiting", "queue": "A", "number": "A001"}),
        ("/queue/reports", b.token, {"period": "day", "date": "2026-11-24", "by": "window"}),
        ("/queue/oversight", b.token, {"month": "2026-11"}),
        # routes without parameters: a bad one is refused all the same
        ("/hello", "", {"x": "y"}),
        ("/queue/services", "", {"x": "y"}),
        ("/queue/windows", "", {"x": "y"}),
        ("/queue/waiting", c.token, {"x": "y"}),
        ("/queue/monitor", b.token, {"x": "y"}),
    ]
    for path, token, params in queries:
        for key in params:
            for name, bad in BAD_TEXT.items():
                if "surrogate" in name:
                    continue  # a URL carries bytes: see the percent-encoded ones below
                h.send(f"{name} in {key}", "GET", API + path, token, params={**params, key: bad})
        h.send(
            "percent-encoded surrogate", "GET", API + path + "?" + next(iter(params)) + "=%ED%A0%80", token
        )
    for bad in ("%00", "%1B", "%ED%A0%80", "a%00b"):
        h.send(f"path {bad}", "POST", API + f"/queue/tickets/{bad}/cancel", b.token, {})
        h.send(f"path {bad}", "POST", API + f"/queue/tickets/{NIL}/{bad}", b.token, {})
        h.send(f"path {bad}", "POST", API + f"/queue/ticket/{bad}", c.token, {})
    h.send("page", "GET", "/kiosk?x=" + quote("\x00"))
    h.send("page", "GET", "/progress?kiosk=" + quote("\x00"))
    h.refused_cleanly()


BAD_DATES = [
    ("day", "0000-01-01"),
    ("day", "0001-01-01"),
    ("day", "99999-01-01"),
    ("day", "9999-12-31"),
    ("day", "2026-13-45"),
    ("day", "2026-02-30"),
    ("day", "２０２６-１１-２４"),  # full-width digits: \d matches them
    ("month", "0000-01"),
    ("month", "0001-01"),
    ("month", "9999-12"),
    ("month", "2026-13"),
    ("month", "2026-00"),
]


def test_dates_out_of_range_in_reports_are_refused(hall_under_attack: Hall) -> None:
    h = hall_under_attack
    for period, day in BAD_DATES:
        h.send(
            f"{period} {day}",
            "GET",
            API + "/queue/reports",
            h.boss.token,
            params={"period": period, "date": day},
        )
    h.refused_cleanly()


def test_the_same_op_twice_in_one_batch_is_refused(hall_under_attack: Hall) -> None:
    h = hall_under_attack
    consult = _op("consult.record", op_payloads()["consult.record"])
    again = {**consult, "seq": 2}
    h.send(
        "same op id, two seqs",
        "POST",
        API + "/sync/push",
        h.clerk.token,
        {"schema_version": 1, "ops": [consult, again]},
    )
    h.send(
        "the same op twice",
        "POST",
        API + "/sync/push",
        h.clerk.token,
        {"schema_version": 1, "ops": [consult, consult]},
    )
    other = {**_op("consult.record", op_payloads()["consult.record"]), "seq": 1}
    h.send(
        "two ops, one seq",
        "POST",
        API + "/sync/push",
        h.clerk.token,
        {"schema_version": 1, "ops": [consult, other]},
    )
    h.refused_cleanly()


def test_an_op_too_big_to_be_real_is_refused_inside_an_allowed_batch(hall_under_attack: Hall) -> None:
    h = hall_under_attack
    reprint = _op("notice.reprint", {**op_payloads()["notice.reprint"], "target": "打" * 2_000_000})
    body = json.dumps({"schema_version": 1, "ops": [reprint]}, ensure_ascii=False).encode()
    assert len(body) < ServerConfig().max_body_bytes  # the batch itself is within the body limit
    h.send("a 6 MB reprint", "POST", API + "/sync/push", h.clerk.token, raw=body)
    answer = h.clerk.post("/sync/push", raw=body)
    assert answer.status_code in (413, 422)
    assert f"op {reprint['op_id']} (notice.reprint): its payload is" in answer.text
    h.refused_cleanly()


def test_good_ops_of_every_type_still_go_through(hall: ServerProcess, hall_db: str) -> None:
    """The payloads above are what windows send: well-formed, each gets a verdict (applied or a
    business refusal), so what refused their bad copies was the bad value."""
    clerk = enrol(hall.url, hall_db, device="W01", window="A01")
    ops = [_op(t, p, seq=n + 1) for n, (t, p) in enumerate(sorted(op_payloads().items()))]
    answer = clerk.push(ops)
    assert answer.status_code == 200, answer.text
    assert [r["seq"] for r in answer.json()["results"]] == list(range(1, len(ops) + 1))
    assert "Traceback" not in hall.log.read_text(encoding="utf-8", errors="replace")


def _value_paths(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """The path of every value inside a JSON value, objects and lists included."""
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, inner in items:
        yield (*path, key)
        yield from _value_paths(inner, (*path, key))


def test_a_value_of_the_wrong_kind_anywhere_in_an_op_is_never_a_500(
    hall: ServerProcess, hall_db: str
) -> None:
    """Every value of every op type's payload, in turn a list, an object, a number, null or a
    date that is none, pushed after the good ops made the cases they act on: a 4xx or a verdict,
    never a 500 (a state or a rating that was a list once raised TypeError in the shape check),
    and no traceback in the log."""
    clerk = enrol(hall.url, hall_db, device="W01", window="A01")
    payloads = sorted(op_payloads().items())
    good = clerk.push([_op(t, p, seq=n + 1) for n, (t, p) in enumerate(payloads)])
    assert good.status_code == 200, good.text
    seq, pushed, failures = len(payloads), 0, []
    for op_type, payload in payloads:
        for path in _value_paths(payload):
            for odd in ([], {}, 7, None, "2026-13-45"):
                answer = clerk.push([_op(op_type, _replaced(payload, path, odd), seq=seq + 1)])
                pushed += 1
                if answer.status_code >= 500:
                    failures.append(f"{op_type} {path} = {odd!r}: {answer.status_code} {answer.text[:120]}")
                elif answer.status_code == 200:
                    seq = answer.json()["last_seq"]
    assert failures == [], "\n".join(failures)
    assert pushed > 300
    assert "Traceback" not in hall.log.read_text(encoding="utf-8", errors="replace")


def test_a_value_of_the_wrong_kind_in_any_json_body_is_never_a_500(hall_under_attack: Hall) -> None:
    """Every field of every route's body, in turn a list, an object, a number and null: refused
    with a 4xx, or taken where the field allows it (an empty list of ids, no phone for a ticket,
    a body a route does not read), never a 500, and no traceback in the log."""
    h = hall_under_attack
    failures, sent = [], 0
    for method, path, token, body in _body_routes(h):
        for key in body:
            for odd in ([], {}, 7, None):
                headers = {"Authorization": f"Bearer {token}"} if token else {}
                answer = requests.request(
                    method, h.url + API + path, json={**body, key: odd}, headers=headers, timeout=30
                )
                sent += 1
                if answer.status_code >= 500:
                    failures.append(f"{path} {key} = {odd!r}: {answer.status_code} {answer.text[:120]}")
    assert failures == [], "\n".join(failures)
    assert sent > 100
    assert "Traceback" not in h.server.log.read_text(encoding="utf-8", errors="replace")
