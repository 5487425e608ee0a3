"""Request bodies, checked by pydantic: a wrong type or an unknown op type is a 422, nothing stored.

Text with NUL, control characters or lone surrogates never gets here (``input_guard``).
"""

from __future__ import annotations

from collections import Counter
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    StringConstraints,
    field_validator,
    model_validator,
)

from counter_app.domain.canonical_json import canonical_payload
from counter_app.sync.wire import MAX_PUSH_SNAPSHOTS, OP_TYPES, snapshots_back

MAX_BIGINT = 2**63 - 1  # the largest number a BIGINT column holds (a sequence number, a cursor)
MAX_SCHEMA = 1000
# One op's payload as its fingerprint hashes it (compact JSON, sorted keys, UTF-8). The largest op
# a window makes from the demo catalogue weighs some 7 KB (a 一次性告知 of an item with ten materials:
# item snapshot, material checks, notices); 128 KiB leaves room for an item of some 170 materials,
# and keeps a 7 MB op out of a batch that is within the body limit.
MAX_OP_PAYLOAD_BYTES = 128 * 1024

Uuid = Annotated[str, StringConstraints(min_length=1, max_length=36, pattern=r"^[0-9a-fA-F-]+$")]
Short = Annotated[str, StringConstraints(max_length=200)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class EnrollRequest(Strict):
    code: Annotated[str, StringConstraints(min_length=1, max_length=40)]
    hostname: Short = ""


class LoginRequest(Strict):
    device_id: Uuid
    device_secret: Annotated[str, StringConstraints(min_length=1, max_length=200)]
    username: Annotated[str, StringConstraints(min_length=1, max_length=60)]
    password: Annotated[str, StringConstraints(min_length=1, max_length=200)]


class RefreshRequest(Strict):
    device_id: Uuid
    device_secret: Annotated[str, StringConstraints(min_length=1, max_length=200)]
    refresh_token: Annotated[str, StringConstraints(min_length=1, max_length=200)]


class Op(Strict):
    op_id: Uuid
    seq: int = Field(ge=1, le=MAX_BIGINT)
    op_type: str
    schema_version: int = Field(ge=1, le=MAX_SCHEMA)
    actor: Annotated[str, StringConstraints(max_length=60)] = ""
    created_at: Short = ""
    payload: dict[str, Any]
    _payload_json: bytes = PrivateAttr(b"")

    @property
    def payload_json(self) -> bytes:
        """The payload's canonical JSON (``canonical_json.canonical``), encoded once: bound and
        fingerprint. Read from pydantic's own dict of private values: ``self._payload_json``
        goes through ``BaseModel.__getattr__``, several times slower, once per op of a push."""
        private: dict[str, bytes] = self.__pydantic_private__  # type: ignore[assignment]
        return private["_payload_json"]

    @field_validator("op_type")
    @classmethod
    def known_type(cls, value: str) -> str:
        if value not in OP_TYPES:
            raise ValueError(f"unknown op type {value!r}")
        return value

    @model_validator(mode="after")
    def bounded(self) -> Op:
        self._payload_json = canonical_payload(self.payload)
        size = len(self._payload_json)
        if size > MAX_OP_PAYLOAD_BYTES:
            raise ValueError(
                f"op {self.op_id} ({self.op_type}): its payload is {size} bytes, "
                f"an op's payload is at most {MAX_OP_PAYLOAD_BYTES} bytes"
            )
        return self


class PushRequest(Strict):
    schema_version: int = Field(ge=1, le=MAX_SCHEMA)
    ops: list[Op] = Field(max_length=5000)
    # the item snapshots the ops' cases name by key (``wire.snapshots_apart``); put back into the
    # ops before they are read, so nothing past this model sees the difference
    snapshots: dict[str, dict[str, Any]] = Field(default_factory=dict, max_length=MAX_PUSH_SNAPSHOTS)

    @model_validator(mode="before")
    @classmethod
    def snapshots_put_back(cls, data: Any) -> Any:
        if isinstance(data, dict) and "ops" in data and "snapshots" in data:  # a push by key
            data = {**data, "ops": snapshots_back(data["ops"], data["snapshots"])}
        return data

    @model_validator(mode="after")
    def each_op_once(self) -> PushRequest:
        """An op id, or a sequence number, twice in one batch is a broken outbox: refused whole."""
        for what, values in (("op id", [op.op_id for op in self.ops]), ("seq", [op.seq for op in self.ops])):
            if len(set(values)) != len(values):
                twice = sorted(str(v) for v, n in Counter(values).items() if n > 1)
                raise ValueError(f"{what} {', '.join(twice[:5])} more than once in one batch")
        return self


class CasesRequest(Strict):
    ids: list[Uuid] = Field(max_length=5000)
