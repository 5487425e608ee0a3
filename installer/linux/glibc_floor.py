"""The glibc floor of a bundle: the highest GLIBC_x.y symbol version any ELF file in it requires.

    python3 installer/linux/glibc_floor.py DIR [--top N] [--max X.Y]

Reads each ELF's version references (``objdump -p``: "required from libc.so.6: … GLIBC_2.34") and
prints the floor, then the files needing the most, so one can see what to rebuild on an older base.
With ``--max``, exits 1 when the floor is above it (a build for an older system checks itself).
Standard library only (objdump from binutils): the tests and build-deb.sh use it too.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

GLIBC = re.compile(r"\bGLIBC_(\d+)\.(\d+)(?:\.(\d+))?\b")


def is_elf(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            return fh.read(4) == b"\x7fELF"
    except OSError:
        return False


def required_glibc(path: Path) -> tuple[int, ...]:
    """The highest GLIBC_ version *path* requires, (0,) when none."""
    # an ELF file objdump cannot read is an error, not a file that needs nothing
    out = subprocess.run(["objdump", "-p", str(path)], capture_output=True, text=True, check=True).stdout
    refs, needed = False, [(0,)]
    for line in out.splitlines():
        if line.startswith("Version References:"):
            refs = True
        elif refs and line and not line[0].isspace():
            refs = False
        elif refs:
            for m in GLIBC.finditer(line):
                needed.append(tuple(int(g) for g in m.groups() if g is not None))
    return max(needed)


def floor(root: Path) -> tuple[tuple[int, ...], list[tuple[tuple[int, ...], Path]]]:
    found = [
        (required_glibc(p), p)
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.is_symlink() and is_elf(p)
    ]
    found.sort(key=lambda item: item[0], reverse=True)
    return (found[0][0] if found else (0,)), found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root")
    parser.add_argument("--top", type=int, default=10)
    parser.add_argument("--max", help="the highest floor allowed, e.g. 2.28")
    args = parser.parse_args(argv)
    root = Path(args.root)
    need, found = floor(root)
    print(f"glibc floor: {'.'.join(map(str, need))} ({len(found)} ELF files)")
    for version, path in found[: args.top]:
        print(f"  GLIBC_{'.'.join(map(str, version))}  {path.relative_to(root)}")
    if args.max is None:
        return 0
    limit = tuple(int(part) for part in args.max.split("."))
    above = [(version, path) for version, path in found if version > limit]
    for version, path in above:
        print(
            f"above {args.max}: GLIBC_{'.'.join(map(str, version))}  {path.relative_to(root)}",
            file=sys.stderr,
        )
    return 1 if above else 0


if __name__ == "__main__":
    sys.exit(main())
