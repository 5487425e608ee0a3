"""Every string a person reads is translated to Chinese, and English works without a file."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import datetime
from pathlib import Path

import PySide6
import pytest
from PySide6.QtCore import QCoreApplication, QLibraryInfo, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QLabel, QLineEdit, QTreeView
from pytestqt.qtbot import QtBot

from counter_app.domain.identity import MSG_ID_CHECKSUM
from counter_app.resources import resources_dir
from counter_app.ui import i18n
from counter_app.ui.app import make_application
from counter_app.ui.i18n import install_translator, message, uninstall_translators
from counter_app.ui.qt_strings import qt_own_strings
from counter_app.ui.save_dialog import save_dialog
from tests.ui.walk import chinese_in, texts_of, untranslated


def test_every_source_string_has_a_finished_chinese_translation() -> None:
    ts = ET.parse(resources_dir() / "i18n" / "counter_app_zh_CN.ts")
    unfinished = [
        m.findtext("source")
        for m in ts.getroot().iter("message")
        if m.find("translation") is None
        or m.find("translation").get("type") in ("unfinished", "obsolete", "vanished")  # type: ignore[union-attr]
    ]
    assert unfinished == []
    assert len(list(ts.getroot().iter("message"))) > 150


def test_compiled_file_is_used(qapp: QCoreApplication) -> None:
    translator = install_translator(qapp, "zh_CN")
    assert translator is not None
    try:
        assert message(MSG_ID_CHECKSUM) == "证件号码校验位不正确：请与证件原件逐位核对。"
        assert message("Too long: at most {limit} characters.", limit=300) == "内容过长：最多 300 个字符。"
    finally:
        uninstall_translators(qapp)
    assert message(MSG_ID_CHECKSUM) == MSG_ID_CHECKSUM  # English is the source language


# -- the Linguist files are up to date with the code ------------------------------------------
REPO = Path(__file__).resolve().parents[2]
TS = REPO / "resources" / "i18n" / "counter_app_zh_CN.ts"
QT_BIN = Path(sys.executable).parent
QT_VERSION = tuple(PySide6.__version_info__[:2])


def _sources() -> list[str]:
    """What scripts/translations.sh hands lupdate."""
    return sorted(
        str(p.relative_to(REPO)) for p in (REPO / "counter_app").rglob("*.py") if "migrations" not in p.parts
    )


def _messages(ts: Path) -> dict[tuple[str, str], str]:
    """(context, source) → the translation's type ("" when finished)."""
    found = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for m in context.iter("message"):
            translation = m.find("translation")
            kind = "missing" if translation is None else translation.get("type", "")
            found[(name, m.findtext("source") or "")] = kind
    return found


def test_every_string_in_the_code_is_in_the_linguist_file(tmp_path: Path) -> None:
    """lupdate over the code, into a copy: a string someone wrapped in tr() but did not translate
    (scripts/translations.sh not run, or the new entry left unfinished) fails here, as does an
    entry whose string left the code."""
    if QT_VERSION < (6, 8):
        pytest.skip(
            "the .ts file is kept with lupdate 6.8+, which reads plural forms (tr with n) in Python; 6.7's does not"
        )
    copy = tmp_path / TS.name
    shutil.copy(TS, copy)
    subprocess.run(
        [str(QT_BIN / "pyside6-lupdate"), "-no-obsolete", *_sources(), "-ts", str(copy)],
        cwd=REPO,
        check=True,
        capture_output=True,
    )
    committed, current = _messages(TS), _messages(copy)
    untranslated = sorted(f"{c}: {s!r}" for (c, s), kind in current.items() if kind)
    assert untranslated == [], "run scripts/translations.sh and translate:\n" + "\n".join(untranslated)
    gone = sorted(f"{c}: {s!r}" for (c, s) in committed.keys() - current.keys())
    assert gone == [], "no longer in the code (run scripts/translations.sh):\n" + "\n".join(gone)


def test_the_compiled_file_is_the_linguist_file_compiled(tmp_path: Path) -> None:
    """lrelease is deterministic: a .qm not rebuilt after the .ts changed differs."""
    fresh = tmp_path / "fresh.qm"
    subprocess.run(
        [str(QT_BIN / "pyside6-lrelease"), str(TS), "-qm", str(fresh)], check=True, capture_output=True
    )
    assert fresh.read_bytes() == TS.with_suffix(".qm").read_bytes(), "run scripts/translations.sh"


