"""An HTTP-aware fault proxy between the windows and the hall server, for ``benchmarks.fault_abuse``.

``tests/faults/proxy.py`` forwards bytes and takes one fault per request from a queue; this one
reads each HTTP/1.1 request and answer whole (Content-Length or chunked), so it can send a push
twice, hold it back and deliver it later, or kill the server in the middle of it. Each request
goes to the server on a connection of its own. Faults hit ``POST /api/v1/sync/push`` only, drawn
at random (``rate``) while ``enabled``, and are counted (``injected``) only when they took effect
(the server answered the push, the late one was delivered), not while the server is down:

- ``drop_answer``: forwarded, the server answers (it has committed), the window gets nothing;
- ``cut_answer``: half of the answer, then the connection closes;
- ``duplicate``: sent again once the server has answered it (the first answer goes back);
- ``duplicate_parallel``: sent on two connections at once (one answer goes back);
- ``late``: held back and the window's connection closed; the window retries and goes on with
  its later batches, and the held request reaches the server 0.5 to 6 s later (out of order);
- ``refuse``: the connection closes before anything is forwarded;
- ``server_kill`` (armed by the caller, one push): forwarded, then the server is SIGKILLed a few
  milliseconds later, in the middle of the batch or just after its commit.

What the server answers to the copies is checked: an op answered as new (``duplicate: false``)
twice is an ``anomaly``; a late push answered entirely as duplicates arrived after later pushes
had committed its ops (``late_after_commit``).
"""

from __future__ import annotations

import asyncio
import collections
import json
import random
import threading
import time
from collections.abc import Callable

PUSH_LINE = b"POST /api/v1/sync/push "
KINDS = ("drop_answer", "cut_answer", "duplicate", "duplicate_parallel", "late", "refuse")
WEIGHTS = (0.22, 0.12, 0.16, 0.16, 0.26, 0.08)
LIMIT = 64 * 1024 * 1024  # a snapshot answer can be large


class Message:
    """One HTTP message: its head as sent, its body decoded (for the chunked ones)."""

    def __init__(self, head: bytes, body: bytes, raw: bytes) -> None:
        self.head, self.body, self.raw = head, body, raw

    @property
    def status(self) -> int:
        try:
            return int(self.head.split(b" ", 2)[1])
        except (IndexError, ValueError):
            return 0

    @property
    def closes(self) -> bool:
        return b"\r\nconnection: close" in self.head.lower()


async def read_message(reader: asyncio.StreamReader, response: bool) -> Message | None:
    """The next message, or None at a clean end of the stream."""
    try:
        head = await reader.readuntil(b"\r\n\r\n")
    except asyncio.IncompleteReadError as exc:
        if exc.partial:
            raise
        return None
    headers = {}
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        headers[name.strip().lower()] = value.strip().lower()
    if b"content-length" in headers:
        body = await reader.readexactly(int(headers[b"content-length"]))
        return Message(head, body, head + body)
    if headers.get(b"transfer-encoding", b"").endswith(b"chunked"):
        raw, chunks = bytearray(), bytearray()
        while True:
            size_line = await reader.readuntil(b"\r\n")
            raw += size_line
            size = int(size_line.split(b";")[0], 16)
            chunk = await reader.readexactly(size + 2)
            raw += chunk
            chunks += chunk[:-2]
            if size == 0:
                return Message(head, bytes(chunks), head + bytes(raw))
    status = int(head.split(b" ", 2)[1]) if response else 0
    if not response or status in (204, 304) or 100 <= status < 200:
        return Message(head, b"", head)
    body = await reader.read()  # until the server closes
    return Message(head, body, head + body)


def _results(answer: Message | None) -> list[dict[str, object]] | None:
    if answer is None or answer.status != 200:
        return None
    try:
        results = json.loads(answer.body).get("results")
    except (ValueError, AttributeError):
        return None
    return results if isinstance(results, list) else None


