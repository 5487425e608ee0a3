"""Cases written straight into a cache file, as many as a test needs (no services, no outbox)."""

from __future__ import annotations

import random
import sqlite3
from contextlib import closing
from datetime import datetime, timedelta
from pathlib import Path

from counter_app.domain.canonical_json import snapshot_key

ITEMS = (
    "居民身份证换领",
    "居民身份证补领",
    "居住证签注",
    "临时居民身份证申领",
    "不动产首次登记",
    "不动产转移登记",
    "不动产抵押登记（首次登记）",
    "建设工程规划许可",
)
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚华玉萍红"


def insert_cases(path: Path, count: int, *, seed: int = 7) -> None:
    """*count* cases, one a minute: a third of the applicants named 张, the items above, and a
    one-time notice for every tenth case."""
    rng = random.Random(seed)
    start = datetime(2025, 11, 1, 8, 30)
    cases, notices = [], []
    for n in range(count):
        surname = "张" if rng.random() < 0.34 else rng.choice("王李刘陈杨居建")
        name = surname + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))
        # one case in five shares its minute with two others: ties have an order too
        created = start + timedelta(minutes=n - n % 3 if n % 15 < 3 else n)
        stamp = created.isoformat(sep=" ", timespec="microseconds")
        case_id = f"case-{n:05d}"
        cases.append(
            (
                case_id,
                f"330100W01{created:%Y%m%d}{n:05d}",
                rng.choice(ITEMS),
                name,
                f"33010619800101{n:04d}",
                f"138{n:08d}",
                stamp,
            )
        )
        if n % 10 == 0:
            notices.append((f"notice-{n}", f"GZ330100W01{created:%Y%m%d}{n:05d}", case_id, stamp))
    rng.shuffle(cases)  # stored in no particular order of date
    with closing(sqlite3.connect(path)) as con, con:
        # before migration 0009 a case carried its item snapshot; since, it refers to a stored one
        by_key = "item_snapshot_key" in {r[1] for r in con.execute("PRAGMA table_info(cases)")}
        snapshot = snapshot_key({}) if by_key else "{}"
        if by_key:
            con.execute("INSERT OR IGNORE INTO item_snapshots (key, data) VALUES (?, '{}')", (snapshot,))
        con.executemany(
            "INSERT INTO cases (id, case_number, state, item_code, item_version, item_name, item_class,"
            f" department, {'item_snapshot_key' if by_key else 'item_snapshot'}, service_mode, applicant,"
            " applicant_name, applicant_id_number, applicant_phone, materials, window_code, device_code,"
            " clerk, created_at, updated_at, deadline_provisional) VALUES (?, ?, 'accepted',"
            " '000104001000', 1, ?, 'promised', 'GA', ?, 'window', '{}', ?, ?, ?, '[]', 'A01', 'W01',"
            " '测试员', ?, ?, 0)",
            [(*c[:3], snapshot, *c[3:], c[-1]) for c in cases],
        )
        con.executemany(
            "INSERT INTO notices (id, number, case_id, kind, created_at, payload, print_count)"
            " VALUES (?, ?, ?, 'one_time', ?, '{}', 0)",
            notices,
        )
    con.close()


def newest_matching(path: Path, prefix: str, limit: int) -> list[str]:
    """The straightforward answer: every case read, filtered and sorted in Python."""
    with closing(sqlite3.connect(path)) as con, con:
        rows = con.execute("SELECT created_at, rowid, id, applicant_name, item_name FROM cases").fetchall()
    con.close()
    matching = [r for r in rows if r[3].startswith(prefix) or r[4].startswith(prefix)]
    return [r[2] for r in sorted(matching, reverse=True)[:limit]]
