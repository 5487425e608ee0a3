"""Accept: the transaction (case, notices, audit, outbox) plus the acceptance PDF, timed together,
beside two floors in the same run, each a 3-row WAL/FULL transaction in raw sqlite3 plus a reportlab
page with the same font and a Code128 barcode (benchmarks/floors.py): one with a line of text, one
with the notice's own text read back from its PDF, line under line.

.venv/bin/python -m benchmarks.intake [DATA_DIR]   (default: a fresh demo folder)
"""

from __future__ import annotations

import gc
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

from pypdf import PdfReader

from benchmarks.common import demo_context, percentile, summary
from benchmarks.floors import transaction_and_lines, transaction_and_page
from counter_app.domain.case import ServiceMode
from counter_app.services.demo import all_received, person
from counter_app.services.intake import ApplicationDraft, IntakeService
from counter_app.services.notices import NoticeService

FLOOR_LINE = 40  # characters per line of the same-text floor


def main(folder: Path, rounds: int = 300) -> None:
    ctx = demo_context(folder)
    intake, notices = IntakeService(ctx), NoticeService(ctx)
    item = next(i for i in ctx.catalogue.items if i.name == "居民身份证换领")
    draft = ApplicationDraft(
        item, person("李建国", "33010619800101201"), None, ServiceMode.WINDOW, all_received(item)
    )
    for _ in range(10):  # warm-up: imports, font, first page templates
        sample = notices.pdf(intake.accept(draft).notices[0], for_output=False)
    # the notice's own characters, read back from its PDF, for the floor that draws the same
    # characters: in lines of 40 (an A4 notice's body line holds 40-45), not as the PDF reader
    # groups them, which follows how the notice draws them and so moved the floor with it
    text = "".join("".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(sample)).pages)
    lines = [text[i : i + FLOOR_LINE] for i in range(0, len(text), FLOOR_LINE)]
    gc.collect()  # as the window does once started (ui/starting.py): the start's heap frozen
    gc.freeze()
    from counter_app.printing.fonts import register_fonts

    font = register_fonts()
    times, floors, same_text = [], [], []
    for _ in range(rounds):
        t0 = time.perf_counter()
        outcome = intake.accept(draft)
        notices.pdf(outcome.notices[0], for_output=False)
        times.append((time.perf_counter() - t0) * 1000)
        floors.append(
            transaction_and_page(folder / "floor.sqlite", font, "受理通知书 经审查，申请材料齐全，予以受理。")
        )
        same_text.append(transaction_and_lines(folder / "floor.sqlite", font, lines))
    print(summary("accept + acceptance notice PDF", times))
    print(summary("floor: 3-row WAL/FULL transaction + reportlab page, same font, Code128", floors))
    _ratio(times, floors)
    characters = sum(len(line) for line in lines)
    print(
        summary(
            f"floor with the notice's text: the same + its {len(lines)} lines, {characters} characters",
            same_text,
        )
    )
    _ratio(times, same_text)
    ctx.close()


def _ratio(times: list[float], floors: list[float]) -> None:
    print(
        f"ratio of medians {statistics.median(times) / statistics.median(floors):.1f}x,"
        f" of p95s {percentile(times, 95) / percentile(floors, 95):.1f}x"
    )


if __name__ == "__main__":
    if len(sys.argv) > 1:
        main(Path(sys.argv[1]))
    else:
        with tempfile.TemporaryDirectory() as tmp:
            main(Path(tmp))
