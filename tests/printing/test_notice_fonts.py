"""The title and body faces: a 仿宋 / 小标宋 font the hall installed is found and embedded; anything
missing or unembeddable falls back to the shipped font, and ``diagnose`` says which and why."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from counter_app.printing import fonts
from counter_app.printing.fonts import BUNDLED, describe_faces, notice_faces, resolve_face
from counter_app.services.catalogue import import_catalogue_file
from counter_app.services.context import AppContext, open_context
from counter_app.services.demo import demo_catalogue_path
from counter_app.services.intake import IntakeService
from counter_app.services.notices import NoticeService
from tests.printing.reading import embedded_fonts, text_of
from tests.services.helpers import draft, item_named

# a second TrueType CJK font standing in for a hall's 仿宋 file (the shipped one is WenQuanYi)
STAND_IN = Path("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf")
POSTSCRIPT_OUTLINES = Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc")
needs_stand_in = pytest.mark.skipif(not STAND_IN.is_file(), reason="no second TrueType CJK font here")


@pytest.fixture(autouse=True)
def _fresh_lookup(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Path]:
    """No font folder but this test's own, and no fontconfig: what the test installs is all there is."""
    folder = tmp_path / "fonts"
    folder.mkdir()
    monkeypatch.setattr(fonts, "font_folders", lambda: [folder])
    monkeypatch.setattr(fonts, "_fc_files", lambda family: [])
    resolve_face.cache_clear()
    yield folder
    resolve_face.cache_clear()


def notice_pdf(tmp_path: Path, **settings: str) -> bytes:
    ctx: AppContext = open_context(
        tmp_path / "data", {"clerk_name": "测试员", **settings}, clock=lambda: datetime(2026, 11, 23, 9, 30)
    )
    try:
        import_catalogue_file(ctx, demo_catalogue_path())
        notice = IntakeService(ctx).accept(draft(item_named(ctx, "居民身份证换领"))).notices[0]
        return NoticeService(ctx).pdf(notice, for_output=False)
    finally:
        ctx.close()


def font_names(pdf: bytes, folder: Path) -> set[str]:
    found = embedded_fonts(pdf, folder)
    assert all(embedded for _name, embedded in found), found
    return {re.sub(r"-\d+$", "", name.split("+")[-1]) for name, _embedded in found}  # subset, part


def test_nothing_installed_embeds_the_shipped_font(tmp_path: Path) -> None:
    pdf = notice_pdf(tmp_path)
    assert font_names(pdf, tmp_path) == {"WenQuanYiMicroHei"}
    lines = describe_faces({"notice_title_font": "auto", "notice_body_font": "auto"})
    assert "notice body fonts found (仿宋): none" in lines
    assert any(
        "body font embedded: the shipped" in line and "no 仿宋 face installed" in line for line in lines
    )


def test_a_named_file_that_is_not_there_falls_back_and_says_so(tmp_path: Path) -> None:
    missing = str(tmp_path / "FangSong_GB2312.ttf")
    faces = notice_faces({"notice_title_font": BUNDLED, "notice_body_font": missing})
    assert faces.body.bundled and faces.body.problem == f"not found: {missing}"
    assert font_names(notice_pdf(tmp_path, notice_body_font=missing), tmp_path) == {"WenQuanYiMicroHei"}


@pytest.mark.skipif(not POSTSCRIPT_OUTLINES.is_file(), reason="no OpenType CJK font here")
def test_a_font_reportlab_cannot_embed_falls_back(tmp_path: Path) -> None:
    face = notice_faces({"notice_body_font": str(POSTSCRIPT_OUTLINES)}).body
    assert face.bundled and face.problem.startswith("cannot be embedded")


@needs_stand_in
def test_a_body_font_given_by_path_is_embedded(tmp_path: Path) -> None:
    pdf = notice_pdf(tmp_path, notice_body_font=str(STAND_IN))
    assert font_names(pdf, tmp_path) == {"WenQuanYiMicroHei", "DroidSansFallback"}  # title, body
    assert "受理通知书" in text_of(pdf) and "330106198001012019" in text_of(pdf)


@needs_stand_in
def test_auto_finds_an_installed_fangsong_by_its_file_name(tmp_path: Path, _fresh_lookup: Path) -> None:
    shutil.copy(STAND_IN, _fresh_lookup / "SIMFANG.TTF")  # as Windows installs 仿宋
    faces = notice_faces({"notice_title_font": "auto", "notice_body_font": "auto"})
    assert faces.body.path == str(_fresh_lookup / "SIMFANG.TTF") and faces.title.bundled
    lines = describe_faces({"notice_title_font": "auto", "notice_body_font": "auto"})
    assert f"notice body fonts found (仿宋): {_fresh_lookup / 'SIMFANG.TTF'}" in lines
    assert f"notice body font embedded: {_fresh_lookup / 'SIMFANG.TTF'} (notice_body_font = 'auto')" in lines
    assert font_names(notice_pdf(tmp_path), tmp_path) == {"WenQuanYiMicroHei", "DroidSansFallback"}
