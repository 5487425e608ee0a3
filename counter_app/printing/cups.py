"""A CUPS client over IPP: the printers and their state, a PDF sent as itself, a job followed.

The server is found as libcups finds it: ``CUPS_SERVER``, then ``~/.cups/client.conf`` and
``/etc/cups/client.conf`` (``ServerName``), then the local socket, then ``localhost:631``.
Every call has a short timeout; a server that does not answer is :class:`PrintServiceDown`.
"""

from __future__ import annotations

import getpass
import http.client
import os
import socket
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import quote

from counter_app.printing import ipp
from counter_app.printing import print_errors as why
from counter_app.printing.print_errors import PrinterError, PrintServiceDown

LOCAL_SOCKETS = ("/run/cups/cups.sock", "/var/run/cups/cups.sock")
PRINTER_ATTRIBUTES = (
    "printer-name",
    "printer-state",
    "printer-state-reasons",
    "printer-state-message",
    "printer-is-accepting-jobs",
    "printer-info",
    "printer-location",
    "document-format-supported",
)
JOB_ATTRIBUTES = ("job-id", "job-state", "job-state-reasons", "job-printer-state-message", "job-name")


@dataclass(frozen=True)
class PrinterState:
    name: str
    state: str  # idle, processing, stopped
    reasons: tuple[str, ...]  # printer-state-reasons without "none"
    message: str  # CUPS's own words (printer-state-message), often empty
    accepting: bool
    takes_pdf: bool
    info: str = ""


@dataclass(frozen=True)
class JobState:
    job_id: int
    state: str  # pending, held, processing, processing-stopped, canceled, aborted, completed
    reasons: tuple[str, ...]
    message: str
    name: str = ""

    @property
    def done(self) -> bool:
        return self.state in ("canceled", "aborted", "completed")


def server_address() -> str:
    """``host:port`` or the path of a local socket."""
    configured = os.environ.get("CUPS_SERVER", "").strip()
    if not configured:
        for conf in (Path.home() / ".cups" / "client.conf", Path("/etc/cups/client.conf")):
            configured = _server_name(conf)
            if configured:
                break
    if configured:
        return configured
    for path in LOCAL_SOCKETS:
        if os.path.exists(path):
            return path
    return "localhost:631"


def _server_name(conf: Path) -> str:
    try:
        lines = conf.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return ""
    for line in lines:
        parts = line.split(None, 1)
        if len(parts) == 2 and parts[0].lower() == "servername":
            return parts[1].strip()
    return ""


class _UnixConnection(http.client.HTTPConnection):
    def __init__(self, path: str, timeout: float) -> None:
        super().__init__("localhost", timeout=timeout)
        self.socket_path = path

    def connect(self) -> None:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(self.timeout)
        sock.connect(self.socket_path)
        self.sock = sock


