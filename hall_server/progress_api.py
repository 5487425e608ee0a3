"""``POST /api/v1/progress``: the public progress query behind ``/progress`` and the kiosk's
办件查询 (no sign-in; limits per client address and per case number, every query kept; a limit
reached is the public routes' one 429, answered by the queue routes' handler).

A plain Starlette endpoint, the body read by hand, like the windows' pull: the public route a
whole city may call at once spends its time on the query, not on request models (benchmarks/
progress_page.py)."""

from __future__ import annotations

import json

import anyio
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response

from counter_app.sync.wire import API_PREFIX
from hall_server.config import ServerConfig
from hall_server.db import ServerDatabase
from hall_server.progress import BadQuery, ProgressLimits, query_progress
from hall_server.queue.kiosk_limits import client_key

NOT_A_FORM = "请求格式不正确：请在查询页面输入办件编号和证件号码后四位。"


def add_progress_routes(app: FastAPI, db: ServerDatabase, cfg: ServerConfig) -> None:
    limits = ProgressLimits.of(cfg)

    @app.exception_handler(BadQuery)
    async def _bad(_r: Request, exc: BadQuery) -> JSONResponse:
        return JSONResponse({"error": "bad_query", "message": str(exc)}, status_code=422)

    async def progress(request: Request) -> Response:
        address = client_key(request.client.host if request.client else None)
        try:
            body = json.loads(await request.body())
        except ValueError:
            raise BadQuery(NOT_A_FORM) from None
        if not isinstance(body, dict):
            raise BadQuery(NOT_A_FORM)
        number, tail = body.get("number"), body.get("tail")
        answer = await anyio.to_thread.run_sync(lambda: query_progress(db, number, tail, address, limits))
        return Response(json.dumps(answer, ensure_ascii=False), media_type="application/json")

    app.add_route(API_PREFIX + "/progress", progress, methods=["POST"])
