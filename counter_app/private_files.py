"""The client's files are private to the user who runs it: folders 0700, files 0600.

The data folder holds citizens' personal data (the case cache and its backups), logs that name
them, the settings; no other account of the PC may read them. Each file is created with its mode
(``os.open``, not the process umask, which threads share and other code may change), and
``tighten_data_folder`` brings a folder an older version made looser to these modes at start.
SQLite makes its ``-wal`` and ``-shm`` files with the database file's own mode, so a private
database keeps them private too.

Only what the current user owns is changed: a data folder IT shares from another account is left
as IT set it. On Windows the installer's ACL on the data folder covers all this: nothing is done.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import IO, Any

FOLDER_MODE = 0o700
FILE_MODE = 0o600
POSIX = os.name != "nt"


def _tighten(path: Path, mode: int) -> None:
    if not POSIX:
        return
    try:
        st = path.lstat()
        if st.st_uid == os.geteuid() and not path.is_symlink() and st.st_mode & 0o777 != mode:
            path.chmod(mode)
    except FileNotFoundError:
        pass


def private_folder(path: Path) -> Path:
    """*path* made if missing (its parents as usual), and private to this user."""
    path.mkdir(parents=True, exist_ok=True, mode=FOLDER_MODE)
    _tighten(path, FOLDER_MODE)
    return path


def private_file(path: Path) -> None:
    """An existing file made private (a missing one is left missing)."""
    _tighten(path, FILE_MODE)


def create_private(path: Path) -> None:
    """An empty file at *path* unless one is there, private either way (made before another
    library, SQLite for one, opens it with its own default mode)."""
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT, FILE_MODE))
    private_file(path)


def open_private(path: Path, mode: str = "w", **kwargs: Any) -> IO[Any]:
    """``open(path, mode)`` for writing ("w", "a", "wb", "ab"), the file created private."""
    flags = os.O_WRONLY | os.O_CREAT | (os.O_APPEND if "a" in mode else os.O_TRUNC)
    fd = os.open(path, flags | getattr(os, "O_BINARY", 0), FILE_MODE)
    try:
        private_file(path)
        return open(fd, mode, **kwargs)
    except BaseException:
        os.close(fd)
        raise


def tighten_data_folder(data_dir: Path, db_file: str) -> None:
    """The data folder and what the program keeps in it (the database *db_file* and its companions,
    settings, backups, logs), as private as new ones are; nothing else in the folder is touched."""
    if not POSIX or not data_dir.is_dir():
        return
    _tighten(data_dir, FOLDER_MODE)
    for name in ("backups", "logs"):
        folder = data_dir / name
        if folder.is_dir() and not folder.is_symlink():
            _tighten(folder, FOLDER_MODE)
            for child in folder.iterdir():
                if child.is_file():
                    private_file(child)
    for child in data_dir.iterdir():
        if child.is_file() and (
            child.name.startswith(db_file) or child.name in ("settings.ini", "settings.tmp")
        ):
            private_file(child)
