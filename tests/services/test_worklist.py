"""The worklist: a department's open cases with today's clock, flags, filters and counts.

Dates are counted by hand: late November and December 2026 have no holidays, so working days
are the weekdays."""

from __future__ import annotations

from datetime import date, datetime

from counter_app.domain.case import CaseState
from counter_app.domain.case_steps import Step
from counter_app.services.casework import CaseWork
from counter_app.services.context import AppContext
from counter_app.services.intake import IntakeService
from counter_app.services.worklist import Urgency, WorkFilter, Worklist
from tests.conftest import Clock
from tests.services.helpers import applicant, draft, item_named


def accept(ctx: AppContext, item: str, who: str) -> str:
    return IntakeService(ctx).accept(draft(item_named(ctx, item), who=applicant(who))).case.id


def test_the_worklist_reads_each_clock_flags_and_orders_the_cases(ctx: AppContext, clock: Clock) -> None:
    # Monday 23 November 2026
    work = CaseWork(ctx)
    normal = accept(ctx, "居民身份证换领", "甲")  # 15 days: due Monday 14 December
    late = accept(ctx, "无犯罪记录证明开具", "乙")  # 1 day: due Tuesday 24 November
    stopped = accept(ctx, "居住证申领", "丙")  # 7 days: due 2 December
    soon = accept(ctx, "普通护照签发", "丁")  # 7 days: due Wednesday 2 December
    done = accept(ctx, "居民身份证首次申领", "戊")
    for case_id in (stopped, done):
        work.take(case_id, Step.START_REVIEW, {})
    work.take(done, Step.DECIDE, {"decision": "grant"})
    work.take(done, Step.COMPLETE, {"result": "准予"})
    clock.now = datetime(2026, 11, 25, 10, 0)  # 24 and 25 used
    work.take(stopped, Step.REQUEST_CORRECTION, {"materials": [{"name": "居住证明", "problem": "未盖章"}]})
    clock.now = datetime(2026, 12, 1, 9, 0)  # Tuesday

    view = Worklist(ctx).load()
    assert [(r.case.id, r.urgency, r.days_left) for r in view.rows] == [
        (late, Urgency.OVERDUE, -5),  # 25, 26, 27, 30 November and 1 December past the 24th
        (soon, Urgency.WARNING, 1),
        (normal, Urgency.NORMAL, 9),  # 2-4, 7-11, 14 December
        (stopped, Urgency.STOPPED, 5),  # 7 - 2: kept while the clock is stopped
        (done, Urgency.DONE, None),
    ]
    assert (view.total, view.warning, view.overdue) == (5, 1, 1)
    assert view.rows[2].case.promised_due == date(2026, 12, 14)
    assert view.rows[3].case.state is CaseState.CORRECTION


def test_the_worklist_filters_by_state_item_flag_clerk_and_text(ctx: AppContext, clock: Clock) -> None:
    a = accept(ctx, "居民身份证换领", "张明")
    b = accept(ctx, "无犯罪记录证明开具", "李华")
    clock.now = datetime(2026, 12, 1, 9, 0)
    CaseWork(ctx).take(a, Step.START_REVIEW, {})
    worklist = Worklist(ctx)

    def ids(**flt: object) -> list[str]:
        return [r.case.id for r in worklist.load(WorkFilter(**flt)).rows]  # type: ignore[arg-type]

    assert ids(overdue=True) == [b]
    assert ids(due_soon=True) == []
    assert ids(state=CaseState.UNDER_REVIEW) == [a]
    assert ids(item_code=item_named(ctx, "居民身份证换领").code) == [a]
    assert ids(text="李华") == [b]
    assert ids(text=applicant().id_number[:10]) == [b, a]  # an ID number prefix, as typed
    assert ids(mine=True) == [b, a]  # both accepted by this clerk; overdue first
    assert worklist.load().items == sorted(
        [(item_named(ctx, n).code, n) for n in ("居民身份证换领", "无犯罪记录证明开具")], key=lambda i: i[1]
    )


