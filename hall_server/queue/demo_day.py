"""The demo hall's morning so far: tickets taken and served at the other windows, so a newcomer's
window has applicants waiting and the supervisors' monitor has figures and curves to show.

Run through the same functions the kiosk and the windows use (nothing is written behind their
back), on a seeded random generator so every demo looks alike. Only when today has no ticket yet.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from sqlalchemy import select

from hall_server.db import ServerDatabase
from hall_server.queue.calling import Clerk, act, call_next, pause
from hall_server.queue.layout import window_layout
from hall_server.queue.models import TicketRow
from hall_server.queue.tickets import issue_ticket

# the newcomer's own window, left free with its queue waiting for it, and two not staffed today
UNSTAFFED = ("A01", "A02", "A03")
STEPS = 120
CLERKS = (("lina", "李娜"), ("chenjun", "陈军"), ("admin", "系统管理员"))


def simulate_morning(db: ServerDatabase, now: datetime, seed: int = 20261124) -> int:
    """STEPS steps of tickets up to *now*, served by the other windows; the number issued.

    A step is a minute (the last two hours); just after midnight the same morning is pressed into
    the minutes since, so the demo always has today's figures (times then look short, nothing else).
    """
    with db.sessions() as s:
        if s.scalar(select(TicketRow.id).where(TicketRow.day == now.date()).limit(1)) is not None:
            return 0
        layout = window_layout(s)
    rng = random.Random(seed)
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    start = max(now - timedelta(minutes=STEPS + 1), midnight + timedelta(seconds=1))
    step = (now - start) / (STEPS + 1)
    queues = sorted({q for codes in layout.values() for q in codes})
    windows = [w for w in sorted(layout) if w not in UNSTAFFED]
    clerks = {w: Clerk(w, *CLERKS[n % len(CLERKS)]) for n, w in enumerate(windows)}
    busy_until: dict[str, datetime] = {}
    waiting: dict[str, int] = {}
    issued = 0
    for n in range(STEPS):
        moment = start + n * step
        for _ in range(rng.choice((0, 1, 1, 2))):
            queue = rng.choice([*queues, "A", "A"])  # 综合受理 is the busiest
            issue_ticket(
                db, queue, None, rng.choice((None,) * 12 + ("elderly",)), moment + step * rng.random() / 24
            )
            waiting[queue] = waiting.get(queue, 0) + 1
            issued += 1
        for window in windows:
            if busy_until.get(window, start) > moment or rng.random() < 0.3:
                continue
            clerk = clerks[window]
            if window in busy_until:
                act(db, clerk, "finish", moment)
                del busy_until[window]
            if not any(waiting.get(q) for q in layout[window]):
                continue  # asking would find nobody (and cost a transaction)
            ticket = call_next(db, clerk, moment + step / 12)
            if ticket is not None:
                waiting[ticket.queue_code] -= 1
                act(db, clerk, "start", moment + step * 2 / 3)
                busy_until[window] = moment + step * rng.randrange(3, 14)
    if "D01" in clerks and "D01" not in busy_until:
        pause(db, clerks["D01"], "系统故障，等待技术支持", now - step * 25)
    return issued
