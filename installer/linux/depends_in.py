"""Whether a distribution can meet a .deb's Depends: each entry looked up in its package lists.

    python3 installer/linux/depends_in.py PACKAGE.deb INDEX [INDEX ...]

INDEX is a ``Packages`` list (plain, .gz or .xz), a path or an http(s) URL; e.g. for Kylin V10,
which is built on Ubuntu 20.04 (focal):

    http://archive.ubuntu.com/ubuntu/dists/focal/main/binary-amd64/Packages.gz
    http://archive.ubuntu.com/ubuntu/dists/focal/universe/binary-amd64/Packages.gz

An entry of the Pre-Depends or Depends is met when one of its alternatives is a package of the
lists at the version asked (compared by ``dpkg --compare-versions``), or a name another package
provides (at that version, for a versioned one); ``name:any`` also needs ``Multi-Arch: allowed``.
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
    r"^\s*([a-z0-9][a-z0-9+.-]*)(?::([a-z0-9]+))?\s*(?:\(\s*(<<|<=|=|>=|>>)\s*([^)\s]+)\s*\))?\s*$"
)


@dataclass
class Lists:
    versions: dict[str, list[str]] = field(default_factory=dict)  # package -> versions listed
    provided: dict[str, list[str | None]] = field(default_factory=dict)  # name -> versions provided
    any_arch: set[str] = field(default_factory=set)  # Multi-Arch: allowed (may be asked as name:any)

    def read(self, text: str) -> None:
        for stanza in text.split("\n\n"):
            fields = dict(_fields(stanza))
            name = fields.get("Package")
            if not name:
                continue
            self.versions.setdefault(name, []).append(fields.get("Version", ""))
            if fields.get("Multi-Arch") == "allowed":
                self.any_arch.add(name)
            for provided in fields.get("Provides", "").split(","):
                match = _ALTERNATIVE.match(provided)
                if match:
                    self.provided.setdefault(match.group(1), []).append(match.group(4))


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


def _compare(version: str, op: str, wanted: str) -> bool:
    ops = {"<<": "lt", "<=": "le", "=": "eq", ">=": "ge", ">>": "gt"}
    done = subprocess.run(["dpkg", "--compare-versions", version, ops[op], wanted], check=False)
    return done.returncode == 0


def meets(lists: Lists, alternative: str) -> str | None:
    """What in the lists meets *alternative* ("libc6 (>= 2.30)", "python3:any"), or None."""
    match = _ALTERNATIVE.match(alternative)
    if match is None:
        return None
    name, qualifier, op, wanted = match.groups()
    if qualifier == "any" and name not in lists.any_arch:
        return None  # a package of another architecture meets it only when it allows that
    for version in lists.versions.get(name, []):
        if op is None or _compare(version, op, wanted):
            return f"{name} {version}"
    for provided in lists.provided.get(name, []):  # a versioned Depends needs a versioned Provides
        if op is None or (provided is not None and _compare(provided, op, wanted)):
            return f"{name} (provided{f' at {provided}' if provided else ''})"
    return None


def depends_of(deb: Path) -> list[str]:
    """The entries of the package's Pre-Depends and Depends."""
    entries = []
    for name in ("Pre-Depends", "Depends"):
        done = subprocess.run(["dpkg-deb", "-f", str(deb), name], capture_output=True, text=True, check=True)
        entries += [entry.strip() for entry in done.stdout.split(",") if entry.strip()]
    return entries


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("deb", type=Path)
    parser.add_argument("index", nargs="+")
    args = parser.parse_args(argv)
    if not args.deb.is_file():
        parser.error(f"{args.deb}: no such package file")
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
