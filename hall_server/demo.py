"""``hall-server demo FOLDER``: a hall for newcomers on an SQLite file, seeded once, then served.

Seeds the bundled demo catalogue, a clerk, a chief representative, a supervisor and an admin (the
demo password is printed and written to ``demo.json``, mode 0600), and makes a fresh one-time enrolment
code for window A01 at each start, so the demo client can enrol itself.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from counter_app.domain.catalogue_format import parse_catalogue
from counter_app.resources import resource
from hall_server import admin
from hall_server.db import ServerDatabase
from hall_server.private_files import write_private
from hall_server.queue.demo_day import simulate_morning
from hall_server.queue.layout import import_layout
from hall_server.queue.models import QueueRow

DEMO_LAYOUT = Path(__file__).parent / "queue" / "demo_layout.json"

DEMO_PASSWORD = "demo-1234"
DEMO_USERS = (
    ("wangfang", "王芳", "clerk"),
    ("lina", "李娜", "clerk"),
    ("chenjun", "陈军", "chief"),
    ("zhaolei", "赵磊", "supervisor"),
    ("admin", "系统管理员", "admin"),
)


def seed_demo(
    db: ServerDatabase, folder: Path, server_url: str, now: datetime | None = None
) -> dict[str, str]:
    if admin.init_db(db):
        catalogue = parse_catalogue(
            json.loads(resource("catalogue", "demo_catalogue.json").read_text("utf-8"))
        )
        admin.import_catalogue(db, catalogue)
        for username, name, role in DEMO_USERS:
            admin.create_user(db, username, name, role, DEMO_PASSWORD)
    with db.sessions() as s:
        has_queues = s.scalar(select(QueueRow.code).limit(1)) is not None
    if not has_queues:  # a demo hall made before queue calling existed gets its queues too
        import_layout(db, json.loads(DEMO_LAYOUT.read_text("utf-8")))
    if now is not None:  # the morning so far, once a day: applicants waiting, figures to watch
        simulate_morning(db, now)
    info = {
        "server_url": server_url,
        # the demo's one PC: enrolled at an earlier start, it keeps its enrolment and leaves the code
        # unused; a client that lost it (a new keyring) enrols again in its own place
        "enrollment_code": admin.enrollment_code(db, "W01", "A01", valid_hours=24, replace=True),
        "username": "wangfang",
        "password": DEMO_PASSWORD,
    }
    # a password and a live enrolment code: for this account only (0600), written whole
    write_private(folder / "demo.json", json.dumps(info, ensure_ascii=False))
    return info
