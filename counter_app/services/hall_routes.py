"""Authenticated calls to the hall server's live routes (queue, monitor, reports).

No Qt here: every call blocks, so run it off the GUI thread. A call acts with the signed-in clerk's
access token, the one the sync engine holds; a refresh is taken in turns with the sync thread (the
refresh token rotates, two refreshes at once would end the session).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from counter_app.sync.engine import NeedsLogin, SyncEngine
from counter_app.sync.http import AuthExpired, HallClient, Offline, Refused, ServerGarbage

# codes of problems found on this side; the server's own codes (ticket_held, ...) pass through
OFFLINE = "offline"
NEEDS_LOGIN = "needs_login"
GARBAGE = "garbage"


class QueueProblem(Exception):
    """The server refused or could not be reached; *code* says which (the panel words it)."""

    def __init__(self, code: str, message: str = "") -> None:
        super().__init__(f"{code}: {message}")
        self.code, self.message = code, message


class HallRoutes:
    """One signed-in clerk's way to the server's live routes."""

    def __init__(self, engine: SyncEngine) -> None:
        self.engine = engine
        self.client: HallClient = engine.client

    def request(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        """The answer's JSON object; any failure is a QueueProblem whose code says which."""
        kwargs = {k: v for k, v in kwargs.items() if v is not None}
        try:
            token = self.engine.token()  # shared with the sync thread: one refresh at a time
            try:
                return self.client.call(method, path, token, **kwargs)
            except AuthExpired:  # expired on the way: one refresh, one retry
                return self.client.call(method, path, self.engine.token(stale=token), **kwargs)
        except QueueProblem:
            raise
        except (NeedsLogin, AuthExpired) as exc:
            raise QueueProblem(NEEDS_LOGIN, str(exc)) from None
        except Offline as exc:
            raise QueueProblem(OFFLINE, str(exc)) from None
        except Refused as exc:
            raise QueueProblem(exc.code, exc.message) from None
        except ServerGarbage as exc:
            raise QueueProblem(GARBAGE, str(exc)) from None


def guarded(job: Callable[[], Any]) -> Callable[[], tuple[bool, Any]]:
    """*job* made to hand a QueueProblem back as (False, problem), its result as (True, result):
    a refusal is an answer for the screen to word, not a crash for the worker to log."""

    def run() -> tuple[bool, Any]:
        try:
            return True, job()
        except QueueProblem as problem:
            return False, problem

    return run
