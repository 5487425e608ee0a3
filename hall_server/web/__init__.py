"""The hall's browser pages: the ticket kiosk (/kiosk), the hall display (/display) and the
applicant's progress query (/progress: phones, and the kiosk's 办件查询).

Each page is one self-contained HTML file (inline CSS and JS, nothing fetched from outside:
halls run on offline LANs) that talks to the public queue API (docs/queue.md). The script both
pages share (hall-clock.js) is spliced into them here, where its placeholder stands.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import resources

from fastapi import FastAPI
from fastapi.responses import HTMLResponse

PAGES = {"/kiosk": "kiosk.html", "/display": "display.html", "/progress": "progress.html"}
SHARED_SCRIPT, PLACEHOLDER = "hall-clock.js", "/* hall-clock.js */"
_HEADERS = {"Cache-Control": "no-store"}  # a kiosk left on for months picks up a new page on reload


def _endpoint(html: str) -> Callable[[], HTMLResponse]:
    def page() -> HTMLResponse:
        return HTMLResponse(html, headers=_HEADERS)

    return page


def mount_pages(app: FastAPI) -> None:
    """Add ``GET /kiosk`` and ``GET /display``; the files are read once, here."""
    folder = resources.files(__name__)
    shared = folder.joinpath(SHARED_SCRIPT).read_text(encoding="utf-8")
    for path, name in PAGES.items():
        html = folder.joinpath(name).read_text(encoding="utf-8").replace(PLACEHOLDER, shared)
        app.add_api_route(
            path, _endpoint(html), methods=["GET"], response_class=HTMLResponse, include_in_schema=False
        )
