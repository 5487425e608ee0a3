"""This program's writers take turns: a clerk's save queued behind the sync thread's pages goes
next, instead of sleeping in SQLite's growing busy steps while the pages take the lock back."""

from __future__ import annotations

import threading
from pathlib import Path

from sqlalchemy import text

from counter_app.store.db import Database, open_database


def _write(db: Database, value: str) -> None:
    with db.sessions() as s, s.begin():
        s.execute(text("INSERT INTO notes (v) VALUES (:v)"), {"v": value})


def test_a_save_waits_for_one_page_not_for_the_whole_reload(tmp_path: Path) -> None:
    db = open_database(tmp_path / "c.sqlite")
    with db.sessions() as s, s.begin():
        s.execute(text("CREATE TABLE notes (n INTEGER PRIMARY KEY, v TEXT)"))
    stop, started = threading.Event(), threading.Event()
    pages = [0]

    def reload() -> None:  # page after page, each its own transaction, as fast as it can
        while not stop.is_set():
            with db.sessions() as s, s.begin():
                for _ in range(20):
                    s.execute(text("INSERT INTO notes (v) VALUES ('page')"))
            pages[0] += 1
            started.set()

    thread = threading.Thread(target=reload)
    thread.start()
    passed = []  # pages the reload committed while one save waited for the lock
    try:
        started.wait(10)
        for _ in range(201):
            before = pages[0]
            _write(db, "save")
            passed.append(pages[0] - before)
    finally:
        stop.set()
        thread.join()
    db.dispose()
    # the first save opens its own connection (its pragmas wait as SQLite makes them); then each
    # waits for the page held when it asked, and at most the one queued before it
    assert max(passed[1:]) <= 2, passed


def test_a_nested_write_on_the_same_thread_goes_on() -> None:
    from counter_app.store.db import WriterTurns

    turns = WriterTurns(patience=0.1)
    first = turns.enter()
    assert first is not None and turns.enter() == first  # the same thread: its turn goes on
    turns.leave(first)
    other: list[int | None] = []
    waiting = threading.Thread(target=lambda: other.append(turns.enter()))
    waiting.start()
    waiting.join()
    assert other == [None]  # still held once: the other thread went on without a turn
    turns.leave(first)
    later = threading.Thread(target=lambda: other.append(turns.enter()))
    later.start()
    later.join()
    assert other[1] is not None
