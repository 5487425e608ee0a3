"""The fonts embedded in the notices.

Government documents set titles in a 小标宋-style face and the body in a 仿宋-style face. The hall
chooses them with the settings ``notice_title_font`` and ``notice_body_font``:

- empty (the default), ``auto`` or ``自动``: the first such face installed on this PC (fontconfig's ``fc-list``,
  then the usual font folders by file name), else the shipped WenQuanYi font;
- a TTF/TTC/OTF file's path, or a family name (``仿宋_GB2312``, ``FZXiaoBiaoSong-B05S``);
- ``bundled`` or ``随程序字体``: always the shipped font.

A face that cannot be found or embedded (reportlab embeds TrueType outlines only, not an OTF's
PostScript ones) falls back to the shipped font, and ``diagnose`` says why. A character the chosen
face lacks (a rare character in a name: 仿宋_GB2312 covers GB2312 only) is drawn in the shipped
font instead of a blank box.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from counter_app.resources import resource

FONT = "WenQuanYiMicroHei"
FONT_FILE = ("fonts", "wqy-microhei.ttc")
AUTO = "auto"
BUNDLED = "bundled"

# family names first (fontconfig), then file names (any folder, case-insensitive)
TITLE_FAMILIES = (
    "FZXiaoBiaoSong-B05S",
    "FZXiaoBiaoSong-B05",
    "方正小标宋简体",
    "方正小标宋_GBK",
    "方正小标宋",
    "小标宋",
    "FZXiaoBiaoSong",
)
TITLE_FILES = ("fzxbsjw.ttf", "fzxbsk.ttf", "fzxbsjt.ttf", "fzxiaobiaosong-b05s.ttf", "xiaobiaosong.ttf")
BODY_FAMILIES = (
    "FangSong_GB2312",
    "仿宋_GB2312",
    "FangSong",
    "仿宋",
    "SimFang",
    "STFangsong",
    "华文仿宋",
    "FZFangSong-Z02S",
    "方正仿宋简体",
    "方正仿宋_GBK",
)
BODY_FILES = ("fangsong_gb2312.ttf", "simfang.ttf", "stfangso.ttf", "fzfsjw.ttf", "fzfsk.ttf")
FONT_SUFFIXES = (".ttf", ".ttc", ".otf", ".otc")


@dataclass(frozen=True)
class Face:
    """A registered font: reportlab's name for it, where it came from, and why it is a fallback."""

    name: str
    path: str
    problem: str = ""  # why the hall's choice was not used (empty: it was, or nothing was asked)

    @property
    def bundled(self) -> bool:
        return self.name == FONT


@dataclass(frozen=True)
class NoticeFaces:
    title: Face
    body: Face


@cache
def register_fonts() -> str:
    """Register the shipped font once (reportlab embeds a subset of it in each PDF)."""
    pdfmetrics.registerFont(TTFont(FONT, str(resource(*FONT_FILE)), subfontIndex=0))
    return FONT


def bundled_face(problem: str = "") -> Face:
    return Face(register_fonts(), str(resource(*FONT_FILE)), problem)


def font_folders() -> list[Path]:
    """Where a hall installs fonts, on Windows, Linux and macOS."""
    home = Path.home()
    folders = [
        Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts",
        Path(os.environ.get("LOCALAPPDATA", home / "AppData" / "Local")) / "Microsoft" / "Windows" / "Fonts",
        Path("/usr/share/fonts"),
        Path("/usr/local/share/fonts"),
        home / ".local" / "share" / "fonts",
        home / ".fonts",
        Path("/Library/Fonts"),
        home / "Library" / "Fonts",
    ]
    return [f for f in folders if f.is_dir()]


def _fc_files(family: str) -> list[tuple[str, int]]:
    """(file, face index) of an installed family, as fontconfig lists it (none without fontconfig)."""
    fc_list = shutil.which("fc-list")
    if fc_list is None or sys.platform == "win32":
        return []
    try:
        out = subprocess.run(
            [fc_list, "--format", "%{file}|%{index}\n", f":family={family}"],
            capture_output=True,
            timeout=10,
            check=False,
        ).stdout.decode("utf-8", "replace")
    except (OSError, subprocess.SubprocessError):
        return []
    found = []
    for line in out.splitlines():
        file, _, index = line.rpartition("|")
        if file:
            found.append((file, int(index) if index.isdigit() else 0))
    return found


