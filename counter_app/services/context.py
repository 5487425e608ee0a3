"""Everything a use case needs, opened once per program: database, settings, stores, clock."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from counter_app.domain.calendar import WorkingCalendar
from counter_app.domain.catalogue import Department, ServiceItem, Window
from counter_app.domain.messages import QT_TRANSLATE_NOOP, DomainError
from counter_app.private_files import tighten_data_folder
from counter_app.settings import Settings, Source, load_settings
from counter_app.store.calendar_store import CalendarStore
from counter_app.store.case_store import CaseStore
from counter_app.store.catalogue_store import CatalogueStore
from counter_app.store.db import Database, open_database
from counter_app.store.sync_store import SyncStore
from counter_app.store.unit_of_work import Actor

DB_FILE = "counter.sqlite"
ENROLMENT_KEYS = ("server_url", "device_code", "window_code", "hall_code")


@dataclass
class CatalogueView:
    """The current catalogue, held in memory (a hall has a few thousand items at most)."""

    items: list[ServiceItem]
    search_keys: list[str]
    departments: dict[str, Department]
    windows: dict[str, Window]


# roles the hall server lets watch but not act (it would refuse their ops, after the receipt is out)
WATCHING_ROLES = frozenset({"supervisor"})
MSG_WATCHING = QT_TRANSLATE_NOOP(
    "messages", "A supervisor's sign-in watches the hall and cannot record cases: sign in as a clerk."
)


@dataclass(frozen=True)
class SignedInUser:
    """The clerk at the window, as the hall server knows them."""

    username: str
    display_name: str
    role: str
    offline: bool = False  # signed in against the cached verifier, server unreachable


@dataclass
class AppContext:
    data_dir: Path
    db: Database
    settings: Settings
    clock: Callable[[], datetime] = datetime.now
    user: SignedInUser | None = None
    catalogue: CatalogueView = field(init=False)
    calendar: WorkingCalendar = field(init=False)

    def __post_init__(self) -> None:
        self.catalogue_store = CatalogueStore(self.db)
        self.calendar_store = CalendarStore(self.db)
        self.cases = CaseStore(self.db)
        self.sync_store = SyncStore(self.db)
        self.reload_server_settings()
        self.reload_catalogue()
        self.reload_calendar()

    def reload_server_settings(self) -> None:
        """Take what the hall server published and what enrolment gave this PC (below IT's file)."""
        enrolment = {k: self.sync_store.get(k) for k in ENROLMENT_KEYS}
        self.settings.apply_server(
            {**self.sync_store.server_settings(), **{k: v for k, v in enrolment.items() if v}}
        )

    def reload_catalogue(self) -> None:
        pairs = self.catalogue_store.current_items()
        self.catalogue = CatalogueView(
            items=[i for i, _ in pairs],
            search_keys=[k for _, k in pairs],
            departments={d.code: d for d in self.catalogue_store.departments()},
            windows={w.code: w for w in self.catalogue_store.windows()},
        )

    def reload_calendar(self) -> None:
        self.calendar = self.calendar_store.calendar()

    @property
    def device_code_unset(self) -> bool:
        """Still on the built-in device code, neither preseeded by IT nor given by enrolment."""
        return self.settings.sources["device_code"] is Source.DEFAULT and not self.sync_store.get("device_id")

    @property
    def actor(self) -> Actor:
        s = self.settings.snapshot()  # one consistent set while the sync thread may reload them
        return Actor(
            clerk=(self.user.display_name if self.user else s["clerk_name"]) or "未登录",
            device_code=s["device_code"],
            hall_code=s["hall_code"],
            window_code=s["window_code"],
            username=self.user.username if self.user else "",
            role=self.user.role if self.user else "",
        )

    @property
    def records(self) -> bool:
        """Whether whoever is signed in may record at this window (a supervisor only watches)."""
        return not (self.user and self.user.role in WATCHING_ROLES)

    def require_recorder(self) -> None:
        """The guard every recording service call starts with, before anything is read or staged."""
        if not self.records:
            raise DomainError(MSG_WATCHING, "role")

    def window(self) -> Window:
        code = self.settings["window_code"]
        return self.catalogue.windows.get(code) or Window(code, code, tuple(self.settings.departments_served))

    def department(self, code: str) -> Department:
        return self.catalogue.departments.get(code) or Department(code, code, code)

    def close(self) -> None:
        self.db.dispose()


def open_context(
    data_dir: Path,
    overrides: dict[str, str] | None = None,
    clock: Callable[[], datetime] = datetime.now,
) -> AppContext:
    settings = load_settings(data_dir, overrides)
    tighten_data_folder(data_dir, DB_FILE)  # an older version's looser modes
    db = open_database(data_dir / DB_FILE, backup_dir=data_dir / "backups")
    return AppContext(data_dir, db, settings, clock)
