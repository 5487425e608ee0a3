"""IPP's binary format, and a print service answering garbage: a clear PrinterError, never a crash."""

from __future__ import annotations

import struct
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import ClassVar

import pytest

from counter_app.printing import ipp
from counter_app.printing import print_errors as why
from counter_app.printing.cups import CupsClient
from counter_app.printing.print_errors import PrinterError


def attribute(tag: int, name: str, value: bytes) -> bytes:
    raw_name = name.encode()
    return struct.pack(">BH", tag, len(raw_name)) + raw_name + struct.pack(">H", len(value)) + value


def test_a_request_is_encoded_as_rfc_8010_says() -> None:
    req = ipp.Request(ipp.PRINT_JOB, 7)
    req.add(ipp.OPERATION_GROUP, "attributes-charset", ipp.CHARSET, "utf-8")
    req.add(ipp.OPERATION_GROUP, "job-name", ipp.NAME, "受理通知书")
    req.add(ipp.JOB_GROUP, "copies", ipp.INTEGER, 2)
    req.add(ipp.OPERATION_GROUP, "requested-attributes", ipp.KEYWORD, "a", "b")
    data = req.encode(b"%PDF")
    assert data[:8] == b"\x02\x00\x00\x02\x00\x00\x00\x07"
    assert data[8] == ipp.OPERATION_GROUP
    assert attribute(ipp.NAME, "job-name", "受理通知书".encode()) in data  # UTF-8 on the wire
    assert attribute(ipp.KEYWORD, "requested-attributes", b"a") + attribute(ipp.KEYWORD, "", b"b") in data
    job_group = bytes([ipp.JOB_GROUP]) + attribute(ipp.INTEGER, "copies", struct.pack(">i", 2))
    assert data.index(job_group) > data.index(b"requested-attributes")  # groups in order
    assert data.endswith(bytes([ipp.END]) + b"%PDF")


def test_a_response_with_collections_and_additional_values_decodes() -> None:
    body = (
        b"\x02\x00\x00\x00\x00\x00\x00\x03"
        + bytes([ipp.OPERATION_GROUP])
        + attribute(ipp.TEXT, "status-message", b"successful-ok")
        + bytes([ipp.JOB_GROUP])
        + attribute(ipp.INTEGER, "job-id", struct.pack(">i", 42))
        + attribute(ipp.KEYWORD, "job-state-reasons", b"media-jam")
        + attribute(ipp.KEYWORD, "", b"paused")
        + attribute(ipp.BEGIN_COLLECTION, "media-col", b"")
        + attribute(ipp.MEMBER_NAME, "", b"media-key")
        + attribute(ipp.KEYWORD, "", b"iso_a4_210x297mm")
        + attribute(ipp.END_COLLECTION, "", b"")
        + attribute(
            ipp.TEXT_WITH_LANGUAGE,
            "job-name",
            struct.pack(">H", 5) + b"zh-cn" + struct.pack(">H", 6) + "受理".encode(),
        )
        + bytes([ipp.END])
    )
    answer = ipp.decode(body)
    assert answer.ok and answer.request_id == 3 and answer.message() == "successful-ok"
    job = answer.group(ipp.JOB_GROUP)
    assert job["job-id"] == [42]
    assert job["job-state-reasons"] == ["media-jam", "paused"]
    assert job["media-col"] == [{"media-key": "iso_a4_210x297mm"}]
    assert job["job-name"] == ["受理"]


@pytest.mark.parametrize(
    "garbage",
    [b"", b"<html>", b"\x02\x00\x00\x00\x00\x00\x00\x01\x01\x41\x00\x10abc"],
    ids=["empty", "html", "truncated"],
)
def test_garbage_is_an_ipp_error(garbage: bytes) -> None:
    with pytest.raises(ipp.IppError):
        ipp.decode(garbage)


class Garbage(BaseHTTPRequestHandler):
    answers: ClassVar[list[tuple[int, bytes]]] = []

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        status, body = self.answers.pop(0)
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def garbage_server() -> Iterator[HTTPServer]:
    server = HTTPServer(("127.0.0.1", 0), Garbage)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.mark.parametrize(
    ("status", "body"),
    [(200, b"<html>It works!</html>"), (500, b"oops"), (200, b"\x02\x00\x00\x00\x00\x00\x00\x01\x01")],
    ids=["a web page", "a server error", "a cut answer"],
)
def test_a_print_service_answering_garbage_is_a_clear_printer_error(
    garbage_server: HTTPServer, status: int, body: bytes
) -> None:
    Garbage.answers = [(status, body)]
    client = CupsClient(f"127.0.0.1:{garbage_server.server_address[1]}", timeout=5)
    with pytest.raises(PrinterError) as failed:
        client.print_pdf("a4", b"%PDF-1.4", "受理通知书")
    assert failed.value.reason == why.SERVICE_ERROR
    assert failed.value.system_words
