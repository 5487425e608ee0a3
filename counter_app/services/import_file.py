"""Reading a JSON file IT hands to an import command (catalogue, calendar), refusing what is not one.

The file comes from outside (a download, a USB stick, an export of another system): it is checked
before anything is parsed or stored, and every refusal says which file and why, in words IT can act
on (save it as UTF-8, it is not JSON, it is too large). Nothing here writes.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

MAX_IMPORT_BYTES = 20 * 1024 * 1024  # a hall's whole catalogue is a few MB; more is not one


class ImportFileError(ValueError):
    """The file is not a UTF-8 JSON object of a sane size; the message names the file and the reason."""


def read_json_object(path: Path, what: str) -> dict[str, Any]:
    """The JSON object in *path*, a *what* file ("catalogue", "calendar").

    Refused with ``ImportFileError``: not a regular file, more than 20 MB, not UTF-8 (a byte order
    mark is accepted), not JSON, nested too deeply, or JSON that is not an object ``{...}``.
    A file that cannot be opened raises ``OSError`` as it is.
    """
    if path.exists() and not path.is_file():
        raise ImportFileError(f"{path}: not a file")
    with path.open("rb") as fh:
        raw = fh.read(MAX_IMPORT_BYTES + 1)
    if len(raw) > MAX_IMPORT_BYTES:
        raise ImportFileError(
            f"{path}: more than {MAX_IMPORT_BYTES // 2**20} MB, too large for a {what} file; "
            "check that it is the right file"
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFileError(
            f"{path}: not UTF-8 text (invalid byte at position {exc.start}); "
            f"save the {what} file as UTF-8 (a GBK file must be converted first)"
        ) from None
    if "\x00" in text:
        raise ImportFileError(f"{path}: a binary file, not a {what} JSON file")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFileError(
            f"{path}: not JSON ({exc.msg} at line {exc.lineno}, column {exc.colno}); "
            f"a {what} file is a JSON object {{...}}"
        ) from None
    except RecursionError:
        raise ImportFileError(f"{path}: JSON nested too deeply for a {what} file") from None
    if not isinstance(data, dict):
        kind = {list: "a list", str: "a string", bool: "true/false", type(None): "null"}.get(
            type(data), "a number"
        )
        raise ImportFileError(f"{path}: {kind}, not a {what} file (a JSON object {{...}} is expected)")
    return data
