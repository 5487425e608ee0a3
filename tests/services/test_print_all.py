"""What "print all" sends to the printer: the processing slip only when the settings ask for it."""

from __future__ import annotations

from counter_app.domain.records import NoticeKind
from counter_app.services.context import AppContext
from counter_app.services.intake import IntakeService
from counter_app.services.notices import NoticeService
from tests.services.helpers import draft, first_item, item_named


def test_print_all_includes_the_processing_slip_by_default(ctx: AppContext) -> None:
    outcome = IntakeService(ctx).accept(draft(item_named(ctx, "居民身份证换领")))
    assert ctx.settings["print_processing_slip"] == "yes"
    assert NoticeService(ctx).to_print_all(outcome.notices) == outcome.notices


def test_print_processing_slip_no_leaves_both_kinds_of_slip_off_the_paper_run(ctx: AppContext) -> None:
    intake, notices = IntakeService(ctx), NoticeService(ctx)
    single = intake.accept(draft(item_named(ctx, "居民身份证换领")))
    joint = intake.accept(draft(first_item(ctx, joint=True)))
    ctx.settings.set_user({"print_processing_slip": "no"})
    assert [n.kind for n in notices.to_print_all(single.notices)] == [NoticeKind.ACCEPTANCE]
    assert [n.kind for n in notices.to_print_all(joint.notices)] == [NoticeKind.JOINT_ACCEPTANCE]
    # still issued: the case keeps its slip, ready to be printed on its own
    found = ctx.cases.get(single.case.id)
    assert found is not None
    assert NoticeKind.PROCESSING in [n.kind for n in found[1]]
