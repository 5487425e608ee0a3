"""The queue's HTTP routes: public ones for the kiosk and the hall display, signed-in ones for
windows. Window routes act for the caller's device's window, never for a window named in the body."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

import anyio
from fastapi import APIRouter, Body, FastAPI, Header, Query, Request
from fastapi.responses import JSONResponse
from sqlalchemy import select
from sqlalchemy.orm import Session

from counter_app.sync.wire import API_PREFIX
from hall_server import auth
from hall_server.config import ServerConfig
from hall_server.db import ServerDatabase
from hall_server.queue import calling, tickets
from hall_server.queue.kiosk_limits import IssueLimits, TooManyTickets, client_key
from hall_server.queue.layout import hall_name, window_layout, window_names
from hall_server.queue.models import TicketEventRow, TicketRow
from hall_server.queue.monitor_feed import MonitorFeed
from hall_server.queue.supervision import SUPERVISOR_ROLES, hall_tickets, send_message, supervise_ticket
from hall_server.queue.tickets import QueueError, hall_now
from hall_server.queue.window import held_wire, waiting_list, walk_in, window_view
from hall_server.schemas import MAX_BIGINT

WINDOW_ROLES = frozenset({"clerk", "chief", "admin"})
CALL_EVENTS = ("called", "recall", "recalled_parked")


def _clerk(db: ServerDatabase, header: str | None) -> calling.Clerk:
    caller = auth.authenticate(db, header)
    if caller.claims.role not in WINDOW_ROLES:
        raise QueueError(403, "role", f"role {caller.claims.role} does not serve at a window")
    return calling.Clerk(caller.device.window_code, caller.claims.username, caller.claims.username)


def _text(body: dict[str, Any], key: str, limit: int) -> str:
    value = body.get(key, "")
    if (
        not isinstance(value, str)
        or len(value) > limit
        or any(ord(c) < 32 and c not in "\n\t" for c in value)
    ):
        raise QueueError(422, "invalid_request", f"{key} must be text of at most {limit} characters")
    return value.strip()


def display_calls(db: ServerDatabase, after: int) -> dict[str, Any]:
    with db.reader.connect() as conn, Session(bind=conn) as s:
        rows = s.execute(
            select(TicketEventRow, TicketRow.display)
            .join(TicketRow, TicketRow.id == TicketEventRow.ticket_id)
            .where(TicketEventRow.kind.in_(CALL_EVENTS), TicketEventRow.id > after)
            .order_by(TicketEventRow.id.desc())
            .limit(20)
        ).all()
        names = window_names(s)
        calls = [
            {
                "id": e.id,
                "display": display,
                "window_code": e.window_code,
                "window_name": names.get(e.window_code or "", e.window_code),
                "at": e.at.isoformat(),
                "recall": e.kind == "recall",
            }
            for e, display in reversed(rows)
        ]
        latest = calls[-1]["id"] if calls else after
        return {"hall_name": hall_name(s), "calls": calls, "latest": latest}


def add_queue_routes(app: FastAPI, db: ServerDatabase, cfg: ServerConfig) -> None:
    router = APIRouter(prefix=API_PREFIX + "/queue")

    def now() -> datetime:
        return hall_now(cfg.timezone)

    @app.exception_handler(QueueError)
    async def _queue_error(_r: Request, exc: QueueError) -> JSONResponse:
        return JSONResponse({"error": exc.code, "message": str(exc)}, status_code=exc.status)

    @app.exception_handler(TooManyTickets)
    async def _too_many(_r: Request, exc: TooManyTickets) -> JSONResponse:
        return JSONResponse(
            {"error": exc.code, "message": str(exc), "retry_after": exc.retry_after},
            status_code=exc.status,
            headers={"Retry-After": str(exc.retry_after)},
        )

    limits = IssueLimits.of(cfg)

    # public: the kiosk and the hall display
    @router.get("/services")
    def services() -> dict[str, Any]:
        at = now()
        return {**tickets.services(db, at), "now": at.isoformat()}

    @router.post("/tickets", status_code=201)
    def issue(
        request: Request,
        body: Annotated[dict[str, Any], Body()],
        authorization: str | None = Header(None),
    ) -> dict[str, Any]:
        queue, phone, priority = body.get("queue"), body.get("phone"), body.get("priority")
        if authorization:  # a clerk or supervisor signed in (the desk): they confirm it, no limits
            who = auth.authenticate(db, authorization).claims.username
            return {"ticket": tickets.issue_ticket(db, queue, phone, priority, now(), issued_by=who)}
        address = client_key(request.client.host if request.client else None)
        ticket = tickets.issue_ticket(db, queue, phone, priority, now(), address=address, limits=limits)
        return {"ticket": ticket}

    @router.post("/checkin", status_code=201)
    def checkin(request: Request, body: Annotated[dict[str, Any], Body()]) -> dict[str, Any]:
        address = client_key(request.client.host if request.client else None)
        return {"ticket": tickets.check_in(db, body.get("code"), now(), address=address, limits=limits)}

    @router.get("/display")
    def display(after: int = Query(0, ge=0, le=MAX_BIGINT)) -> dict[str, Any]:
        return {**display_calls(db, after), "now": now().isoformat()}

    @router.get("/windows")
    def windows() -> dict[str, Any]:
        """The hall's windows and the queues they serve (where a ticket can be transferred to)."""
        with db.reader.connect() as conn, Session(bind=conn) as s:
            names, layout = window_names(s), window_layout(s)
        return {
            "windows": [{"code": w, "name": names.get(w, w), "queues": q} for w, q in sorted(layout.items())]
        }

    @router.get("/window")
    def window(
        read: int = Query(0, ge=0, le=MAX_BIGINT), authorization: str | None = Header(None)
    ) -> JSONResponse:
        return JSONResponse(window_view(db, _clerk(db, authorization), now(), read))

    @router.get("/waiting")
    def waiting(authorization: str | None = Header(None)) -> dict[str, Any]:
        return {"tickets": waiting_list(db, _clerk(db, authorization), now())}

    # calling runs on threads of its own: a queue of window polls never holds up a call
    calls = anyio.CapacityLimiter(cfg.threads)

    def _call_next(authorization: str | None) -> dict[str, Any]:
        at = now()
        ticket = calling.call_next(db, _clerk(db, authorization), at)
        return {"ticket": held_wire(ticket, at) if ticket else None}

    @router.post("/call-next")
    async def call_next(authorization: str | None = Header(None)) -> dict[str, Any]:
        return await anyio.to_thread.run_sync(_call_next, authorization, limiter=calls)

    @router.post("/call")
    def call(
        body: Annotated[dict[str, Any], Body()], authorization: str | None = Header(None)
    ) -> dict[str, Any]:
        at = now()
        ticket = calling.call_chosen(db, _clerk(db, authorization), _text(body, "ticket_id", 36), at)
        return {"ticket": held_wire(ticket, at)}

    @router.post("/walk-in")
    def serve_walk_in(authorization: str | None = Header(None)) -> dict[str, Any]:
        at = now()
        return {"ticket": held_wire(walk_in(db, _clerk(db, authorization), at), at)}

    @router.post("/ticket/{action}")
    async def ticket_action(
        action: str,
        body: Annotated[dict[str, Any] | None, Body()] = None,
        authorization: str | None = Header(None),
    ) -> dict[str, Any]:
        return await anyio.to_thread.run_sync(
            _ticket_action, action, body or {}, authorization, limiter=calls
        )

    def _ticket_action(action: str, body: dict[str, Any], authorization: str | None) -> dict[str, Any]:
        at = now()
        minutes = body.get("minutes")
        if minutes is not None and (not isinstance(minutes, int) or isinstance(minutes, bool)):
            raise QueueError(422, "bad_minutes", "minutes must be a whole number")
        ticket = calling.act(
            db,
            _clerk(db, authorization),
            action.replace("-", "_"),
            at,
            note=_text(body, "note", 500),
            to_queue=_text(body, "to_queue", 1) or None,
            to_window=_text(body, "to_window", 40) or None,
            minutes=minutes,
        )
        return {"ticket": held_wire(ticket, at)}

    @router.post("/pause")
    def pause(
        body: Annotated[dict[str, Any], Body()], authorization: str | None = Header(None)
    ) -> dict[str, Any]:
        state = calling.pause(db, _clerk(db, authorization), _text(body, "reason", 200), now())
        return {"status": state.status, "pause_reason": state.pause_reason}

    @router.post("/resume")
    def resume(authorization: str | None = Header(None)) -> dict[str, Any]:
        state = calling.resume(db, _clerk(db, authorization), now())
        return {"status": state.status}

    # supervisors (大厅监控)
    def supervisor(header: str | None) -> str:
        caller = auth.authenticate(db, header)
        if caller.claims.role not in SUPERVISOR_ROLES:
            raise QueueError(403, "role", "only supervisors see the hall monitor")
        return caller.claims.username

    feed = MonitorFeed(db, now)

    @router.get("/monitor")
    def hall_monitor(authorization: str | None = Header(None)) -> JSONResponse:
        supervisor(authorization)
        return JSONResponse(feed.picture())  # plain JSON already: no re-encoding

    @router.get("/monitor/tickets")
    def monitor_tickets(
        status: str = Query("waiting", max_length=20),
        queue: str = Query("", max_length=10),
        number: str = Query("", max_length=8),
        authorization: str | None = Header(None),
    ) -> dict[str, Any]:
        supervisor(authorization)
        at = now()
        return {"tickets": [held_wire(t, at) for t in hall_tickets(db, at.date(), status, queue, number)]}

    @router.post("/tickets/{ticket_id}/{action}")
    def supervise(
        ticket_id: str,
        action: str,
        body: Annotated[dict[str, Any] | None, Body()] = None,
        authorization: str | None = Header(None),
    ) -> dict[str, Any]:
        who = supervisor(authorization)
        ticket = supervise_ticket(db, who, ticket_id, action, now(), _text(body or {}, "to_queue", 1) or None)
        feed.forget()
        return {"ticket": held_wire(ticket, now())}

    @router.post("/messages", status_code=201)
    def message(
        body: Annotated[dict[str, Any], Body()], authorization: str | None = Header(None)
    ) -> dict[str, Any]:
        who = supervisor(authorization)
        return {"id": send_message(db, who, _text(body, "window", 40), _text(body, "text", 500), now())}

    app.include_router(router)
