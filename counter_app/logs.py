"""The program's log: ``logs/counter-app.log`` in the data folder, rotated so it never fills a disk.

Five files of at most 1 MB (the newest first: counter-app.log, .1 ... .5); a crash's traceback
goes there too, so IT finds it with ``counter-app diagnose --bundle``. Opened lazily: a program
that logs nothing creates no file. The folder is 0700 and each file 0600 (``private_files``).
"""

from __future__ import annotations

import io
import logging
import logging.handlers
import sys
from pathlib import Path
from types import TracebackType

from counter_app import __version__
from counter_app.private_files import open_private, private_folder

LOG_FOLDER = "logs"
LOG_FILE = "counter-app.log"
MAX_BYTES = 1_000_000
BACKUPS = 5
FORMAT = "%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s"

_handler: logging.Handler | None = None


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """Each log file (the first and each one after a rotation) is created 0600."""

    def _open(self) -> io.TextIOWrapper:
        stream = open_private(Path(self.baseFilename), "a", encoding=self.encoding, errors=self.errors)
        assert isinstance(stream, io.TextIOWrapper)
        return stream


def log_folder(data_dir: Path) -> Path:
    return data_dir / LOG_FOLDER


def start_logging(data_dir: Path, command: str = "gui") -> Path:
    """Log to the data folder's rotating file from now on (once per process); the file's path."""
    global _handler
    path = log_folder(data_dir) / LOG_FILE
    if _handler is not None:
        return path
    private_folder(path.parent)
    handler = PrivateRotatingFileHandler(
        path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8", delay=True
    )
    handler.setFormatter(logging.Formatter(FORMAT))
    root = logging.getLogger()
    root.addHandler(handler)
    if root.level > logging.INFO or root.level == logging.NOTSET:
        root.setLevel(logging.INFO)
    logging.captureWarnings(True)
    previous = sys.excepthook

    def log_crash(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        logging.getLogger("counter_app").critical("unexpected error", exc_info=(kind, exc, tb))
        previous(kind, exc, tb)

    sys.excepthook = log_crash
    _handler = handler
    logging.getLogger("counter_app").info(
        "counter-app %s started (%s), data folder %s", __version__, command, data_dir
    )
    return path


def stop_logging() -> None:
    """Close the file (tests, and before a bundle is zipped on Windows, where open files are locked)."""
    global _handler
    if _handler is not None:
        logging.getLogger().removeHandler(_handler)
        _handler.close()
        _handler = None
