"""The wire format shared by the window client and the hall server (no I/O here).

An op is what the client's outbox holds: a client-made UUID, the device's gapless sequence
number, a type from ``OP_TYPES``, the schema version it was written under, who did it and its
payload. Both sides import this module; bump ``SCHEMA_VERSION`` when an op's payload changes.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from counter_app.domain.canonical_json import snapshot_facts, snapshot_key

API_PREFIX = "/api/v1"
SCHEMA_VERSION = 3  # of ops and of the API; the server says which range it accepts (2: visit ops,
# 3: the steps after acceptance and the lifecycle on a case)

CASE_OPS = frozenset({"case.accept", "case.complete_instant", "case.notify", "case.refuse"})
# ops that only add to a case's history (prints, reprints, the window's own recomputation)
CASE_NOTE_OPS = frozenset(
    {
        "case.deadline_recomputed",
        "notice.print",
        "notice.reprint",
        "notice.material_receipt",
        "notice.print_failed",
        "notice.saved_pdf",
    }
)
# a window's record of one applicant served, and the applicant's rating (queue calling)
VISIT_OPS = frozenset({"visit.record", "visit.rated"})
# a case's steps after acceptance (counter_app/domain/case_steps.py: Step)
STEP_OPS = frozenset(
    {
        "case.review",
        "case.correction",
        "case.corrected",
        "case.special",
        "case.special_end",
        "case.extend",
        "case.decide",
        "case.complete",
        "case.deliver",
        "case.return",
        "case.withdraw",
    }
)
# a clerk asks the supervisors for an extension (they decide from the supervision view)
EXTEND_REQUEST = "case.extend_request"
# a co-department answers its part of a joint case (并联审批: 同意 / 不同意 / 需补正)
PART_OPINION = "case.opinion"
# the lead window's 补正通知书 for what joint parts asked (the case does not move; its number is kept)
PART_CORRECTION_NOTICE = "case.part_correction_notice"
OP_TYPES = (
    CASE_OPS
    | CASE_NOTE_OPS
    | VISIT_OPS
    | STEP_OPS
    | frozenset({"case.transition", "consult.record", EXTEND_REQUEST, PART_OPINION, PART_CORRECTION_NOTICE})
)

# Statuses of an op in the server's answer
APPLIED = "applied"
REJECTED = "rejected"

# Header a server answers with when a client is too old (HTTP 426)
CLIENT_TOO_OLD = "client_too_old"
CURSOR_TOO_OLD = "cursor_too_old"


def json_body(value: Any) -> bytes:
    """A request body as a window sends it: compact UTF-8 JSON. A third smaller than ASCII escapes
    for Chinese text, and the server's checks of a few MB run at memory speed on it. A lone
    surrogate (which no form should let through) is passed on as such, for the server to refuse
    by name, not raised here."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")


def op_fingerprint(op_type: str, seq: int, actor: str, payload_json: bytes) -> str:
    """What makes an op the same op: a replay must match it exactly. *payload_json* is
    ``canonical(payload)``; the hash is that of ``canonical({"actor": actor, "payload": payload})``
    (sorted keys: the actor first), built around the payload's JSON instead of encoding it again."""
    whole = (
        b'{"actor":' + json.dumps(actor, ensure_ascii=False).encode() + b',"payload":' + payload_json + b"}"
    )
    return hashlib.sha256(f"{op_type}\n{seq}\n".encode() + whole).hexdigest()


def format_cursor(tx: int, row_id: int) -> str:
    return f"{tx}:{row_id}"


def parse_cursor(cursor: str) -> tuple[int, int]:
    """``tx:id``; raises ``ValueError`` for anything else."""
    tx, _, row_id = cursor.partition(":")
    if not tx.isdigit() or not row_id.isdigit() or len(cursor) > 41:
        raise ValueError(f"not a cursor: {cursor!r}")
    return int(tx), int(row_id)


