"""Whether a distribution can meet a .deb's Depends: each entry looked up in its package lists.

    python3 installer/linux/depends_in.py PACKAGE.deb INDEX [INDEX ...]

INDEX is a ``Packages`` list (plain, .gz or .xz), a path or an http(s) URL; e.g. for Kylin V10,
which is built on Ubuntu 20.04 (focal):

    http://archive.ubuntu.com/ubuntu/dists/focal/main/binary-amd64/Packages.gz
    http://archive.ubuntu.com/ubuntu/dists/focal/universe/binary-amd64/Packages.gz

An entry is met when one of its alternatives is a package of the lists at the version asked
(compared by ``dpkg --compare-versions``) or, without a version, a name another package provides.
Prints each entry with what meets it; exits 1 naming the entries nothing meets. Standard library
and dpkg only, as glibc_floor.py.
"""

from __future__ import annotations

import argparse
import gzip
import lzma
import re
import subprocess
import sys
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

_ALTERNATIVE = re.compile(
    r"^\s*([a-z0-9][a-z0-9+.-]*)(?::[a-z0-9]+)?\s*(?:\(\s*(<<|<=|=|>=|>>)\s*([^)\s]+)\s*\))?\s*$"
)


@dataclass
class Lists:
    versions: dict[str, list[str]] = field(default_factory=dict)  # package -> versions listed
    provided: set[str] = field(default_factory=set)

    def read(self, text: str) -> None:
        for stanza in text.split("\n\n"):
            fields = dict(_fields(stanza))
            name = fields.get("Package")
            if not name:
                continue
            self.versions.setdefault(name, []).append(fields.get("Version", ""))
            for provided in fields.get("Provides", "").split(","):
                match = _ALTERNATIVE.match(provided)
                if match:
                    self.provided.add(match.group(1))


def _fields(stanza: str) -> list[tuple[str, str]]:
    found = []
    for line in stanza.splitlines():
        if line[:1] in (" ", "\t") or ":" not in line:
            continue  # a continuation line (descriptions): no field asked for here has one
        key, _, value = line.partition(":")
        found.append((key, value.strip()))
    return found


def _read(source: str) -> str:
    if source.startswith(("http://", "https://")):
        with urllib.request.urlopen(source, timeout=120) as answer:
            raw: bytes = answer.read()
    else:
        raw = Path(source).read_bytes()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    elif raw[:6] == b"\xfd7zXZ\x00":
        raw = lzma.decompress(raw)
    return raw.decode("utf-8", errors="replace")


def _newer_or_equal(version: str, op: str, wanted: str) -> bool:
    ops = {"<<": "lt", "<=": "le", "=": "eq", ">=": "ge", ">>": "gt"}
    done = subprocess.run(["dpkg", "--compare-versions", version, ops[op], wanted], check=False)
    return done.returncode == 0


def meets(lists: Lists, alternative: str) -> str | None:
    """What in the lists meets *alternative* ("libc6 (>= 2.30)"), or None."""
    match = _ALTERNATIVE.match(alternative)
    if match is None:
        return None
    name, op, wanted = match.groups()
    for version in lists.versions.get(name, []):
        if op is None or _newer_or_equal(version, op, wanted):
            return f"{name} {version}"
    if op is None and name in lists.provided:
        return f"{name} (provided)"
    return None


def depends_of(deb: Path) -> list[str]:
    out = subprocess.run(["dpkg-deb", "-f", str(deb), "Depends"], capture_output=True, text=True, check=True)
    return [entry.strip() for entry in out.stdout.split(",") if entry.strip()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("deb", type=Path)
    parser.add_argument("index", nargs="+")
    args = parser.parse_args(argv)
    lists = Lists()
    for source in args.index:
        lists.read(_read(source))
    unmet = []
    for entry in depends_of(args.deb):
        met = next((m for m in (meets(lists, a) for a in entry.split("|")) if m), None)
        print(f"{entry}  =>  {met or 'NOT FOUND'}")
        if met is None:
            unmet.append(entry)
    print(f"{len(unmet)} of the Depends not met by {len(lists.versions)} packages listed")
    if unmet:
        print("not met: " + ", ".join(unmet), file=sys.stderr)
    return 1 if unmet else 0


if __name__ == "__main__":
    sys.exit(main())
