"""The Internet Printing Protocol's binary message format (RFC 8010), as far as a print client needs.

CUPS speaks IPP on its local socket and on port 631; this module encodes requests and decodes
responses. It is written here rather than taken from a library: pycups needs libcups's headers to
build and has no Windows wheel, and the maintained IPP clients on PyPI (pyipp, aioipp) are asyncio
and aiohttp clients for printer status. Encoding is ~150 lines of ``struct``.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from typing import Any

# operations (RFC 8011 and CUPS's extensions)
PRINT_JOB = 0x0002
CANCEL_JOB = 0x0008
GET_JOB_ATTRIBUTES = 0x0009
GET_PRINTER_ATTRIBUTES = 0x000B
CUPS_GET_DEFAULT = 0x4001
CUPS_GET_PRINTERS = 0x4002

# delimiter tags
OPERATION_GROUP = 0x01
JOB_GROUP = 0x02
END = 0x03
PRINTER_GROUP = 0x04
UNSUPPORTED_GROUP = 0x05

# value tags
INTEGER = 0x21
BOOLEAN = 0x22
ENUM = 0x23
TEXT = 0x41
NAME = 0x42
KEYWORD = 0x44
URI = 0x45
CHARSET = 0x47
LANGUAGE = 0x48
MIME_TYPE = 0x49
BEGIN_COLLECTION = 0x34
END_COLLECTION = 0x37
MEMBER_NAME = 0x4A
TEXT_WITH_LANGUAGE = 0x35
NAME_WITH_LANGUAGE = 0x36
NO_VALUE = 0x13

# status codes a client acts on
OK = 0x0000
OK_IGNORED_OR_SUBSTITUTED = 0x0001
OK_CONFLICTING = 0x0002
NOT_FOUND = 0x0406
NOT_ACCEPTING_JOBS = 0x0506

# job-state enum
JOB_PENDING = 3
JOB_HELD = 4
JOB_PROCESSING = 5
JOB_STOPPED = 6
JOB_CANCELED = 7
JOB_ABORTED = 8
JOB_COMPLETED = 9
JOB_STATES = {
    JOB_PENDING: "pending",
    JOB_HELD: "held",
    JOB_PROCESSING: "processing",
    JOB_STOPPED: "processing-stopped",
    JOB_CANCELED: "canceled",
    JOB_ABORTED: "aborted",
    JOB_COMPLETED: "completed",
}

# printer-state enum
PRINTER_STATES = {3: "idle", 4: "processing", 5: "stopped"}

_INTEGER_TAGS = {INTEGER, ENUM}
_STRING_TAGS = {TEXT, NAME, KEYWORD, URI, CHARSET, LANGUAGE, MIME_TYPE, MEMBER_NAME, 0x46}


class IppError(ValueError):
    """The bytes are not an IPP message (a proxy's HTML page, a truncated answer)."""


@dataclass
class Attribute:
    name: str
    tag: int
    values: list[Any]


@dataclass
class Request:
    operation: int
    request_id: int = 1
    groups: list[tuple[int, list[Attribute]]] = field(default_factory=list)

    def add(self, group: int, name: str, tag: int, *values: Any) -> Request:
        for g, attributes in self.groups:
            if g == group:
                attributes.append(Attribute(name, tag, list(values)))
                return self
        self.groups.append((group, [Attribute(name, tag, list(values))]))
        return self

    def encode(self, document: bytes = b"") -> bytes:
        out = bytearray(struct.pack(">BBHI", 2, 0, self.operation, self.request_id))
        for group, attributes in sorted(self.groups, key=lambda g: g[0]):
            out.append(group)
            for a in attributes:
                for index, value in enumerate(a.values):
                    name = b"" if index else a.name.encode("utf-8")
                    out += struct.pack(">BH", a.tag, len(name)) + name + _encode_value(a.tag, value)
        out.append(END)
        return bytes(out) + document


def _encode_value(tag: int, value: Any) -> bytes:
    if tag in _INTEGER_TAGS:
        raw = struct.pack(">i", int(value))
    elif tag == BOOLEAN:
        raw = b"\x01" if value else b"\x00"
    elif tag == NO_VALUE:
        raw = b""
    else:
        raw = str(value).encode("utf-8")
    if len(raw) > 0xFFFF:
        raise IppError("an IPP value is longer than 65,535 bytes")
    return struct.pack(">H", len(raw)) + raw


@dataclass
class Response:
    status: int
    request_id: int
    groups: list[tuple[int, dict[str, list[Any]]]]

    @property
    def ok(self) -> bool:
        return self.status in (OK, OK_IGNORED_OR_SUBSTITUTED, OK_CONFLICTING)

    def group(self, tag: int) -> dict[str, list[Any]]:
        """The first group of that kind (empty when absent)."""
        return next((g for t, g in self.groups if t == tag), {})

    def all(self, tag: int) -> list[dict[str, list[Any]]]:
        return [g for t, g in self.groups if t == tag]

    def message(self) -> str:
        """The server's own words about the status (``status-message``), if it gave any."""
        values = self.group(OPERATION_GROUP).get("status-message", [])
        return str(values[0]) if values else ""


def first(attributes: dict[str, list[Any]], name: str, default: Any = None) -> Any:
    values = attributes.get(name)
    return values[0] if values else default


def decode(data: bytes) -> Response:
    if len(data) < 9:
        raise IppError("the answer is too short to be an IPP message")
    _major, _minor, status, request_id = struct.unpack(">BBHI", data[:8])
    reader = _Reader(data, 8)
    groups: list[tuple[int, dict[str, list[Any]]]] = []
    current: dict[str, list[Any]] | None = None
    last_name = ""
    while True:
        tag = reader.byte()
        if tag == END:
            break
        if tag < 0x10:  # a delimiter: a new group starts
            current = {}
            groups.append((tag, current))
            continue
        if current is None:
            raise IppError("an IPP attribute came before its group")
        name = reader.string()
        if tag == BEGIN_COLLECTION:
            reader.chunk()
            value: Any = _collection(reader)
        else:
            value = _decode_value(tag, reader.chunk())
        if name:
            last_name = name
            current[name] = [value]
        elif last_name:
            current[last_name].append(value)
        else:
            raise IppError("an IPP additional value has no attribute")
    return Response(status, request_id, groups)


def _collection(reader: _Reader) -> dict[str, Any]:
    members: dict[str, Any] = {}
    member = ""
    while True:
        tag = reader.byte()
        reader.string()  # members carry an empty name
        if tag == END_COLLECTION:
            reader.chunk()
            return members
        if tag == MEMBER_NAME:
            member = reader.chunk().decode("utf-8", "replace")
        elif tag == BEGIN_COLLECTION:
            reader.chunk()
            members[member] = _collection(reader)
        else:
            members[member] = _decode_value(tag, reader.chunk())


def _decode_value(tag: int, raw: bytes) -> Any:
    if tag in _INTEGER_TAGS and len(raw) == 4:
        return struct.unpack(">i", raw)[0]
    if tag == BOOLEAN and len(raw) == 1:
        return raw != b"\x00"
    if tag in _STRING_TAGS:
        return raw.decode("utf-8", "replace")
    if tag in (TEXT_WITH_LANGUAGE, NAME_WITH_LANGUAGE) and len(raw) >= 4:
        lang_len = struct.unpack(">H", raw[:2])[0]
        text_at = 2 + lang_len
        text_len = struct.unpack(">H", raw[text_at : text_at + 2])[0]
        return raw[text_at + 2 : text_at + 2 + text_len].decode("utf-8", "replace")
    return raw


class _Reader:
    def __init__(self, data: bytes, at: int) -> None:
        self.data = data
        self.at = at

    def take(self, n: int) -> bytes:
        if self.at + n > len(self.data):
            raise IppError("the IPP answer ends in the middle of an attribute")
        part = self.data[self.at : self.at + n]
        self.at += n
        return part

    def byte(self) -> int:
        return self.take(1)[0]

    def chunk(self) -> bytes:
        return self.take(struct.unpack(">H", self.take(2))[0])

    def string(self) -> str:
        return self.chunk().decode("utf-8", "replace")
