"""Routes about the hall's users for supervisors: lifting a sign-in lock (解锁)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import FastAPI, Header
from pydantic import StringConstraints

from counter_app.sync.wire import API_PREFIX
from hall_server import auth
from hall_server.db import ServerDatabase
from hall_server.queue.supervision import SUPERVISOR_ROLES
from hall_server.schemas import Strict


class UnlockRequest(Strict):
    username: Annotated[str, StringConstraints(min_length=1, max_length=60)]


def add_user_routes(app: FastAPI, db: ServerDatabase) -> None:
    @app.post(API_PREFIX + "/users/unlock")
    def unlock(body: UnlockRequest, authorization: str | None = Header(None)) -> dict[str, Any]:
        caller = auth.authenticate(db, authorization)
        if caller.claims.role not in SUPERVISOR_ROLES:
            raise auth.AuthError(403, "role", "only a supervisor may unlock a user")
        was_locked = auth.unlock_user(db, body.username, caller.claims.username, caller.device.id)
        return {"username": body.username, "was_locked": was_locked}
