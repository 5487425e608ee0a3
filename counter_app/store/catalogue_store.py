"""The catalogue façade: import, export and the current items."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from counter_app.domain.catalogue import Catalogue, Department, ServiceItem, Window
from counter_app.domain.catalogue_format import item_from_json, item_to_json
from counter_app.store.db import Database
from counter_app.store.models import DepartmentRow, ServiceItemRow, WindowRow


class CatalogueConflict(ValueError):
    """An item version already stored with other content: the file must raise the version."""


@dataclass(frozen=True)
class ImportReport:
    added: int
    updated: int
    unchanged: int
    withdrawn: int


def _spellings(name: str) -> list[str]:
    """The name, its pinyin initials and its full pinyin."""
    # imported here: pypinyin's dictionaries take half a second to load, needed only when the
    # catalogue changes (the keys are stored), not at every start
    from pypinyin import Style, lazy_pinyin

    initials = "".join(lazy_pinyin(name, style=Style.FIRST_LETTER, errors="ignore"))
    full = "".join(lazy_pinyin(name, errors="ignore"))
    return [name, initials, full]


def search_key(item: ServiceItem) -> str:
    """Name, code, full pinyin and pinyin initials, lower-case, for ``sfz`` → 居民身份证; the same
    for each alias (``lsSfz``, 临时身份证 → 临时居民身份证申领; 营业执照 → 企业设立登记)."""
    name, initials, full = _spellings(item.name)
    parts = [name, item.code, initials, full]
    for alias in item.aliases:
        parts.extend(_spellings(alias))
    return " ".join(parts).lower()


class CatalogueStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    def import_catalogue(self, catalogue: Catalogue) -> ImportReport:
        """Store a whole catalogue in one transaction; items absent from it are withdrawn."""
        added = updated = unchanged = 0
        with self.db.sessions() as s, s.begin():
            for d in catalogue.departments:
                s.merge(DepartmentRow(code=d.code, name=d.name, short_name=d.short_name))
            for w in catalogue.windows:
                s.merge(WindowRow(code=w.code, name=w.name, departments=list(w.departments)))
            current = {r.code: r for r in s.scalars(select(ServiceItemRow).where(ServiceItemRow.is_current))}
            for item in catalogue.items:
                data = item_to_json(item)
                same = s.scalar(
                    select(ServiceItemRow).where(
                        ServiceItemRow.code == item.code, ServiceItemRow.version == item.version
                    )
                )
                if same is not None:
                    if same.data != data:
                        raise CatalogueConflict(
                            f"item {item.code} version {item.version} is stored with other "
                            "content: give the changed item a higher version"
                        )
                    if same.is_current:
                        unchanged += 1
                    else:  # an older version brought back
                        self._make_current(s, item.code, same)
                        updated += 1
                    current.pop(item.code, None)
                    continue
                old = current.pop(item.code, None)
                if old is not None and old.version > item.version:
                    raise CatalogueConflict(
                        f"item {item.code}: version {item.version} is older than the stored {old.version}"
                    )
                row = ServiceItemRow(
                    code=item.code,
                    version=item.version,
                    name=item.name,
                    department=item.department,
                    item_class=item.item_class.value,
                    search_key=search_key(item),
                    is_current=False,
                    data=data,
                )
                s.add(row)
                s.flush()
                self._make_current(s, item.code, row)
                if old is None:
                    added += 1
                else:
                    updated += 1
            for gone in current.values():
                gone.is_current = False
        return ImportReport(added, updated, unchanged, len(current))

    @staticmethod
    def _make_current(s: Session, code: str, row: ServiceItemRow) -> None:
        s.execute(update(ServiceItemRow).where(ServiceItemRow.code == code).values(is_current=False))
        row.is_current = True

    def current_items(self) -> list[tuple[ServiceItem, str]]:
        """Every current item with its search key, ordered by department and name."""
        with self.db.reads() as s:
            rows = s.scalars(
                select(ServiceItemRow)
                .where(ServiceItemRow.is_current)
                .order_by(ServiceItemRow.department, ServiceItemRow.code)
            )
            return [(item_from_json(r.data), r.search_key) for r in rows]

    def item_version(self, code: str, version: int) -> ServiceItem | None:
        with self.db.reads() as s:
            row = s.scalar(
                select(ServiceItemRow).where(ServiceItemRow.code == code, ServiceItemRow.version == version)
            )
            return item_from_json(row.data) if row else None

    def departments(self) -> list[Department]:
        with self.db.reads() as s:
            return [
                Department(r.code, r.name, r.short_name)
                for r in s.scalars(select(DepartmentRow).order_by(DepartmentRow.code))
            ]

    def windows(self) -> list[Window]:
        with self.db.reads() as s:
            return [
                Window(r.code, r.name, tuple(r.departments))
                for r in s.scalars(select(WindowRow).order_by(WindowRow.code))
            ]

    def export(self) -> Catalogue:
        return Catalogue(
            tuple(self.departments()),
            tuple(self.windows()),
            tuple(i for i, _ in self.current_items()),
        )
