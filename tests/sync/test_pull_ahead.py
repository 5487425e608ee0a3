"""A pull of many pages fetches the next page while the cache writes the current one: pages are
still written in order, the server is asked by one thread at a time, and a page that fails to be
written loses nothing (the next round starts from the last page written)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.exc import OperationalError

from tests.servers import ServerProcess
from tests.sync_helpers import WindowClient, window_client

PAGE = 2  # rows a page, so seven cases take several pages


class Watched:
    """The window's real client and cache, watched: who calls the server, and which pages land."""

    def __init__(self, window: WindowClient) -> None:
        self.in_flight = 0
        self.most_in_flight = 0
        self.threads: set[str] = set()
        self.applied: list[str] = []
        self.fail_on_page: int | None = None
        self._lock = threading.Lock()
        client, store = window.engine.client, window.store
        call, pull, apply_page = client.call, client.pull, store.apply_page

        def watched_call(*args: Any, **kwargs: Any) -> dict[str, Any]:
            with self._lock:
                self.in_flight += 1
                self.most_in_flight = max(self.most_in_flight, self.in_flight)
                self.threads.add(threading.current_thread().name.split("_")[0])
            try:
                return call(*args, **kwargs)
            finally:
                with self._lock:
                    self.in_flight -= 1

        def watched_apply(changes: list[dict[str, Any]], cursor: str) -> Any:
            if self.fail_on_page is not None and len(self.applied) == self.fail_on_page:
                self.fail_on_page = None
                raise OperationalError("UPDATE cases", {}, Exception("database is locked"))
            touched = apply_page(changes, cursor)
            self.applied.append(cursor)
            return touched

        client.call = watched_call  # type: ignore[method-assign]
        client.pull = partial(pull, limit=PAGE)  # type: ignore[method-assign]
        store.apply_page = watched_apply  # type: ignore[method-assign]


def _cursor_key(cursor: str) -> tuple[int, int]:
    tx, _, row = cursor.partition(":")
    return int(tx), int(row)


@pytest.fixture
def behind(
    hall: ServerProcess, hall_db: str, tmp_path: Path
) -> Iterator[tuple[WindowClient, list[str], Watched]]:
    """Window W02, synced, then seven cases made at W01: the next pull takes several pages."""
    two = window_client(tmp_path / "w2", hall.url, hall_db, device="W02")
    one = window_client(tmp_path / "w1", hall.url, hall_db, device="W01")
    try:
        two.sync()
        one.sync()
        ids = [one.accept(f"翻页{n}").case.id for n in range(7)]
        assert one.sync().pushed == 7
        yield two, ids, Watched(two)
    finally:
        one.close()
        two.close()


def test_pages_land_in_order_while_the_next_is_fetched_ahead(
    behind: tuple[WindowClient, list[str], Watched],
) -> None:
    two, ids, watched = behind
    report = two.sync()
    assert report.error == ""
    assert all(two.ctx.cases.get(i) is not None for i in ids)
    assert len(watched.applied) >= 4  # seven cases and their notices' changes, two a page
    assert watched.applied == sorted(watched.applied, key=_cursor_key)
    assert two.store.get("cursor") == watched.applied[-1]
    assert "pull-ahead" in watched.threads  # pages after the first came from the fetch ahead
    assert watched.most_in_flight == 1  # never two requests at once on one client
    assert not [t for t in threading.enumerate() if t.name.startswith("pull-ahead")]


def test_a_page_that_cannot_be_written_loses_nothing(behind: tuple[WindowClient, list[str], Watched]) -> None:
    two, ids, watched = behind
    watched.fail_on_page = 1  # the second page: the first is written, its cursor kept
    failed = two.sync()
    assert failed.error != ""
    assert two.store.get("cursor") == watched.applied[0]
    assert not [t for t in threading.enumerate() if t.name.startswith("pull-ahead")]
    again = two.sync()
    assert again.error == ""
    assert all(two.ctx.cases.get(i) is not None for i in ids)
    assert watched.applied == sorted(watched.applied, key=_cursor_key)
    assert len(set(watched.applied)) == len(watched.applied)  # no page written twice
