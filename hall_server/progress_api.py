"""``POST /api/v1/progress``: the public progress query behind ``/progress`` and the kiosk's
办件查询 (no sign-in; limits per client address and per case number, every query kept; a limit
reached is the public routes' one 429, answered by the queue routes' handler)."""

from __future__ import annotations

from typing import Annotated, Any

import anyio
from fastapi import Body, FastAPI, Request
from fastapi.responses import JSONResponse

from counter_app.sync.wire import API_PREFIX
from hall_server.config import ServerConfig
from hall_server.db import ServerDatabase
from hall_server.progress import BadQuery, ProgressLimits, query_progress
from hall_server.queue.kiosk_limits import client_key


def add_progress_routes(app: FastAPI, db: ServerDatabase, cfg: ServerConfig) -> None:
    limits = ProgressLimits.of(cfg)

    @app.exception_handler(BadQuery)
    async def _bad(_r: Request, exc: BadQuery) -> JSONResponse:
        return JSONResponse({"error": "bad_query", "message": str(exc)}, status_code=422)

    @app.post(API_PREFIX + "/progress", include_in_schema=True)
    async def progress(request: Request, body: Annotated[dict[str, Any], Body()]) -> dict[str, Any]:
        address = client_key(request.client.host if request.client else None)
        number, tail = body.get("number"), body.get("tail")
        return await anyio.to_thread.run_sync(lambda: query_progress(db, number, tail, address, limits))
