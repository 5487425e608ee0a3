"""The hall server's HTTP API (FastAPI). Stateless: everything lives in the database."""

from __future__ import annotations

import gc
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import anyio
from fastapi import FastAPI, Header, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from sqlalchemy.exc import DBAPIError, OperationalError

from counter_app.sync.wire import (
    API_PREFIX,
    CLIENT_TOO_OLD,
    CURSOR_TOO_OLD,
    SCHEMA_VERSION,
    SNAPSHOTS_BY_KEY,
)
from hall_server import auth
from hall_server.changes import CursorTooOld, utcnow
from hall_server.config import ServerConfig
from hall_server.db import ServerDatabase, open_server_database
from hall_server.input_guard import InputGuard
from hall_server.progress_api import add_progress_routes
from hall_server.push import PushRefused, push
from hall_server.queue.api import add_queue_routes
from hall_server.reports.api import add_report_routes
from hall_server.request_bodies import BadBody, parsed, problems, request_body_schema
from hall_server.schemas import (
    MAX_BIGINT,
    CasesRequest,
    EnrollRequest,
    LoginRequest,
    PushRequest,
    RefreshRequest,
)
from hall_server.snapshot import cases, pull, snapshot
from hall_server.users_api import add_user_routes
from hall_server.web import mount_pages

WHOLE = re.compile(r"^[0-9]{1,19}$")  # ASCII digits only: int() takes "١٢" and refuses "²"
CURSOR = re.compile(r"^([0-9]{1,19}):([0-9]{1,19})$")


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, **detail: Any) -> None:
        super().__init__(message)
        self.status, self.code, self.detail = status, code, detail


def _error(status: int, code: str, message: str, **detail: Any) -> JSONResponse:
    return JSONResponse({"error": code, "message": message, **detail}, status_code=status)


def _whole_number(raw: str, name: str, low: int, high: int) -> int:
    if not WHOLE.match(raw) or not low <= int(raw) <= high:
        raise ApiError(422, "invalid_request", f"{name} must be a whole number from {low} to {high}")
    return int(raw)


def _cursor(raw: str) -> str:
    """``tx:id``, each a whole number the database can hold (64 bits), or 400 ``bad_cursor``."""
    match = CURSOR.match(raw)
    if match is None or max(int(match[1]), int(match[2])) > MAX_BIGINT:
        raise ApiError(400, "bad_cursor", f"not a cursor: {raw[:50]!r}")
    return raw


def check_schema(client_schema: int, cfg: ServerConfig) -> None:
    if client_schema < cfg.min_client_schema:
        raise ApiError(
            426,
            CLIENT_TOO_OLD,
            "this counter client is too old for the hall server: its work stays queued until it is upgraded",
            server_schema=SCHEMA_VERSION,
            min_client_schema=cfg.min_client_schema,
        )
    if client_schema > SCHEMA_VERSION:
        raise ApiError(409, "server_too_old", "the hall server is older than this client: upgrade the server")