class AbuseProxy:
    def __init__(self, target_port: int, rate: float, seed: int = 0) -> None:
        self.target_port, self.rate = target_port, rate
        self.rng = random.Random(seed)
        self.enabled = False
        self.server_up = True
        self.injected: collections.Counter[str] = collections.Counter()
        self.checks: collections.Counter[str] = collections.Counter()  # what the copies were answered
        self.requests: collections.Counter[str] = collections.Counter()
        self.on_kill: Callable[[], None] | None = None
        self._kill_armed = threading.Event()
        self._late: set[asyncio.Task[None]] = set()
        self.port = 0
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, name="abuse-proxy", daemon=True)
        self._thread.start()
        self._ready.wait(10)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def arm_server_kill(self) -> None:
        """The next push is forwarded and the server killed in the middle of it (``on_kill``)."""
        self._kill_armed.set()

    def disarm(self) -> None:
        self._kill_armed.clear()

    def late_pending(self) -> int:
        return len(self._late)

    def wait_idle(self, timeout: float = 60) -> bool:
        """Wait until every held-back request has been delivered (or given up)."""
        deadline = time.monotonic() + timeout
        while self._late and time.monotonic() < deadline:
            time.sleep(0.1)
        return not self._late

    def close(self) -> None:
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(5)

    # -- the loop ---------------------------------------------------------------------------------
    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        server = self._loop.run_until_complete(
            asyncio.start_server(self._handle, "127.0.0.1", 0, limit=LIMIT, backlog=512)
        )
        self.port = server.sockets[0].getsockname()[1]
        self._ready.set()
        self._loop.run_forever()
        server.close()
        pending = asyncio.all_tasks(self._loop)
        for task in pending:
            task.cancel()
        self._loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
        self._loop.close()

    def _choose(self, request: Message) -> str:
        if not request.head.startswith(PUSH_LINE):
            self.requests["other"] += 1
            return "pass"
        self.requests["push"] += 1
        if self._kill_armed.is_set():
            self._kill_armed.clear()
            return "server_kill"
        if not (self.enabled and self.server_up) or self.rng.random() >= self.rate:
            return "pass"
        return self.rng.choices(KINDS, WEIGHTS)[0]

    async def _exchange(self, request: Message, timeout: float = 90) -> Message | None:
        """The request on a connection of its own; the server's answer, or None."""
        try:
            reader, writer = await asyncio.open_connection("127.0.0.1", self.target_port, limit=LIMIT)
        except OSError:
            self.server_up = False  # being restarted: no faults until it answers again
            return None
        self.server_up = True
        try:
            writer.write(request.raw)
            await writer.drain()
            return await asyncio.wait_for(read_message(reader, response=True), timeout)
        except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, TimeoutError, ValueError):
            return None
        finally:
            writer.close()

    async def _handle(self, client_r: asyncio.StreamReader, client_w: asyncio.StreamWriter) -> None:
        try:
            while True:
                request = await read_message(client_r, response=False)
                if request is None:
                    break
                fault = self._choose(request)
                if not await self._serve(fault, request, client_w):
                    break
        except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError):
            pass
        finally:
            client_w.close()

    async def _serve(self, fault: str, request: Message, client_w: asyncio.StreamWriter) -> bool:
        """One request under *fault*; False: close the window's connection."""
        if fault == "refuse":
            self.injected[fault] += 1
            return False
        if fault == "late":
            task = asyncio.ensure_future(self._deliver_late(request))
            self._late.add(task)
            task.add_done_callback(self._late.discard)
            await asyncio.sleep(self.rng.uniform(0.02, 0.3))
            return False
        if fault == "server_kill":
            self._loop.call_later(self.rng.uniform(0.0, 0.03), self._kill)
        if fault == "duplicate_parallel":
            answer, copy = await asyncio.gather(self._exchange(request), self._exchange(request))
            self._compare(answer, copy, fault)
            answer = answer or copy
        else:
            answer = await self._exchange(request)
        if fault == "duplicate":
            self._compare(answer, await self._exchange(request), fault)
        if answer is None:  # the server is down (being restarted): no fault of ours
            return False
        if fault in ("drop_answer", "cut_answer"):
            self.injected[fault] += 1
        if fault == "drop_answer":
            return False
        if fault == "cut_answer":
            client_w.write(answer.raw[: max(1, len(answer.raw) // 2)])
            await client_w.drain()
            return False
        client_w.write(answer.raw)
        await client_w.drain()
        return not answer.closes

    def _kill(self) -> None:
        if self.on_kill is not None:
            self.on_kill()

    def _compare(self, first: Message | None, second: Message | None, fault: str) -> None:
        """Both answers of a push sent twice; counted as a fault only when the server answered both."""
        a, b = _results(first), _results(second)
        if a is None or b is None:
            return
        self.injected[fault] += 1
        fresh_a = {r.get("op_id") for r in a if not r.get("duplicate")}
        fresh_b = {r.get("op_id") for r in b if not r.get("duplicate")}
        if fresh_a & fresh_b:
            self.checks["anomaly_applied_twice"] += len(fresh_a & fresh_b)
        if {r.get("op_id") for r in a} != {r.get("op_id") for r in b}:
            self.checks["anomaly_different_answers"] += 1

    async def _deliver_late(self, request: Message) -> None:
        await asyncio.sleep(self.rng.uniform(0.5, 6.0))
        answer = await self._exchange(request)
        results = _results(answer)
        if answer is None:
            self.checks["late_undelivered"] += 1  # the server was down: lost on the way
            return
        self.injected["late"] += 1
        if results is None:
            self.checks[f"late_answered_{answer.status}"] += 1
        elif all(r.get("duplicate") for r in results):
            self.checks["late_after_commit"] += 1  # its ops were committed by later pushes
        else:
            self.checks["late_first"] += 1  # it came first after all: the retry got duplicates
