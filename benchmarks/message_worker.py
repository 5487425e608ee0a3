"""The text-message worker draining its outbox through a hall's gateway on loopback, beside its
floor measured in the same run:

- worker: MESSAGES queued messages (one per case, laid down in the database), sent by
  ``MessageWorker.run_once`` through the HTTP gateway provider (tests/hall_server/sms_gateway.py,
  a process of its own): each attempt leased and committed before it leaves, each outcome recorded
  on the message and on its case (timeline event, lifecycle entry, change for the windows);
- floor: the same number of requests to the same gateway, the same body, from the same number of
  threads, with nothing recorded anywhere.

.venv/bin/python -m benchmarks.message_worker [messages] [postgresql|sqlite]
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests
from sqlalchemy import func, insert, select

from benchmarks.progress_page import _cases, lay_down
from benchmarks.sync_common import hall
from hall_server.changes import utcnow
from hall_server.db import open_server_database
from hall_server.messages.config import MessagesConfig
from hall_server.messages.models import MessageRow
from hall_server.messages.worker import SENDERS, MessageWorker
from hall_server.models import CaseRow
from tests.servers import free_port


def queue_messages(url: str) -> int:
    db = open_server_database(url)
    now = utcnow()
    try:
        with db.sessions() as s, s.begin():
            ids = list(s.scalars(select(CaseRow.id)))
            rows = [
                {
                    "id": str(uuid.uuid4()),
                    "event_key": f"bench:{case_id}:accepted",
                    "event": "accepted",
                    "case_id": case_id,
                    "phone": "13800138000",
                    "params": {
                        "case_number": "330100W012026120100001",
                        "item": "居民身份证换领",
                        "promised_due": "2026年12月30日",
                    },
                    "state": "queued",
                    "attempts": 0,
                    "created_at": now,
                    "next_at": now,
                }
                for case_id in ids
            ]
            for start in range(0, len(rows), 5000):
                s.execute(insert(MessageRow), rows[start : start + 5000])
        return len(ids)
    finally:
        db.dispose()


def floor(gateway: str, count: int) -> float:
    body = {"mobile": "13800138000", "content": "您申请的居民身份证换领已受理" * 3, "id": ""}
    sessions = [requests.Session() for _ in range(SENDERS)]

    def send(n: int) -> None:
        answer = sessions[n % SENDERS].post(gateway + "/send", json=body | {"id": str(n)}, timeout=10)
        assert answer.json()["code"] == 0

    started = time.perf_counter()
    with ThreadPoolExecutor(SENDERS) as pool:
        list(pool.map(send, range(count)))
    return time.perf_counter() - started


def main(count: int, engine: str) -> None:
    with tempfile.TemporaryDirectory() as tmp, hall(Path(tmp), engine) as (_server, url):
        lay_down(url, _cases(count))
        queued = queue_messages(url)
        port = free_port()
        record = Path(tmp) / "gateway.jsonl"
        gateway = subprocess.Popen(
            [sys.executable, "-m", "tests.hall_server.sms_gateway", str(port), str(record)],
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            assert gateway.stdout is not None and gateway.stdout.readline().strip() == "ready"
            base = f"http://127.0.0.1:{port}"
            config = MessagesConfig(provider="http", http_url=base + "/send", http_success="code=0").check()
            db = open_server_database(url)
            worker = MessageWorker(db, config)
            started = time.perf_counter()
            worker.run_once()
            drained = time.perf_counter() - started
            with db.sessions() as s:
                sent = s.scalar(select(func.count()).where(MessageRow.state == "sent"))
            worker.close()
            db.dispose()
            bare = floor(base, queued)
        finally:
            gateway.kill()
            gateway.wait()
        delivered = sum(1 for line in record.read_text().splitlines() if json.loads(line)["delivered"])
        print(f"text-message worker ({engine}): {queued:,} messages, {SENDERS} requests in flight")
        print(f"  worker: {drained:.2f} s, {queued / drained:,.0f} messages/s, sent {sent:,}")
        print(
            f"  floor: the same requests to the same gateway, nothing recorded: {bare:.2f} s, {queued / bare:,.0f}/s"
        )
        print(f"  ratio: {drained / bare:.1f}x; requests the gateway delivered in all: {delivered:,}")


if __name__ == "__main__":
    args = sys.argv[1:]
    main(int(args[0]) if args else 2000, args[1] if len(args) > 1 else "postgresql")