class CupsClient:
    def __init__(self, address: str | None = None, timeout: float = 10.0, user: str | None = None) -> None:
        self.address = address or server_address()
        self.timeout = timeout
        self.user = user or _user_name()
        self._ids = 0

    # -- the wire ---------------------------------------------------------------------------
    def _connection(self) -> http.client.HTTPConnection:
        if self.address.startswith("/"):
            return _UnixConnection(self.address, self.timeout)
        host, _, port = self.address.rpartition(":") if ":" in self.address else (self.address, "", "631")
        if host.startswith("[") and host.endswith("]"):
            host = host[1:-1]
        return http.client.HTTPConnection(host, int(port or 631), timeout=self.timeout)

    def request(self, operation: int, target: str = "", uri: str = "") -> ipp.Request:
        """A request with the operation attributes every one starts with, in RFC 8011's order
        (charset, language, the target ``printer-uri`` or ``job-uri``, the user)."""
        self._ids += 1
        req = ipp.Request(operation, self._ids)
        req.add(ipp.OPERATION_GROUP, "attributes-charset", ipp.CHARSET, "utf-8")
        req.add(ipp.OPERATION_GROUP, "attributes-natural-language", ipp.LANGUAGE, "en")
        if target:
            req.add(ipp.OPERATION_GROUP, target, ipp.URI, uri)
        req.add(ipp.OPERATION_GROUP, "requesting-user-name", ipp.NAME, self.user)
        return req

    def call(self, req: ipp.Request, path: str = "/", document: bytes = b"") -> ipp.Response:
        body = req.encode(document)
        conn = self._connection()
        try:
            conn.request("POST", path, body, {"Content-Type": "application/ipp"})
            answer = conn.getresponse()
            data = answer.read()
        except (ConnectionError, FileNotFoundError, socket.gaierror) as exc:
            raise PrintServiceDown(str(exc)) from exc
        except (TimeoutError, OSError, http.client.HTTPException) as exc:
            raise PrinterError(why.SERVICE_ERROR, str(exc)) from exc
        finally:
            conn.close()
        if answer.status != 200:
            raise PrinterError(why.SERVICE_ERROR, f"HTTP {answer.status} {answer.reason}")
        try:
            return ipp.decode(data)
        except ipp.IppError as exc:
            raise PrinterError(why.SERVICE_ERROR, str(exc)) from exc

    @staticmethod
    def printer_uri(name: str) -> str:
        return f"ipp://localhost/printers/{quote(name, safe='')}"

    # -- printers -----------------------------------------------------------------------------
    def printers(self) -> list[PrinterState]:
        req = self.request(ipp.CUPS_GET_PRINTERS)
        req.add(ipp.OPERATION_GROUP, "requested-attributes", ipp.KEYWORD, *PRINTER_ATTRIBUTES)
        answer = self.call(req)
        if answer.status == ipp.NOT_FOUND:  # CUPS's answer when there is no printer at all
            return []
        _check(answer)
        return sorted((_printer(p) for p in answer.all(ipp.PRINTER_GROUP)), key=lambda p: p.name)

    def printer(self, name: str) -> PrinterState | None:
        uri = self.printer_uri(name)
        req = self.request(ipp.GET_PRINTER_ATTRIBUTES, "printer-uri", uri)
        req.add(ipp.OPERATION_GROUP, "requested-attributes", ipp.KEYWORD, *PRINTER_ATTRIBUTES)
        answer = self.call(req, f"/printers/{quote(name, safe='')}")
        if answer.status == ipp.NOT_FOUND:
            return None
        _check(answer)
        found = _printer(answer.group(ipp.PRINTER_GROUP))
        return found if found.name else replace(found, name=name)

    def default_printer(self) -> str:
        req = self.request(ipp.CUPS_GET_DEFAULT)
        req.add(ipp.OPERATION_GROUP, "requested-attributes", ipp.KEYWORD, "printer-name")
        answer = self.call(req)
        if not answer.ok:
            return ""
        return str(ipp.first(answer.group(ipp.PRINTER_GROUP), "printer-name", ""))

    # -- jobs ---------------------------------------------------------------------------------
    def print_pdf(self, printer: str, pdf: bytes, title: str, media: str = "") -> int:
        """Send *pdf* as itself, at its own size (no scaling); returns CUPS's job id."""
        path = f"/printers/{quote(printer, safe='')}"
        req = self.request(ipp.PRINT_JOB, "printer-uri", self.printer_uri(printer))
        req.add(ipp.OPERATION_GROUP, "job-name", ipp.NAME, title[:255])
        req.add(ipp.OPERATION_GROUP, "document-format", ipp.MIME_TYPE, "application/pdf")
        req.add(ipp.JOB_GROUP, "print-scaling", ipp.KEYWORD, "none")
        if media:
            req.add(ipp.JOB_GROUP, "media", ipp.KEYWORD, media)
        answer = self.call(req, path, pdf)
        if answer.status == ipp.NOT_FOUND:
            raise PrinterError(why.NOT_INSTALLED, answer.message(), printer=printer)
        if answer.status == ipp.NOT_ACCEPTING_JOBS:
            raise PrinterError(why.REJECTING, answer.message(), printer=printer)
        _check(answer, printer)
        job_id = ipp.first(answer.group(ipp.JOB_GROUP), "job-id")
        if not isinstance(job_id, int):
            raise PrinterError(why.SERVICE_ERROR, "the print service gave no job number", printer=printer)
        return job_id

    def job(self, job_id: int) -> JobState:
        req = self.request(ipp.GET_JOB_ATTRIBUTES, "job-uri", f"ipp://localhost/jobs/{job_id}")
        req.add(ipp.OPERATION_GROUP, "requested-attributes", ipp.KEYWORD, *JOB_ATTRIBUTES)
        answer = self.call(req, "/jobs")
        _check(answer)
        attrs = answer.group(ipp.JOB_GROUP)
        state = ipp.first(attrs, "job-state", 0)
        return JobState(
            job_id,
            ipp.JOB_STATES.get(state, f"state-{state}"),
            _reasons(attrs.get("job-state-reasons", [])),
            str(ipp.first(attrs, "job-printer-state-message", "") or ""),
            str(ipp.first(attrs, "job-name", "") or ""),
        )

    def cancel(self, job_id: int) -> None:
        req = self.request(ipp.CANCEL_JOB, "job-uri", f"ipp://localhost/jobs/{job_id}")
        self.call(req, "/jobs")  # a job already finished cannot be cancelled: nothing to do


def _check(answer: ipp.Response, printer: str = "") -> None:
    if not answer.ok:
        raise PrinterError(
            why.SERVICE_ERROR, answer.message() or f"IPP status 0x{answer.status:04x}", printer=printer
        )


def _reasons(values: list[object]) -> tuple[str, ...]:
    return tuple(str(v) for v in values if str(v) != "none")


def _printer(attrs: dict[str, list[object]]) -> PrinterState:
    formats = [str(f) for f in attrs.get("document-format-supported", [])]
    return PrinterState(
        name=str(ipp.first(attrs, "printer-name", "")),
        state=ipp.PRINTER_STATES.get(int(ipp.first(attrs, "printer-state", 3) or 3), "unknown"),
        reasons=_reasons(attrs.get("printer-state-reasons", [])),
        message=str(ipp.first(attrs, "printer-state-message", "") or ""),
        accepting=bool(ipp.first(attrs, "printer-is-accepting-jobs", True)),
        takes_pdf=not formats or "application/pdf" in formats or "application/octet-stream" in formats,
        info=str(ipp.first(attrs, "printer-info", "") or ""),
    )


def _user_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "counter-app"