# -- Qt's own strings ------------------------------------------------------------------------
def _qt_strings() -> dict[str, str]:
    """Strings Qt's own widgets show: standard buttons, the file dialog's labels, a line edit's menu."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    files = QFileDialog()
    look_in = files.findChild(QLabel, "lookInLabel")
    file_type = files.findChild(QLabel, "fileTypeLabel")
    assert look_in is not None and file_type is not None, "not Qt's own file dialog"
    line = QLineEdit()
    menu = line.createStandardContextMenu()
    assert menu is not None
    texts = {
        "cancel": buttons.button(QDialogButtonBox.StandardButton.Cancel).text(),
        "look_in": look_in.text(),
        "file_type": file_type.text(),
        "copy": next(a.text() for a in menu.actions() if a.objectName() == "edit-copy").split("\t")[0],
    }
    for widget in (buttons, files, line, menu):
        widget.deleteLater()
    return texts


def test_qt_own_dialogs_follow_the_interface_language(qapp: QApplication) -> None:
    make_application("zh_CN")
    try:
        assert QApplication.testAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs)
        # Qt 6.8 gave the file dialog's labels access keys, in English and Chinese; 6.7 has none
        keys = QT_VERSION >= (6, 8)
        assert _qt_strings() == {
            "cancel": "取消",
            "look_in": "查找范围(&L)：" if keys else "查找范围：",
            "file_type": "文件类型(&T)：" if keys else "文件类型：",
            "copy": "复制(&C)",
        }
        assert all(chinese_in(text) for text in qt_own_strings())
    finally:
        uninstall_translators(qapp)
    install_translator(qapp, "en")
    assert _qt_strings()["look_in"] == ("&Look in:" if QT_VERSION >= (6, 8) else "Look in:")


def test_qt_file_dialog_is_chinese_throughout(qapp: QApplication, qtbot: QtBot, tmp_path: Path) -> None:
    """Qt's file dialog (saving a notice as PDF, exporting a report) walked whole, a folder listed."""
    (tmp_path / "通知书").mkdir()
    (tmp_path / "受理通知书.pdf").write_bytes(b"%PDF")
    (tmp_path / "补正通知书.pdf").write_bytes(b"%PDF" + bytes(12341))
    make_application("zh_CN")
    try:
        dialog = save_dialog(None, "另存为 PDF", str(tmp_path), "PDF (*.pdf)")
        qtbot.addWidget(dialog)
        dialog.setViewMode(QFileDialog.ViewMode.Detail)
        dialog.show()
        view = dialog.findChild(QTreeView, "treeView")
        assert view is not None
        model, root = view.model(), view.rootIndex()
        qtbot.waitUntil(lambda: model.rowCount(root) == 3)
        qtbot.waitUntil(lambda: all(model.index(r, 2, root).data() for r in range(3)))
        listed = {
            model.index(r, 0, root).data(): [model.index(r, c, root).data() for c in (1, 2, 3)]
            for r in range(3)
        }
        # the names of files and folders are the disk's, not the interface's
        seen = [s for s in texts_of(dialog) if not s.what.endswith(",0") and "lookInCombo" not in s.where]
        assert untranslated(seen, {"pdf", "kB", "MB"}) == []  # units as Chinese systems write them
        assert listed["通知书"][1] == "文件夹"
        assert listed["受理通知书.pdf"][:2] == ["4 字节", "PDF 文档"]  # the system's locale wrote "4 bytes"
        assert listed["补正通知书.pdf"][0] == "12.06 kB"
        # the time as the interface writes it (Qt 6.7 wrote the system's "7 Dec 2026 13:34")
        modified = datetime.fromtimestamp((tmp_path / "通知书").stat().st_mtime)
        assert listed["通知书"][2] == f"{modified.year}/{modified.month}/{modified.day} {modified:%H:%M}"
    finally:
        uninstall_translators(qapp)


def test_qt_own_strings_are_found_where_pyside6_keeps_them(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A frozen bundle's qt.conf may point Qt's translations folder elsewhere: the package's own
    folder is tried too."""

    class Elsewhere:
        LibraryPath = QLibraryInfo.LibraryPath

        @staticmethod
        def path(_which: object) -> str:
            return str(tmp_path)

    monkeypatch.setattr(i18n, "QLibraryInfo", Elsewhere)
    install_translator(qapp, "zh_CN")
    try:
        assert QCoreApplication.translate("QFileDialog", "Look in:") == "查找范围："
    finally:
        uninstall_translators(qapp)


class _Wrapped(ast.NodeVisitor):
    """Every string the code wraps for translation with literal text: (where, context, source)."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.classes = [""]
        self.found: list[tuple[str, str, str]] = []

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self.classes.append(node.name)
        self.generic_visit(node)
        self.classes.pop()

    def visit_Call(self, node: ast.Call) -> None:
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        texts = [
            a.value if isinstance(a, ast.Constant) and isinstance(a.value, str) else None for a in node.args
        ]
        where = f"{self.path}:{node.lineno}"
        if name == "tr" and texts and texts[0] is not None:
            self.found.append((where, self.classes[-1], texts[0]))
        elif name in ("translate", "QT_TRANSLATE_NOOP") and len(texts) >= 2 and None not in texts[:2]:
            self.found.append((where, str(texts[0]), str(texts[1])))
        self.generic_visit(node)


def test_every_wrapped_string_reaches_the_linguist_file() -> None:
    """lupdate does not look inside f-strings: ``f"<h4>{self.tr('Notices')}</h4>"`` is wrapped and
    still never translated. Each literal the code wraps must be in the .ts under its context."""
    known = _messages(TS)
    missing = []
    for source in _sources():
        wrapped = _Wrapped(source)
        wrapped.visit(ast.parse((REPO / source).read_text("utf-8")))
        missing += [
            f"{where} {context}: {text!r}"
            for where, context, text in wrapped.found
            if (context, text) not in known
        ]
    assert missing == [], "wrapped for translation, but lupdate cannot see it (an f-string?):\n" + "\n".join(
        missing
    )


def test_english_says_one_day_not_one_days(qapp: QApplication) -> None:
    """Every plural the code has reads right in English for 1 and for 2 ("1 working day", never
    "1 working day(s)"): counter_app_en.ts (lupdate -pluralonly) gives the forms."""
    plurals = [
        (context.findtext("name") or "", m.findtext("source") or "")
        for context in ET.parse(TS).getroot().iter("context")
        for m in context.iter("message")
        if m.get("numerus") == "yes"
    ]
    assert plurals
    install_translator(qapp, "en")
    try:
        wrong = [
            f"{c}: {QCoreApplication.translate(c, s, '', n)!r}"
            for c, s in plurals
            for n in (1, 2)
            if "(s)" in QCoreApplication.translate(c, s, "", n)
        ]
        assert QCoreApplication.translate("SyncStatusLabel", "%n operation(s) to upload", "", 1) == (
            "1 operation to upload"
        )
    finally:
        uninstall_translators(qapp)
    assert wrong == [], "\n".join(wrong)
