"""A TCP proxy between a window and the hall server that cuts, delays and drops connections.

Each request takes the next fault from a queue (``pass`` when it is empty):
- ``pass``: forward both ways;
- ``refuse``: close at once, nothing forwarded;
- ``delay``: hold the request for ``delay_seconds`` before forwarding;
- ``drop_response``: forward the request, let the server answer (it has committed), then close
  the client's side without a byte of the answer;
- ``cut_response``: forward half of the answer, then close;
- ``hold``: forward the request, keep the answer back until ``release`` is set (the test kills
  the client meanwhile);
- ``on_request``: forward the request and call ``on_request`` at its first bytes (the test kills
  the server in the middle of the batch).
"""

from __future__ import annotations

import asyncio
import collections
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

FAULTS = ("pass", "refuse", "delay", "drop_response", "cut_response", "hold", "on_request")


@dataclass
class FaultProxy:
    target_port: int
    delay_seconds: float = 1.0
    port: int = 0
    injected: collections.Counter[str] = field(default_factory=collections.Counter)
    holding: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)
    on_request: Callable[[], None] | None = None

    def __post_init__(self) -> None:
        self._faults: collections.deque[str] = collections.deque()
        self._lock = threading.Lock()
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        self._ready.wait(10)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def schedule(self, *faults: str) -> None:
        with self._lock:
            for f in faults:
                assert f in FAULTS, f
                self._faults.append(f)

    def _next(self) -> str:
        with self._lock:
            return self._faults.popleft() if self._faults else "pass"

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        server = self._loop.run_until_complete(asyncio.start_server(self._handle, "127.0.0.1", self.port))
        self.port = server.sockets[0].getsockname()[1]
        self._ready.set()
        self._loop.run_forever()
        server.close()
        pending = asyncio.all_tasks(self._loop)
        for task in pending:
            task.cancel()
        self._loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
        self._loop.run_until_complete(server.wait_closed())
        self._loop.close()

    def close(self) -> None:
        self.release.set()
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(5)

    async def _handle(self, client_r: asyncio.StreamReader, client_w: asyncio.StreamWriter) -> None:
        """Faults apply per request: a kept-alive connection carries several, one after another."""
        try:
            server_r, server_w = await asyncio.open_connection("127.0.0.1", self.target_port)
        except OSError:
            client_w.close()
            return
        state = {"fault": "pass", "new_request": True}

        def close_both() -> None:
            client_w.close()
            server_w.close()

        async def upstream() -> None:
            try:
                while data := await client_r.read(65536):
                    if state["new_request"]:
                        state["new_request"] = False
                        fault = state["fault"] = self._next()
                        if fault != "pass":
                            self.injected[fault] += 1
                        if fault == "refuse":
                            close_both()
                            return
                        if fault == "delay":
                            await asyncio.sleep(self.delay_seconds)
                        if fault == "on_request" and self.on_request is not None:
                            server_w.write(data)
                            await server_w.drain()
                            threading.Thread(target=self.on_request, daemon=True).start()
                            continue
                    server_w.write(data)
                    await server_w.drain()
            except (ConnectionError, asyncio.CancelledError):
                pass
            finally:
                server_w.close()

        async def downstream() -> None:
            try:
                while data := await server_r.read(65536):
                    fault = state["fault"]
                    if fault == "drop_response":
                        return
                    if fault == "cut_response":
                        client_w.write(data[: max(1, len(data) // 2)])
                        await client_w.drain()
                        return
                    if fault == "hold":
                        self.holding.set()
                        await asyncio.get_running_loop().run_in_executor(None, self.release.wait, 60)
                    state["new_request"] = True
                    client_w.write(data)
                    await client_w.drain()
            except (ConnectionError, asyncio.CancelledError):
                pass
            finally:
                client_w.close()

        up = asyncio.ensure_future(upstream())
        await downstream()
        up.cancel()
