"""Catalogue and calendar files: import, export, item search (name, code, pinyin initials)."""

from __future__ import annotations

import json
from pathlib import Path

from counter_app.domain.calendar import YearCalendar
from counter_app.domain.calendar_format import calendar_to_json, parse_calendar_file
from counter_app.domain.catalogue import ServiceItem
from counter_app.domain.catalogue_format import catalogue_to_json, parse_catalogue
from counter_app.services.cases import CaseService
from counter_app.services.context import AppContext
from counter_app.services.import_file import read_json_object
from counter_app.store.catalogue_store import ImportReport


def find_items(
    ctx: AppContext, query: str, departments: list[str] | None = None, limit: int = 50
) -> list[ServiceItem]:
    """Items whose name, code or pinyin holds every word of *query*; name-prefix hits first."""
    words = query.lower().split()
    view = ctx.catalogue
    hits: list[tuple[int, int, ServiceItem]] = []
    for n, (item, key) in enumerate(zip(view.items, view.search_keys, strict=True)):
        if departments and item.department not in departments:
            continue
        if all(w in key for w in words):
            first = words[0] if words else ""
            starts = key.startswith(first) or item.code.startswith(first) or (" " + first) in key
            hits.append((0 if starts else 1, n, item))
    hits.sort(key=lambda h: (h[0], h[1]))
    return [h[2] for h in hits[:limit]]


def import_catalogue_file(ctx: AppContext, path: Path) -> ImportReport:
    """Check the whole file, then store it in one transaction; a refusal changes nothing."""
    catalogue = parse_catalogue(read_json_object(path, "catalogue"))
    report = ctx.catalogue_store.import_catalogue(catalogue)
    ctx.reload_catalogue()
    return report


def export_catalogue_file(ctx: AppContext, path: Path) -> int:
    catalogue = ctx.catalogue_store.export()
    path.write_text(json.dumps(catalogue_to_json(catalogue), ensure_ascii=False, indent=2), encoding="utf-8")
    return len(catalogue.items)


def import_calendar_file(ctx: AppContext, path: Path) -> tuple[list[YearCalendar], int]:
    """Store the years of the file, then fix every provisional deadline they now cover."""
    years = parse_calendar_file(read_json_object(path, "calendar"))
    ctx.calendar_store.import_years(years)
    ctx.reload_calendar()
    fixed = CaseService(ctx).recompute_provisional()
    return years, len(fixed)


def export_calendar_file(ctx: AppContext, path: Path) -> int:
    years = list(ctx.calendar.years.values())
    path.write_text(json.dumps(calendar_to_json(years), ensure_ascii=False, indent=2), encoding="utf-8")
    return len(years)