def test_a_long_worklist_comes_in_pages_in_the_same_order(ctx: AppContext, clock: Clock) -> None:
    names = ["居民身份证换领", "无犯罪记录证明开具", "居住证申领", "普通护照签发", "居民身份证首次申领"]
    ids = [accept(ctx, name, f"申请人{n}") for n, name in enumerate(names)]
    CaseWork(ctx).take(ids[2], Step.START_REVIEW, {})
    CaseWork(ctx).take(
        ids[2], Step.REQUEST_CORRECTION, {"materials": [{"name": "居住证明", "problem": "缺"}]}
    )
    clock.now = datetime(2026, 12, 1, 9, 0)
    whole = [r.case.id for r in Worklist(ctx).load().rows]
    assert sorted(whole) == sorted(ids)

    worklist = Worklist(ctx, page_size=2)
    view = worklist.load()
    assert (view.matched, view.total, len(view.rows)) == (5, 5, 2)
    sel = worklist.selection(WorkFilter())
    paged = [r.case.id for r in view.rows]
    paged += [r.case.id for r in worklist.page(sel, 2)] + [r.case.id for r in worklist.page(sel, 4)]
    assert paged == whole
    assert worklist.page(sel, 6) == []
    assert whole[-1] == ids[2]  # the stopped clock after every running one

    mine = worklist.load(WorkFilter(state=CaseState.CORRECTION))
    assert (mine.matched, mine.total, [r.case.id for r in mine.rows]) == (1, 5, [ids[2]])


def test_the_flags_follow_the_calendar_across_a_weekend(ctx: AppContext, clock: Clock) -> None:
    # accepted Monday 23 November with a 1-day limit: due Tuesday 24
    late = accept(ctx, "无犯罪记录证明开具", "甲")
    clock.now = datetime(2026, 11, 20, 9, 0)  # the Friday before: 2 working days left, 预警 at 2
    view = Worklist(ctx).load()
    assert [(r.urgency, r.days_left) for r in view.rows] == [(Urgency.WARNING, 2)]
    assert (view.warning, view.overdue) == (1, 0)
    clock.now = datetime(2026, 11, 28, 9, 0)  # Saturday after: overdue by the 25th, 26th and 27th
    view = Worklist(ctx).load(WorkFilter(overdue=True))
    assert [(r.case.id, r.urgency, r.days_left) for r in view.rows] == [(late, Urgency.OVERDUE, -3)]
    assert (view.warning, view.overdue, view.matched) == (0, 1, 1)
    assert Worklist(ctx).load(WorkFilter(due_soon=True)).rows == []


def test_a_stopped_case_without_an_item_snapshot_keeps_its_lifecycle(ctx: AppContext, clock: Clock) -> None:
    """A case held with no item snapshot (an empty one names none) still brings its lifecycle, the
    stops of its clock, to the worklist: the snapshot is looked up beside the case, not required.
    Its time limit is then unknown and counts as 0, as an empty snapshot always did."""
    import sqlite3
    from contextlib import closing

    work = CaseWork(ctx)
    stopped = accept(ctx, "居住证申领", "丙")  # 7 days: due 2 December
    work.take(stopped, Step.START_REVIEW, {})
    clock.now = datetime(2026, 11, 25, 10, 0)
    work.take(stopped, Step.REQUEST_CORRECTION, {"materials": [{"name": "居住证明", "problem": "未盖章"}]})
    clock.now = datetime(2026, 12, 1, 9, 0)
    [held] = Worklist(ctx).load().rows
    with closing(sqlite3.connect(ctx.db.path)) as con, con:
        con.execute("UPDATE cases SET item_snapshot_key = NULL WHERE id = ?", (stopped,))
    [bare] = Worklist(ctx).load().rows
    assert (held.urgency, held.days_left, held.case.item_snapshot_limits[0]) == (Urgency.STOPPED, 5, 7)
    assert bare.case.lifecycle == held.case.lifecycle and bare.case.lifecycle
    assert (bare.urgency, bare.days_left, bare.case.item_snapshot_limits[0]) == (Urgency.STOPPED, -2, 0)