def create_app(cfg: ServerConfig, db: ServerDatabase | None = None) -> FastAPI:
    database = db or open_server_database(cfg.database_url)
    database.timezone = cfg.timezone  # times sent with an offset are put on the hall's clock

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        _tune_threads(cfg.threads)
        # the start-up heap (modules, mappers, compiled queries: ~120,000 objects) lives as long as
        # the process: out of the collector's sight, a full collection no longer stops every
        # thread for 60-80 ms a few times a minute
        gc.collect()
        gc.freeze()
        yield

    docs = bool(cfg.api_docs)  # a map of the API for whoever asks: the demo hall, or on request
    app = FastAPI(
        title="Hall server 政务服务中心大厅服务器",
        version=str(SCHEMA_VERSION),
        lifespan=lifespan,
        docs_url="/docs" if docs else None,
        redoc_url="/redoc" if docs else None,
        openapi_url="/openapi.json" if docs else None,
    )

    @app.exception_handler(ApiError)
    async def _api_error(_r: Request, exc: ApiError) -> JSONResponse:
        return _error(exc.status, exc.code, str(exc), **exc.detail)

    @app.exception_handler(auth.AuthError)
    async def _auth_error(_r: Request, exc: auth.AuthError) -> JSONResponse:
        return _error(exc.status, exc.code, str(exc), **exc.detail)

    @app.exception_handler(BadBody)
    async def _bad_body(_r: Request, exc: BadBody) -> JSONResponse:
        return _error(422, "invalid_request", str(exc), problems=exc.problems)

    @app.exception_handler(PushRefused)
    async def _push_refused(_r: Request, exc: PushRefused) -> JSONResponse:
        return _error(exc.status, exc.code, str(exc), **exc.detail)

    @app.exception_handler(DBAPIError)
    async def _database_away(_r: Request, exc: DBAPIError) -> JSONResponse:
        # a lost connection (database restarted) drops the whole pool: the next request reconnects
        if exc.connection_invalidated or isinstance(exc, OperationalError):
            return _error(503, "database_unavailable", "the hall database is not answering: retry shortly")
        raise exc

    @app.exception_handler(RequestValidationError)
    async def _invalid(_r: Request, exc: RequestValidationError) -> JSONResponse:
        return _error(
            422, "invalid_request", "the request does not match the API", problems=problems(exc.errors())
        )

    @app.get(API_PREFIX + "/hello")
    def hello() -> dict[str, Any]:
        return {
            "server_time": utcnow().isoformat() + "Z",
            "schema_version": SCHEMA_VERSION,
            "min_client_schema": cfg.min_client_schema,
            "push_item_snapshots": SNAPSHOTS_BY_KEY,  # a push may carry each snapshot once
        }

    @app.post(API_PREFIX + "/enroll")
    def enroll(body: EnrollRequest, request: Request) -> dict[str, Any]:
        return auth.enroll(database, cfg, body, request.client.host if request.client else "")

    @app.post(API_PREFIX + "/login")
    def login(body: LoginRequest) -> dict[str, Any]:
        return auth.login(database, cfg, body)

    @app.post(API_PREFIX + "/refresh")
    def refresh(body: RefreshRequest) -> dict[str, Any]:
        return auth.refresh(database, cfg, body)

    @app.post(API_PREFIX + "/sync/push", openapi_extra=request_body_schema(PushRequest))
    async def sync_push(request: Request) -> Response:
        """A window's batch: parsed and checked in one pass by pydantic's JSON parser (a batch of
        200 accepts is ~1 MB), then applied on a worker thread."""
        raw = await request.body()
        return await anyio.to_thread.run_sync(_sync_push, raw, request.headers.get("authorization"))

    def _sync_push(raw: bytes, authorization: str | None) -> Response:
        body = parsed(PushRequest, raw)
        caller = auth.authenticate(database, authorization, push=True)  # push re-reads device and user
        check_schema(body.schema_version, cfg)
        if len(body.ops) > cfg.max_batch_ops:
            raise ApiError(413, "batch_too_large", f"at most {cfg.max_batch_ops} ops per push")
        answer = push(database, caller.claims, body)
        answer["server_time"] = utcnow().isoformat() + "Z"
        return JSONResponse(answer)

    pulls = anyio.CapacityLimiter(cfg.threads)

    async def sync_pull(request: Request) -> Response:
        """Pulls run on threads of their own: a push waiting for its commit never holds one up."""
        return await anyio.to_thread.run_sync(_sync_pull, request, limiter=pulls)

    def _sync_pull(request: Request) -> Response:
        """The hottest route (every window, every few seconds): a plain Starlette endpoint,
        parameters checked by hand, the page spliced from stored JSON."""
        q = request.query_params
        cursor = _cursor(q.get("cursor", ""))
        limit = _whole_number(q.get("limit", "0"), "limit", 0, 10000)
        schema_version = _whole_number(q.get("schema_version", ""), "schema_version", 1, 1000)
        by_key = q.get("item_snapshots") == SNAPSHOTS_BY_KEY  # windows before it get each case whole
        try:
            with database.reader.connect() as conn:  # one checkout: the caller's standing, the page
                caller = auth.authenticate(database, request.headers.get("authorization"), conn=conn)
                check_schema(schema_version, cfg)
                body = pull(database, conn, caller.device, cursor, limit or cfg.pull_page_size, by_key=by_key)
        except ValueError:
            raise ApiError(400, "bad_cursor", f"not a cursor: {cursor[:50]!r}") from None
        except CursorTooOld:
            raise ApiError(
                410, CURSOR_TOO_OLD, "the change log no longer reaches this cursor: reload"
            ) from None
        return Response(body, media_type="application/json")

    app.add_route(API_PREFIX + "/sync/pull", sync_pull, methods=["GET"])

    @app.post(API_PREFIX + "/sync/cases")
    def sync_cases(body: CasesRequest, authorization: str | None = Header(None)) -> dict[str, Any]:
        caller = auth.authenticate(database, authorization)
        return {"cases": cases(database, caller.device, body.ids)}

    @app.get(API_PREFIX + "/sync/snapshot")
    def sync_snapshot(
        schema_version: int = Query(ge=1, le=1000), authorization: str | None = Header(None)
    ) -> dict[str, Any]:
        caller = auth.authenticate(database, authorization)
        check_schema(schema_version, cfg)
        return snapshot(database, caller.device)

    add_queue_routes(app, database, cfg)
    add_user_routes(app, database)
    add_report_routes(app, database, cfg)
    add_progress_routes(app, database, cfg)
    mount_pages(app)
    return InputGuard(app, cfg.max_body_bytes)  # type: ignore[return-value]


def _tune_threads(limit: int) -> None:
    """Sync endpoints run on anyio's thread pool; fewer threads contend less for the GIL."""
    import anyio.to_thread

    anyio.to_thread.current_default_thread_limiter().total_tokens = limit


def app_from_environment() -> FastAPI:
    """The app as ``hall-server serve`` starts it in each worker process."""
    from hall_server.config import load_config

    return create_app(load_config())
