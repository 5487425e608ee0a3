"""The hall server's address (服务器地址) in the one plain form every URL parser reads alike.

Whether plain HTTP is allowed depends on the host being this PC itself; that check is only sound
when the check and the HTTP library see the same host. Parsers disagree on user info
(``http://127.0.0.1@evil:8750``), a ``#`` or ``?`` before an ``@``, backslashes, percent-encoded or
non-ASCII host names, spaces, zone ids… so an address is only accepted in the plain form
``scheme://host[:port][/path]``: ASCII letters, digits, dots and hyphens in the name (or an IP
address), no user info, no query, no fragment. Nothing here does I/O.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass

_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_HOST = rf"\[[0-9A-Fa-f:.]+\]|{_LABEL}(?:\.{_LABEL})*"
_SEGMENT = r"/[A-Za-z0-9_~-][A-Za-z0-9._~-]*"
_URL = re.compile(
    rf"(?P<scheme>https?)://(?P<host>{_HOST})(?::(?P<port>[0-9]{{1,5}}))?(?P<path>(?:{_SEGMENT})*)/?"
)
_AUTHORITY = re.compile(rf"(?P<host>{_HOST})(?::(?P<port>[0-9]{{1,5}}))?")


@dataclass(frozen=True)
class ServerAddress:
    scheme: str  # "https" or "http"
    host: str  # lower case; an IPv6 address without its brackets
    port: int | None
    path: str  # "" or "/prefix" (a reverse proxy's), never ending in "/"

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        port = f":{self.port}" if self.port is not None else ""
        return f"{self.scheme}://{host}{port}{self.path}"

    @property
    def loopback(self) -> bool:
        return host_is_loopback(self.host)


def host_is_loopback(host: str) -> bool:
    """``localhost`` or a loopback IP address (127.0.0.0/8, ::1), written as an address."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _host_and_port(host: str, port: str | None) -> tuple[str, int | None] | None:
    if host.startswith("["):
        try:
            host = str(ipaddress.IPv6Address(host[1:-1]))
        except ValueError:
            return None
    number = int(port) if port is not None else None
    if number is not None and not 1 <= number <= 65535:
        return None
    return host.lower(), number


def parse_server_url(text: str) -> ServerAddress | None:
    """The address, or None when *text* is not exactly ``http(s)://host[:port][/path]``."""
    match = _URL.fullmatch(text)
    if match is None:
        return None
    found = _host_and_port(match["host"], match["port"])
    if found is None:
        return None
    return ServerAddress(match["scheme"], found[0], found[1], match["path"])


def parse_authority(netloc: str) -> tuple[str, int | None] | None:
    """``host[:port]`` of a request's URL in the same plain form; None for anything else."""
    match = _AUTHORITY.fullmatch(netloc)
    return None if match is None else _host_and_port(match["host"], match["port"])
