"""Fill a data folder with N realistic local cases (default 1,000,000) for the search benchmarks.

    .venv/bin/python -m benchmarks.generate_cases benchmarks/data/1m [N]

Rows go straight into the real schema (made by the real migrations) in large transactions: a
realistic mix of items, states, names, ID numbers, phones, dates over three years, and a
one-time notice for every tenth case.
"""

from __future__ import annotations

import json
import random
import sys
import time
import uuid
from datetime import datetime, timedelta
from pathlib import Path

from benchmarks.common import demo_context
from counter_app.domain.canonical_json import snapshot_key
from counter_app.services.demo import resident_id

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬建国志强海燕小红春梅晓东文博子轩梓涵一诺浩然欣怡宇航思远雨桐"
BATCH = 20_000


def name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def main(folder: Path, count: int) -> None:
    ctx = demo_context(folder)
    items = list(ctx.catalogue.items)
    rng = random.Random(20261123)
    start = datetime(2024, 1, 2, 8, 30)
    t0 = time.perf_counter()
    snapshots = {i.code: {"code": i.code, "version": i.version} for i in items}
    snapshot_cache = {code: snapshot_key(snapshot) for code, snapshot in snapshots.items()}
    raw = ctx.db.engine.raw_connection()
    try:
        cur = raw.cursor()
        cur.execute("PRAGMA synchronous=OFF")  # generation only; the client always runs FULL
        cur.executemany(
            "INSERT OR IGNORE INTO item_snapshots (key, data) VALUES (?, ?)",
            [(snapshot_cache[code], json.dumps(snapshot)) for code, snapshot in snapshots.items()],
        )
        seq: dict[str, int] = {}
        for base in range(0, count, BATCH):
            cases, notices = [], []
            for n in range(base, min(count, base + BATCH)):
                item = items[n % len(items)]
                created = start + timedelta(seconds=n * 90 * 1_000_000 // max(count, 1) + rng.randint(0, 60))
                day = created.strftime("%Y%m%d")
                seq[day] = seq.get(day, 0) + 1
                state = rng.choices(("accepted", "completed", "notified", "refused"), (50, 35, 10, 5))[0]
                number = None if state == "notified" else f"330100W01{day}{seq[day]:05d}"
                who = name(rng)
                id_number = resident_id(
                    f"3301{rng.randint(1, 9):02d}{rng.randint(1950, 2005)}0{rng.randint(1, 9)}{rng.randint(10, 28)}{rng.randint(100, 999)}"
                )
                phone = f"1{rng.choice('3589')}{rng.randint(0, 999999999):09d}"
                case_id = str(uuid.UUID(int=rng.getrandbits(128)))
                stamp = created.isoformat(sep=" ")
                applicant = json.dumps(
                    {
                        "kind": "person",
                        "name": who,
                        "id_type": "resident_id",
                        "id_number": id_number,
                        "phone": phone,
                        "address": "",
                    },
                    ensure_ascii=False,
                )
                cases.append(
                    (
                        case_id,
                        number,
                        state,
                        item.code,
                        item.version,
                        item.name,
                        item.item_class.value,
                        item.department,
                        snapshot_cache[item.code],
                        "window",
                        applicant,
                        who,
                        id_number,
                        phone,
                        "[]",
                        "A01",
                        "W01",
                        "张敏",
                        stamp,
                        stamp,
                        created.date().isoformat(),
                        0,
                    )
                )
                if state == "notified" or n % 10 == 0:
                    notices.append(
                        (
                            str(uuid.uuid4()),
                            f"GZ330100W01{day}{seq[day]:05d}",
                            case_id,
                            "one_time",
                            stamp,
                            "{}",
                            0,
                        )
                    )
            cur.executemany(
                "INSERT INTO cases (id, case_number, state, item_code, item_version, item_name, item_class,"
                " department, item_snapshot_key, service_mode, applicant, applicant_name, applicant_id_number,"
                " applicant_phone, materials, window_code, device_code, clerk, created_at, updated_at,"
                " accepted_on, deadline_provisional) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                cases,
            )
            cur.executemany(
                "INSERT INTO notices (id, number, case_id, kind, created_at, payload, print_count)"
                " VALUES (?,?,?,?,?,?,?)",
                notices,
            )
            raw.commit()
            print(f"\r{min(count, base + BATCH):,} cases", end="", flush=True)
        cur.execute("ANALYZE")
        raw.commit()
    finally:
        raw.close()
        ctx.close()
    size = (folder / "counter.sqlite").stat().st_size / 1e6
    print(f"\n{count:,} cases in {time.perf_counter() - t0:.0f} s, database {size:.0f} MB: {folder}")


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000)
