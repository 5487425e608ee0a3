"""What no request may carry, checked once for every route before the app sees it.

- a body over ``max_body_bytes``: 413 ``too_large`` (with or without Content-Length);
- text with a lone surrogate (PostgreSQL and SQLite cannot store it: a 500 before), NUL (PostgreSQL
  refuses it, SQLite stores it) or another control character, anywhere in a JSON body (keys too),
  in the query string or in the path: 422 ``invalid_request``. Tab, line feed and carriage return
  pass (free text); what each field allows beyond that is the route's own check;
- a query string or path that is not UTF-8 once its %-escapes are decoded: 422 ``invalid_request``.

A JSON body holds such characters only as escapes (``\\u0000``, ``\\b``, ``\\f``: raw control bytes
are not JSON), as the three UTF-8 bytes of a surrogate (which Python's ``json`` decodes), or in a
UTF-16 or UTF-32 body (which ``json`` detects; such a body has NUL bytes). So the raw bytes are
searched for those first (``needs_walk``) and only a body that shows one is parsed and walked: a
window's push of a few MB costs a search or two at memory speed. The search is exact about escapes
(``\\u00d7``, a "×" in a catalogue's photo size, is not a control), so an ordinary push is never
parsed twice.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import unquote_to_bytes

from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# in the raw body: a short escape \b or \f, an escaped C0 control ("\u00d7" is a "×") or
# surrogate (one regular expression: its literal first byte makes it search at memory speed in a
# window's UTF-8 body, which has few backslashes); a NUL byte (UTF-16 and UTF-32 bodies); ED
# followed by A0-BF (a surrogate in UTF-8). A preceding escaped backslash only makes a false alarm,
# which the walk then clears.
_ESCAPES = re.compile(rb"\\(?:[bf]|u(?:00[01]|[dD][89a-fA-F]))")
_UTF8_SURROGATE = re.compile(rb"\xed[\xa0-\xbf]")
# in decoded text: C0 controls but tab, line feed and carriage return; any lone surrogate
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")
PROBLEM = "text may not hold NUL, control characters (but tab and line breaks) or lone surrogates"


def _error(status: int, code: str, message: str, **detail: Any) -> JSONResponse:
    return JSONResponse({"error": code, "message": message, **detail}, status_code=status)


def _invalid(where: str, problem: str = PROBLEM) -> JSONResponse:
    return _error(
        422,
        "invalid_request",
        f"the request does not match the API: {problem} ({where})",
        problems=[{"where": where, "problem": problem}],
    )


def forbidden_text_at(value: Any) -> str | None:
    """The path (``ops.0.payload.question``) of the first string, or key, in a parsed JSON value
    that holds a forbidden character; None when there is none."""
    stack: list[tuple[str, Any]] = [("", value)]
    while stack:
        where, item = stack.pop()
        if isinstance(item, str):
            if _FORBIDDEN.search(item):
                return where or "."
        elif isinstance(item, dict):
            for key, child in item.items():
                name = f"{where}.{key}" if where else str(key)
                if _FORBIDDEN.search(key):
                    return name.encode("utf-8", "backslashreplace").decode("ascii", "backslashreplace")
                stack.append((name, child))
        elif isinstance(item, list):
            stack.extend((f"{where}.{n}" if where else str(n), child) for n, child in enumerate(item))
    return None


def needs_walk(body: bytes) -> bool:
    """Whether a raw JSON body may hold forbidden text (module docstring): only then is it parsed."""
    if b"\x00" in body or _ESCAPES.search(body):
        return True
    return b"\xed" in body and _UTF8_SURROGATE.search(body) is not None


def _url_problem(raw: bytes, part: str) -> JSONResponse | None:
    try:
        decoded = unquote_to_bytes(raw).decode("utf-8")
    except UnicodeDecodeError:
        return _invalid(part, "not UTF-8 once its %-escapes are decoded")
    if _FORBIDDEN.search(decoded):
        return _invalid(part)
    return None


class InputGuard:
    """ASGI middleware: the body limit and the text check above, in front of the whole app."""

    def __init__(self, app: ASGIApp, max_body_bytes: int) -> None:
        self.app, self.limit = app, max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("raw_path") or scope["path"].encode("utf-8", "surrogateescape")
        refused = _url_problem(path, "path") or _url_problem(scope.get("query_string", b""), "query")
        if refused is not None:
            await refused(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await self._too_large(scope, receive, send)
            return
        chunks: list[bytes] = []
        seen, more = 0, True
        while more:
            message = await receive()
            if message["type"] != "http.request":  # the client went away: nothing to answer
                return
            chunk = message.get("body", b"")
            seen += len(chunk)
            if seen > self.limit:
                await self._too_large(scope, receive, send)
                return
            chunks.append(chunk)
            more = message.get("more_body", False)
        body = b"".join(chunks)
        if needs_walk(body):
            try:
                parsed = json.loads(body)
            except ValueError:  # not JSON: the route refuses it in its own words
                parsed = None
            where = forbidden_text_at(parsed)
            if where is not None:
                await _invalid("body." + where if where != "." else "body")(scope, receive, send)
                return
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _too_large(self, scope: Scope, receive: Receive, send: Send) -> None:
        await _error(413, "too_large", f"request body over {self.limit} bytes")(scope, receive, send)
