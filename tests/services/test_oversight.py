"""The supervision view's answer read strictly: anything that is not the API is garbage, said once."""

from __future__ import annotations

from typing import Any

import pytest

from counter_app.services.hall_routes import GARBAGE, QueueProblem
from counter_app.services.oversight import parse_oversight


def answer(**changes: Any) -> dict[str, Any]:
    empty = {"total": 0, "cases": []}
    body: dict[str, Any] = {
        "generated_at": "2026-12-04T09:30:00+08:00",
        "month": "2026-12",
        "warning_working_days": 2,
        "departments": [
            {
                "department": "GA",
                "name": "示范市公安局",
                "open": 12,
                "warning": 2,
                "overdue": 1,
                "stopped": 3,
                "completed": 8,
                "ahead": 5,
                "on_time": 2,
                "late": 1,
                "on_time_rate": 0.875,
            }
        ],
        "overdue": {
            "total": 1,
            "cases": [
                {
                    "id": "c1",
                    "case_number": "330100W01202611200002",
                    "department": "GA",
                    "department_name": "示范市公安局",
                    "item_name": "居民身份证换领",
                    "applicant": "张三",
                    "window": "B01",
                    "state": "under_review",
                    "promised_due": "2026-11-30",
                    "working_days_late": 4,
                }
            ],
        },
        "late_completions": empty,
        "extensions": empty,
        "stopped": empty,
    }
    return body | changes


def test_a_good_answer_is_read_into_departments_and_lists() -> None:
    view = parse_oversight(answer())
    (ga,) = view.departments
    assert (ga.name, ga.open, ga.overdue, ga.on_time_rate) == ("示范市公安局", 12, 1, 0.875)
    (case,) = view.overdue.cases
    assert case.department == "示范市公安局" and case.promised_due is not None
    assert case.extra == {"state": "under_review", "working_days_late": 4}


@pytest.mark.parametrize(
    "changes",
    [
        {"departments": [{"department": "GA", "open": -1}]},
        {"departments": [dict(answer()["departments"][0], on_time_rate=1.5)]},
        {"departments": [dict(answer()["departments"][0], overdue=True)]},
        {"overdue": {"total": 1}},
        {"overdue": {"total": 1, "cases": [{"case_number": "x"}]}},
        {
            "overdue": {
                "total": 1,
                "cases": [dict(answer()["overdue"]["cases"][0], promised_due="2026-13-01")],
            }
        },
        {"generated_at": "yesterday"},
        {"stopped": None},
    ],
)
def test_anything_else_is_garbage(changes: dict[str, Any]) -> None:
    with pytest.raises(QueueProblem) as raised:
        parse_oversight(answer(**changes))
    assert raised.value.code == GARBAGE
