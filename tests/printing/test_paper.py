"""Notices through a real CUPS: at their own size, as text, and counted only when they came out."""

from __future__ import annotations

from pathlib import Path

import pytest

from counter_app.domain.records import Notice
from counter_app.printing import print_errors as why
from counter_app.printing.cups import CupsClient
from counter_app.printing.paper import installed_printers, print_notice
from counter_app.printing.print_errors import PrinterError
from counter_app.printing.qt_printer import page_size_points
from counter_app.printing.sizes import Paper
from counter_app.services.context import AppContext
from counter_app.services.intake import IntakeService
from counter_app.services.notices import NoticeService
from tests.cups_server import CupsServer
from tests.printing.reading import barcodes_on, content_box, page_image, text_of
from tests.services.helpers import draft, item_named

TOLERANCE = 0.5  # points
PAPER_TOLERANCE = 1.0  # CUPS gives a custom paper size (the 80 mm roll) in whole points


def accepted(ctx: AppContext) -> Notice:
    return IntakeService(ctx).accept(draft(item_named(ctx, "居民身份证换领"))).notices[0]


def assert_same_page(original: bytes, printed: bytes, folder: Path) -> None:
    """Same paper, and the ink in the same place to within half a point: printed at 1:1."""
    for a, b in zip(page_size_points(original), page_size_points(printed), strict=True):
        assert abs(a - b) <= PAPER_TOLERANCE, (page_size_points(original), page_size_points(printed))
    want = content_box(original, folder / "original")
    got = content_box(printed, folder / "printed")
    assert all(abs(a - b) <= TOLERANCE for a, b in zip(want, got, strict=True)), (want, got)


@pytest.mark.parametrize("paper", [Paper.A4, Paper.ROLL_80MM])
@pytest.mark.parametrize("printer", ["takes_pdf", "postscript"])
def test_a_notice_reaches_cups_as_its_own_pdf_at_true_size(
    ctx: AppContext, cups: CupsServer, tmp_path: Path, paper: str, printer: str
) -> None:
    """Two kinds of printer, both on A4 by default: one that takes PDF (what CUPS sends it is
    read back as the paper) and a PostScript one (cups-pdf turns what it receives into PDF)."""
    queue = f"{printer}_{paper}"
    out = cups.add_pdf_printer(queue) if printer == "takes_pdf" else cups.add_pdf_queue(queue, "A4")
    notice = accepted(ctx)
    pdf = NoticeService(ctx).pdf(notice, paper=paper)
    (tmp_path / "original").mkdir()
    (tmp_path / "printed").mkdir()
    done = print_notice(pdf, queue, f"{notice.title} {notice.number}", wait=60)
    assert (done.route, done.confirmed, done.printer) == ("cups", True, queue)
    [printed_file] = cups.printed(out)
    printed = printed_file.read_bytes()
    assert_same_page(pdf, printed, tmp_path)
    number = notice.number
    assert barcodes_on(page_image(printed, tmp_path / "printed")) == [number]
    if printer == "takes_pdf":  # text stays text: a PDF printer gets a searchable notice, no pictures
        text = text_of(printed)
        for expected in ("受理通知书", number, "张三", "居民身份证换领", "监督投诉电话"):
            assert expected in text, expected
        assert text == text_of(pdf)
    job = CupsClient().job(done.job_id)
    assert (job.state, job.name) == ("completed", f"受理通知书 {number}")  # UTF-8, not mojibake


def test_the_raster_route_prints_at_true_size_too(ctx: AppContext, tmp_path: Path, qapp: object) -> None:
    """Qt's path (Windows GDI printers): page images at 1:1, no margins put back by Qt."""
    for paper in (Paper.A4, Paper.ROLL_80MM):
        pdf = NoticeService(ctx).pdf(accepted(ctx), paper=paper)
        target = tmp_path / f"{paper}.pdf"
        done = print_notice(pdf, f"file:{target}", "raster")
        assert done.route == "file"
        folder = tmp_path / paper
        (folder / "original").mkdir(parents=True)
        (folder / "printed").mkdir()
        assert_same_page(pdf, target.read_bytes(), folder)


def test_a_rejecting_queue_fails_at_once_with_its_reason(ctx: AppContext, cups: CupsServer) -> None:
    cups.add_pdf_queue("closed")
    cups.reject("closed", "Out of paper until Monday")
    with pytest.raises(PrinterError) as failed:
        print_notice(NoticeService(ctx).pdf(accepted(ctx)), "closed", "x", wait=30)
    assert (failed.value.reason, failed.value.printer) == (why.REJECTING, "closed")
    assert "Out of paper until Monday" in failed.value.system_words


def test_an_aborting_backend_ends_the_job_aborted(ctx: AppContext, cups: CupsServer) -> None:
    cups.add_failing_queue("jammed", "abort")
    seen: list[str] = []
    with pytest.raises(PrinterError) as failed:
        print_notice(
            NoticeService(ctx).pdf(accepted(ctx)),
            "jammed",
            "x",
            wait=60,
            on_status=lambda s: seen.append(s.state),
        )
    assert failed.value.reason == why.ABORTED
    assert seen[-1] == "aborted"


def test_a_silent_printer_times_out_and_its_job_is_cancelled(ctx: AppContext, cups: CupsServer) -> None:
    cups.add_failing_queue("silent", "silent")
    jobs: list[int] = []
    with pytest.raises(PrinterError) as failed:
        print_notice(
            NoticeService(ctx).pdf(accepted(ctx)),
            "silent",
            "x",
            wait=3,
            on_status=lambda s: jobs.append(s.job_id),
        )
    assert failed.value.reason == why.TIMEOUT
    assert CupsClient().job(jobs[0]).state == "canceled"  # no copy comes out after the clerk was told


def test_an_unknown_printer_and_a_dead_print_service_are_told_apart(
    ctx: AppContext, cups: CupsServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    pdf = NoticeService(ctx).pdf(accepted(ctx))
    with pytest.raises(PrinterError) as unknown:
        print_notice(pdf, "no_such_printer", "x")
    assert unknown.value.reason == why.NOT_INSTALLED
    monkeypatch.setenv("CUPS_SERVER", "127.0.0.1:9")  # nothing listens on the discard port
    with pytest.raises(PrinterError) as down:
        print_notice(pdf, "whatever", "x")
    assert down.value.reason == why.SERVICE_DOWN


def test_the_printers_offered_are_cups_own_queues_and_its_default(
    cups: CupsServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    cups.add_pdf_printer("offered_a4")
    cups.add_pdf_printer("offered_roll")
    cups.run("lpadmin", "-d", "offered_roll")
    names, default = installed_printers()
    assert {"offered_a4", "offered_roll"} <= set(names)
    assert default == "offered_roll"
    monkeypatch.setenv("CUPS_SERVER", "127.0.0.1:9")  # the print service is down: nothing to offer
    assert installed_printers() == ([], "")