def _files_named(names: Iterable[str]) -> list[tuple[str, int]]:
    wanted = {n.lower() for n in names}
    found = []
    for folder in font_folders():
        for root, _dirs, files in os.walk(folder):
            found += [(os.path.join(root, f), 0) for f in files if f.lower() in wanted]
    return found


def _load(path: str, index: int) -> tuple[str, str]:
    """Register the face; (reportlab's name, "") or ("", why it cannot be embedded)."""
    name = f"Notice-{Path(path).stem}-{index}"
    try:
        pdfmetrics.getFont(name)
        return name, ""
    except KeyError:
        pass
    try:
        pdfmetrics.registerFont(TTFont(name, path, subfontIndex=index))
    except Exception as exc:  # reportlab raises TTFError, OSError, struct errors...
        return "", f"{path}: {exc}"
    return name, ""


def _candidates(choice: str, families: Iterable[str], files: Iterable[str]) -> list[tuple[str, int]]:
    if choice == AUTO:
        found = [f for family in families for f in _fc_files(family)]
        return found + _files_named(files)
    if Path(choice).suffix.lower() in FONT_SUFFIXES or os.sep in choice or "/" in choice:
        return [(choice, 0)] if Path(choice).is_file() else []
    return _fc_files(choice) + _files_named(f"{choice}{s}" for s in FONT_SUFFIXES)


@cache
def resolve_face(choice: str, role: str) -> Face:
    """The face for *role* (``title`` or ``body``) as the setting *choice* asks, or the fallback."""
    choice = choice.strip()
    choice = AUTO if choice in ("", "自动") else BUNDLED if choice == "随程序字体" else choice
    if choice == BUNDLED:
        return bundled_face()
    families, files = (TITLE_FAMILIES, TITLE_FILES) if role == "title" else (BODY_FAMILIES, BODY_FILES)
    problems = []
    for path, index in _candidates(choice, families, files):
        name, problem = _load(path, index)
        if name:
            return Face(name, path)
        problems.append(problem)
    if problems:
        return bundled_face("cannot be embedded: " + "; ".join(problems))
    return bundled_face("" if choice == AUTO else f"not found: {choice}")


def installed_faces(role: str) -> list[str]:
    """The 小标宋 (``title``) or 仿宋 (``body``) font files found on this PC, for ``diagnose``."""
    families, files = (TITLE_FAMILIES, TITLE_FILES) if role == "title" else (BODY_FAMILIES, BODY_FILES)
    return sorted({path for path, _index in _candidates(AUTO, families, files)})


def describe_faces(settings: Mapping[str, str]) -> list[str]:
    """What ``diagnose`` says of the notice fonts: found, chosen, embedded, and why a fallback."""
    faces = notice_faces(settings)
    lines = []
    for role, face, key, kind in (
        ("title", faces.title, "notice_title_font", "小标宋"),
        ("body", faces.body, "notice_body_font", "仿宋"),
    ):
        found = installed_faces(role)
        lines.append(f"notice {role} fonts found ({kind}): {', '.join(found) if found else 'none'}")
        choice = str(settings.get(key, AUTO)) or AUTO
        if not face.bundled:
            lines.append(f"notice {role} font embedded: {face.path} ({key} = {choice!r})")
        else:
            why = face.problem or ("asked for" if choice == BUNDLED else f"no {kind} face installed")
            lines.append(f"notice {role} font embedded: the shipped {face.path} ({key} = {choice!r}: {why})")
    return lines


def notice_faces(settings: Mapping[str, str] | None = None) -> NoticeFaces:
    """The title and body faces the settings ask for (the shipped font where none is given)."""
    s = settings or {}
    return NoticeFaces(
        resolve_face(str(s.get("notice_title_font", BUNDLED)), "title"),
        resolve_face(str(s.get("notice_body_font", BUNDLED)), "body"),
    )


def has_glyph(font_name: str, ch: str) -> bool:
    return ord(ch) in pdfmetrics.getFont(font_name).face.charWidths


def missing_glyphs(text: str, font_name: str = "") -> set[str]:
    """Characters the font cannot draw (rare characters in names, for a warning)."""
    font = font_name or register_fonts()
    return {ch for ch in text if ch.isprintable() and ord(ch) > 127 and not has_glyph(font, ch)}
