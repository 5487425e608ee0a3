"""``counter-app catalogue import`` and ``calendar import`` run by IT on files that are not what they
should be (GBK text, random bytes, a huge file, JSON that is not an object, JSON nested without
end): a clear paragraph naming the file and the reason, exit 2, no traceback, and the database
exactly as it was."""

from __future__ import annotations

import json
import os
import random
import sqlite3
from pathlib import Path

import pytest

from counter_app.services.context import DB_FILE
from counter_app.services.demo import demo_catalogue_path
from tests.test_cli import assert_clear_failure, run

DEMO = demo_catalogue_path().read_text(encoding="utf-8")
CALENDAR = {"format": "counter-app-calendar", "years": {"2031": {"holidays": ["2031-01-01"], "workdays": []}}}


def dump(data_dir: Path) -> list[str]:
    """Every row of the local database, as SQL text."""
    con = sqlite3.connect(data_dir / DB_FILE)
    try:
        return list(con.iterdump())
    finally:
        con.close()


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A data folder with the demo catalogue and a calendar year imported by the real commands."""
    home = tmp_path_factory.mktemp("home")
    system = home / "none.ini"
    data = home / "data"
    good_calendar = home / "calendar.json"
    good_calendar.write_text(json.dumps(CALENDAR), encoding="utf-8")
    for command, file in (("catalogue", demo_catalogue_path()), ("calendar", good_calendar)):
        done = run("--data-dir", str(data), command, "import", str(file), system_settings=system, home=home)
        assert done.returncode == 0, done.stderr
    return home, data


def _gbk(_what: str) -> bytes:
    return (
        DEMO.encode("gbk")
        if _what == "catalogue"
        else json.dumps(
            {**CALENDAR, "note": "国务院办公厅关于2031年部分节假日安排的通知"}, ensure_ascii=False
        ).encode("gbk")
    )


def _random(_what: str) -> bytes:
    return random.Random(13).randbytes(4096)


def _huge(what: str) -> bytes:
    """A valid file of its kind, padded past 20 MB: the size alone refuses it."""
    doc = json.loads(DEMO) if what == "catalogue" else dict(CALENDAR)
    doc["padding"] = "填" * (7 * 2**20)  # 3 bytes each in UTF-8: 21 MB
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")


def _list(what: str) -> bytes:
    return json.dumps([json.loads(DEMO) if what == "catalogue" else CALENDAR]).encode("utf-8")


def _deep(_what: str) -> bytes:
    return b"[" * 200_000 + b"]" * 200_000


@pytest.mark.parametrize("what", ["catalogue", "calendar"])
@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (_gbk, "not UTF-8 text"),
        (_random, "not UTF-8 text"),
        (_huge, "more than 20 MB"),
        (_list, "a list, not a"),
        (_deep, "nested too deeply"),
    ],
    ids=["gbk", "random-bytes", "over-20MB", "json-list", "deep-nesting"],
)
def test_a_file_that_is_not_utf8_json_is_refused_and_nothing_changes(
    imported: tuple[Path, Path], tmp_path: Path, what: str, make: object, reason: str
) -> None:
    home, data = imported
    before = dump(data)
    bad = tmp_path / f"{what}.json"
    assert callable(make)
    bad.write_bytes(make(what))
    result = run(
        "--data-dir", str(data), what, "import", str(bad), system_settings=home / "none.ini", home=home
    )
    assert_clear_failure(result, str(bad), reason, "nothing was changed")
    assert dump(data) == before


def test_a_utf8_file_with_a_byte_order_mark_is_read(imported: tuple[Path, Path], tmp_path: Path) -> None:
    """Notepad's "UTF-8" adds a byte order mark: still UTF-8, still taken."""
    home, data = imported
    good = tmp_path / "calendar.json"
    doc = {"format": "counter-app-calendar", "years": {"2032": {"holidays": ["2032-10-01"], "workdays": []}}}
    good.write_bytes(b"\xef\xbb\xbf" + json.dumps(doc).encode("utf-8"))
    result = run(
        "--data-dir", str(data), "calendar", "import", str(good), system_settings=home / "none.ini", home=home
    )
    assert result.returncode == 0, result.stderr
    assert any("2032-10-01" in line for line in dump(data))


def test_a_folder_given_as_the_file_is_refused(imported: tuple[Path, Path], tmp_path: Path) -> None:
    home, data = imported
    before = dump(data)
    result = run(
        "--data-dir",
        str(data),
        "catalogue",
        "import",
        str(tmp_path),
        system_settings=home / "none.ini",
        home=home,
    )
    assert_clear_failure(result, str(tmp_path), "nothing was changed")
    assert dump(data) == before
    assert os.path.isdir(tmp_path)
