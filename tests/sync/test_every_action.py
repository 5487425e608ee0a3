"""Every clerk action's outbox op is one the hall server knows and applies (no stuck queue)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest

from counter_app.domain.calendar import YearCalendar
from counter_app.domain.case import MaterialStatus, ServiceMode
from counter_app.services.cases import CaseService
from counter_app.services.demo import all_received, person
from counter_app.services.intake import ApplicationDraft, IntakeService
from counter_app.services.notices import NoticeService
from counter_app.sync.wire import OP_TYPES
from hall_server.op_shapes import validate
from tests.conftest import Clock
from tests.servers import ServerProcess
from tests.sync_helpers import window_client


@pytest.mark.parametrize("hall_db", ["sqlite"], indirect=True)
def test_every_action_reaches_the_server(hall: ServerProcess, hall_db: str, tmp_path: Path) -> None:
    clock = Clock(datetime(2026, 12, 20, 9, 0))
    window = window_client(tmp_path / "w", hall.url, hall_db, clock=clock)
    ctx = window.ctx
    try:
        window.sync()
        intake, notices, cases = IntakeService(ctx), NoticeService(ctx), CaseService(ctx)
        items = {i.name: i for i in ctx.catalogue.items}
        card = items["居民身份证换领"]
        received = all_received(card)
        missing = (replace(received[0], status=MaterialStatus.MISSING), *received[1:])
        applicant = person("全流程", "11010519491231002")
        notified = intake.notify(ApplicationDraft(card, applicant, None, ServiceMode.WINDOW, missing))
        returned = cases.reopen(notified.case.id)
        assert returned is not None
        accepted = intake.accept(
            ApplicationDraft(
                card, applicant, None, ServiceMode.APPOINTMENT, received, resume_case_id=notified.case.id
            )
        )
        instant_item = next(i for i in ctx.catalogue.items if i.is_instant)
        intake.complete_instant(
            ApplicationDraft(instant_item, applicant, None, ServiceMode.WINDOW, all_received(instant_item))
        )
        intake.refuse(
            ApplicationDraft(card, applicant, None, ServiceMode.WINDOW, received),
            "不属于本部门职权范围",
            "《中华人民共和国行政许可法》第三十二条",
        )
        intake.record_consult(card, "换领需要带户口簿吗？", "需要")
        acceptance = accepted.notices[0]
        notices.record_output(acceptance.id, "print")
        notices.record_output(acceptance.id, "print")  # 补打
        notices.record_output(acceptance.id, "pdf", str(tmp_path / "copy.pdf"))
        notices.record_failure(acceptance.id, "打印机缺纸")
        notices.material_receipt(accepted.case.id)
        ctx.calendar_store.import_years([YearCalendar(2027, frozenset(), frozenset(), "imported")])
        ctx.reload_calendar()
        cases.recompute_provisional()

        pending = window.store.pending(1000)
        kinds = {p.wire["op_type"] for p in pending}
        assert kinds <= OP_TYPES, kinds - OP_TYPES
        for p in pending:
            validate(p.wire["op_type"], p.wire["payload"])  # raises BadOp for a malformed payload
        report = window.sync()
        assert report.error == "" and report.rejected == 0 and report.waiting == 0
        assert report.pushed == len(pending) == 11  # one per action above
    finally:
        window.close()
