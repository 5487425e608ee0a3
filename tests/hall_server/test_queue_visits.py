"""Visits and ratings travel as outbox ops: exactly once, one rating per visit, bad ones shown."""

from __future__ import annotations

import uuid
from datetime import UTC
from zoneinfo import ZoneInfo

import requests

from hall_server.queue.tickets import hall_now
from tests.hall_server.api import enrol, op
from tests.servers import ServerProcess


def test_a_visit_and_its_one_rating_reach_the_monitor(hall: ServerProcess, hall_db: str) -> None:
    clerk = enrol(hall.url, hall_db, device="W01", window="B01")
    boss = enrol(hall.url, hall_db, device="W02", user="zhaolei", window="B02")
    api = hall.url + "/api/v1/queue"
    as_clerk = {"Authorization": f"Bearer {clerk.token}"}
    requests.post(api + "/tickets", json={"queue": "B"}, timeout=30)
    ticket = requests.post(api + "/call-next", headers=as_clerk, timeout=30).json()["ticket"]
    requests.post(api + "/ticket/finish", headers=as_clerk, json={}, timeout=30)
    now = hall_now("Asia/Shanghai").isoformat()
    visit = {
        "id": str(uuid.uuid4()),
        "ticket_id": ticket["id"],
        "ticket_display": ticket["display"],
        "window_code": "B01",
        "started_at": now,
        "finished_at": now,
        "cases": ["c-1"],
        "consults": [],
    }
    record = op(1, "visit.record", visit)
    rating = op(
        2, "visit.rated", {"visit_id": visit["id"], "rating": 5, "reasons": ["等候时间长"], "rated_at": now}
    )
    first = clerk.push([record, rating]).json()["results"]
    assert [r["status"] for r in first] == ["applied", "applied"]
    again = clerk.push([record, rating]).json()["results"]  # the same ops replayed: the stored verdicts
    assert [{**r, "duplicate": False} for r in again] == first and all(r["duplicate"] for r in again)
    second = op(3, "visit.rated", {"visit_id": visit["id"], "rating": 1, "reasons": [], "rated_at": now})
    answer = clerk.push([second]).json()["results"][0]
    assert answer["status"] == "rejected" and "one rating per visit" in answer["reason"]
    other = op(4, "visit.record", {**visit, "id": str(uuid.uuid4())})
    assert clerk.push([other]).json()["results"][0]["status"] == "rejected"  # the ticket has its visit
    bad = clerk.push([op(5, "visit.rated", {"visit_id": visit["id"], "rating": 9, "rated_at": now})])
    assert bad.status_code == 422  # a malformed op refuses the batch and stores nothing
    grid = requests.get(
        api + "/monitor", headers={"Authorization": f"Bearer {boss.token}"}, timeout=30
    ).json()
    assert [(r["ticket"], r["rating_text"], r["reasons"]) for r in grid["bad_ratings"]] == [
        (ticket["display"], "非常不满意", ["等候时间长"])
    ]


def test_a_pc_on_another_time_zone_counts_its_visits_on_the_hall_s_clock(
    hall: ServerProcess, hall_db: str
) -> None:
    clerk = enrol(hall.url, hall_db, device="W01", window="B01")
    boss = enrol(hall.url, hall_db, device="W02", user="zhaolei", window="B02")
    hall_time = hall_now("Asia/Shanghai")
    on_utc_pc = hall_time.replace(tzinfo=ZoneInfo("Asia/Shanghai")).astimezone(UTC)  # 8 hours behind
    visit = {
        "id": str(uuid.uuid4()),
        "ticket_id": None,  # a walk-in served while the queue server was away
        "ticket_display": "",
        "window_code": "B01",
        "started_at": on_utc_pc.isoformat(),
        "finished_at": on_utc_pc.isoformat(),
        "cases": [],
        "consults": [],
    }
    rated = {
        "visit_id": visit["id"],
        "rating": 4,
        "reasons": ["办理时间长"],
        "rated_at": on_utc_pc.isoformat(),
    }
    results = clerk.push([op(1, "visit.record", visit), op(2, "visit.rated", rated)]).json()["results"]
    assert [r["status"] for r in results] == ["applied", "applied"]
    grid = requests.get(
        hall.url + "/api/v1/queue/monitor", headers={"Authorization": f"Bearer {boss.token}"}, timeout=30
    ).json()
    assert [(r["ticket"], r["rated_at"]) for r in grid["bad_ratings"]] == [("", hall_time.isoformat())]
