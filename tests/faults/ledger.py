"""Counting what reached the server against what the window holds: lost, doubled, out of order, stuck."""

from __future__ import annotations

import itertools
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, text


@dataclass
class ExactlyOnce:
    ops: int
    faults: int
    lost: int
    duplicated: int
    out_of_order: int
    stuck: int

    def line(self, name: str) -> str:
        return (
            f"{name}: ops={self.ops} faults={self.faults} lost={self.lost} duplicated={self.duplicated} "
            f"out_of_order={self.out_of_order} stuck={self.stuck}"
        )


def tally(client_db: Path, server_url: str, faults: int) -> ExactlyOnce:
    con = sqlite3.connect(client_db)
    try:
        local = {op_id: seq for op_id, seq in con.execute("SELECT op_id, seq FROM outbox")}
        stuck = con.execute("SELECT count(*) FROM outbox WHERE status = 'pending'").fetchone()[0]
        local_cases = {r[0] for r in con.execute("SELECT id FROM cases WHERE device_code = 'W01'")}
    finally:
        con.close()
    engine = create_engine(server_url.replace("postgresql://", "postgresql+psycopg://"))
    try:
        with engine.connect() as conn:
            applied = [
                (r[0], r[1])
                for r in conn.execute(text("SELECT op_id, seq FROM applied_ops ORDER BY applied_at, seq"))
            ]
            accepts = dict(
                conn.execute(
                    text(
                        "SELECT case_id, count(*) FROM case_events WHERE action = 'case.accept' GROUP BY case_id"
                    )
                ).all()
            )
            server_cases = {r[0] for r in conn.execute(text("SELECT id FROM cases"))}
    finally:
        engine.dispose()
    applied_ids = [op for op, _ in applied]
    lost = len(set(local) - set(applied_ids)) + len(local_cases - server_cases)
    duplicated = (len(applied_ids) - len(set(applied_ids))) + sum(n - 1 for n in accepts.values() if n > 1)
    seqs = [seq for _, seq in applied]
    out_of_order = sum(1 for a, b in itertools.pairwise(seqs) if b <= a)
    return ExactlyOnce(len(local), faults, lost, duplicated, out_of_order, stuck)
