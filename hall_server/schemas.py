"""Request bodies, checked by pydantic: a wrong type or an unknown op type is a 422, nothing stored."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from counter_app.sync.wire import OP_TYPES

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
    seq: int = Field(ge=1)
    op_type: str
    schema_version: int = Field(ge=1)
    actor: Annotated[str, StringConstraints(max_length=60)] = ""
    created_at: Short = ""
    payload: dict[str, Any]

    @field_validator("op_type")
    @classmethod
    def known_type(cls, value: str) -> str:
        if value not in OP_TYPES:
            raise ValueError(f"unknown op type {value!r}")
        return value


class PushRequest(Strict):
    schema_version: int = Field(ge=1)
    ops: list[Op] = Field(max_length=5000)


class CasesRequest(Strict):
    ids: list[Uuid] = Field(max_length=5000)