# Item snapshots by key: a window asks a pull page for them so (``item_snapshots=by_key``), and a
# push may carry each once (``/hello`` says ``push_item_snapshots: by_key``). An accepted case
# carries the item it was accepted under (~3 KB, three quarters of the op), the same in most ops
# of a batch. The window sends the snapshots in a map by key and each case names its own; the
# server puts them back before anything reads the ops, so an op is checked, applied and
# fingerprinted exactly as if it had come whole (a replay in either form is the same op).
SNAPSHOTS_BY_KEY = "by_key"
SNAPSHOT_KEY_FIELD = "item_snapshot_key"
MAX_PUSH_SNAPSHOTS = 1000  # distinct items in one push (a batch is at most 5,000 ops)
# the snapshots a push's ops may have put back, in all: the hall server's default body limit, so a
# push by key expands to no more than the same push sent whole could be (a window's batch of 200
# accepts carries about 0.6 MB of snapshots)
MAX_PUT_BACK_BYTES = 8 * 1024 * 1024


def snapshots_apart(ops: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """*ops* with each case's item snapshot replaced by its key, and the snapshots by key. The
    ops given are left as they are (new dicts where a case changes)."""
    snapshots: dict[str, Any] = {}
    slim = []
    for op in ops:
        payload = op.get("payload")
        case = payload.get("case") if isinstance(payload, dict) else None
        snapshot = case.get("item_snapshot") if isinstance(case, dict) else None
        if (
            not isinstance(payload, dict)
            or not isinstance(case, dict)
            or not isinstance(snapshot, dict)
            or not snapshot  # none ({}): sent as it is, as the server keeps it
            or SNAPSHOT_KEY_FIELD in case
        ):
            slim.append(op)
            continue
        key = snapshot_key(snapshot)
        snapshots.setdefault(key, snapshot)
        named = {k: v for k, v in case.items() if k != "item_snapshot"} | {SNAPSHOT_KEY_FIELD: key}
        slim.append({**op, "payload": {**payload, "case": named}})
    return slim, snapshots


def snapshots_back(ops: Any, snapshots: Any) -> Any:
    """The ops of a push as the window wrote them, each case that names its snapshot by key (and
    carries none) given it back from *snapshots* (``snapshots_apart``'s map). A case carrying its
    snapshot is left as it came, whatever else it says. Raises ``ValueError`` for a map that is not
    one (too many, not an object of objects, a snapshot not matching its key), a case naming a
    snapshot not in it, or snapshots named so often that the ops put back would be larger than
    ``MAX_PUT_BACK_BYTES`` (a small body must not become a large one). Anything else malformed
    is left for the op's own checks."""
    if not isinstance(snapshots, dict) or len(snapshots) > MAX_PUSH_SNAPSHOTS:
        raise ValueError(f"snapshots must be an object of at most {MAX_PUSH_SNAPSHOTS} item snapshots")
    sizes = {}
    for key, snapshot in snapshots.items():
        text, named = snapshot_facts(snapshot) if isinstance(snapshot, dict) and snapshot else (b"", "")
        if named != key:
            raise ValueError(f"item snapshot {str(key)[:64]!r} does not match its key")
        sizes[key] = len(text)
    if not isinstance(ops, list):
        return ops
    whole = []
    put_back = 0
    for op in ops:
        payload = op.get("payload") if isinstance(op, dict) else None
        case = payload.get("case") if isinstance(payload, dict) else None
        if (
            not isinstance(payload, dict)
            or not isinstance(case, dict)
            or SNAPSHOT_KEY_FIELD not in case
            or "item_snapshot" in case
        ):
            whole.append(op)
            continue
        key = case[SNAPSHOT_KEY_FIELD]
        snapshot = snapshots.get(key) if isinstance(key, str) else None
        if snapshot is None:
            raise ValueError(
                f"op {str(op.get('op_id'))[:36]} names item snapshot {str(key)[:64]!r}, not in this push"
            )
        put_back += sizes[key]
        if put_back > MAX_PUT_BACK_BYTES:
            raise ValueError(
                f"the item snapshots put back would make more than {MAX_PUT_BACK_BYTES} bytes: send fewer ops"
            )
        kept = {k: v for k, v in case.items() if k != SNAPSHOT_KEY_FIELD} | {"item_snapshot": snapshot}
        whole.append({**op, "payload": {**payload, "case": kept}})
    return whole
