"""Walking every widget of a window and collecting what a person reads there, to find English words
left in the Chinese interface (and, turned round, Chinese in the English one).

What counts as "read": label and button texts, tooltips, placeholders, window titles, tab texts,
item views' headers and cells, combo box entries, group box titles, menu and action texts, spin
box affixes, read-only text views, chart titles and axes, the status bar's message. What the clerk
typed (line edits, editable combo boxes) is data, not the interface, and is left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtCharts import QBarCategoryAxis, QChartView
from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtGui import QAction, QTextDocumentFragment
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QStatusBar,
    QTabBar,
    QTextEdit,
    QWidget,
)


@dataclass(frozen=True)
class Seen:
    where: str  # the widget: its class and object name, and the top-level window it is in
    what: str  # which of its texts (text, tooltip, header 3, …)
    text: str

    def __str__(self) -> str:
        return f"{self.where} {self.what}: {self.text!r}"


# Proper tokens a Chinese interface writes in Latin letters: file formats, key names, paper sizes,
# the names IT knows these things by, the English language's own name in the language menu.
ALLOWED_WORDS = frozenset(
    {
        "PDF",
        "Excel",
        "XLSX",
        "Ctrl",
        "Shift",
        "Alt",
        "Esc",
        "Enter",
        "Return",
        "Space",
        "Tab",
        "Del",
        "PgUp",
        "PgDn",
        "ID",
        "IT",
        "CA",
        "PEM",
        "HTTP",
        "HTTPS",
        "English",
        "sfz",  # the pinyin initials of 身份证: what the clerk types, given as the search's example
    }
)
_CODE = re.compile(r"[A-Z]{4}(?:-[A-Z]{4})+")  # an enrolment code (and its example): letters only
_URL = re.compile(r"\b[a-z][a-z0-9+.-]*://\S*|\bfile:\S*|(?:[A-Za-z]:)?(?:[/\\][\w.-]+){2,}")
_TOKEN = re.compile(r"[A-Za-z0-9_]+(?:[.-][A-Za-z0-9_]+)*")
_WORD = re.compile(r"[A-Za-z]{2,}")
_CHINESE = re.compile(r"[\u4e00-\u9fff]")


def plain(text: str) -> str:
    """Rich text as read; mnemonics' & gone."""
    if GuiQt.mightBeRichText(text):
        text = QTextDocumentFragment.fromHtml(text).toPlainText()
    return re.sub(r"&(?=\S)", "", text.replace("&&", "\0")).replace("\0", "&")


def english_words(text: str, allowed: Iterable[str] = ()) -> list[str]:
    """Latin words in *text* that a Chinese interface should not show.

    A token holding a digit is a code (A01, W09, F12, A4, 2026-11-23, a case number); a run of
    two or more letters without one is a word unless it is a proper token or one of *allowed*
    (the demo data's own codes)."""
    allow = ALLOWED_WORDS | set(allowed)
    found = []
    for token in _TOKEN.findall(_URL.sub(" ", plain(text))):
        if any(c.isdigit() for c in token) or token in allow or _CODE.fullmatch(token):
            continue
        found += [w for w in _WORD.findall(token) if w not in allow and not re.fullmatch(r"F\d+", w)]
    return found


def chinese_in(text: str) -> bool:
    return bool(_CHINESE.search(plain(text)))


def _columns(model: QAbstractItemModel, parent: QModelIndex) -> int:
    """A list model (QListWidget's) keeps columnCount private in PySide6: it has one column."""
    try:
        return max(1, model.columnCount(parent))
    except TypeError:
        return 1


def _model_texts(model: QAbstractItemModel, parent: QModelIndex, where: str, out: list[Seen]) -> None:
    for row in range(model.rowCount(parent)):
        for column in range(_columns(model, parent)):
            index = model.index(row, column, parent)
            for role, what in (
                (Qt.ItemDataRole.DisplayRole, "cell"),
                (Qt.ItemDataRole.ToolTipRole, "cell tip"),
            ):
                value = model.data(index, role)
                if isinstance(value, str) and value:
                    out.append(Seen(where, f"{what} {row},{column}", value))
            if column == 0 and model.rowCount(index) > 0:  # a tree's branch
                _model_texts(model, index, where, out)


def _item_view(view: QAbstractItemView, where: str, out: list[Seen]) -> None:
    model = view.model()
    if model is None:
        return
    for column in range(_columns(model, QModelIndex())):
        header = model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        if isinstance(header, str) and header:
            out.append(Seen(where, f"header {column}", header))
        tip = model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
        if isinstance(tip, str) and tip:
            out.append(Seen(where, f"header tip {column}", tip))
    _model_texts(model, QModelIndex(), where, out)


def _actions(actions: Iterable[QAction], where: str, out: list[Seen]) -> None:
    """The actions' own texts. Their submenus are QMenu children of the window, which the walk
    reads as widgets: ``QAction.menu()`` is not called, because PySide6 6.7's wrapper of it takes
    the submenu's ownership and deletes the menu when the wrapper goes."""
    for action in actions:
        for what, text in (("action", action.text()), ("action tip", action.toolTip())):
            if text and (what == "action" or text != action.text().replace("&", "")):
                out.append(Seen(where, what, text))


def _chart(view: QChartView, where: str, out: list[Seen]) -> None:
    chart = view.chart()
    if chart.title():
        out.append(Seen(where, "chart title", chart.title()))
    for axis in chart.axes():
        if axis.titleText():
            out.append(Seen(where, "axis title", axis.titleText()))
        if isinstance(axis, QBarCategoryAxis):
            out += [Seen(where, "axis category", c) for c in axis.categories()]
    for series in chart.series():
        if series.name():
            out.append(Seen(where, "series", series.name()))


def texts_of(root: QWidget) -> list[Seen]:
    """Everything a person reads in *root* and the widgets in it, shown or not yet shown."""
    out: list[Seen] = []
    for widget in [root, *root.findChildren(QWidget)]:
        top = widget.window()
        where = f"{type(widget).__name__}#{widget.objectName()} in {type(top).__name__}#{top.objectName()}"
        if widget.isWindow() and widget.windowTitle():
            out.append(Seen(where, "window title", widget.windowTitle()))
        for what, text in (
            ("tooltip", widget.toolTip()),
            ("status tip", widget.statusTip()),
            ("what's this", widget.whatsThis()),
            ("accessible name", widget.accessibleName()),
        ):
            if text:
                out.append(Seen(where, what, text))
        if isinstance(widget, (QLabel, QAbstractButton)):
            out.append(Seen(where, "text", widget.text()))
        elif isinstance(widget, QGroupBox):
            out.append(Seen(where, "title", widget.title()))
        elif isinstance(widget, QLineEdit):
            out.append(Seen(where, "placeholder", widget.placeholderText()))
        elif isinstance(widget, (QTextEdit, QPlainTextEdit)):
            out.append(Seen(where, "placeholder", widget.placeholderText()))
            if widget.isReadOnly():
                out.append(Seen(where, "text", widget.toPlainText()))
        elif isinstance(widget, QTabBar):
            for i in range(widget.count()):
                out.append(Seen(where, f"tab {i}", widget.tabText(i)))
                out.append(Seen(where, f"tab tip {i}", widget.tabToolTip(i)))
        elif isinstance(widget, QComboBox) and not widget.isEditable():
            out += [Seen(where, f"entry {i}", widget.itemText(i)) for i in range(widget.count())]
        elif isinstance(widget, QAbstractSpinBox):
            for what in ("prefix", "suffix"):
                text = getattr(widget, what)() if hasattr(widget, what) else ""
                out.append(Seen(where, what, text))
            out.append(Seen(where, "special value", widget.specialValueText()))
        elif isinstance(widget, QStatusBar):
            out.append(Seen(where, "message", widget.currentMessage()))
        elif isinstance(widget, QChartView):
            _chart(widget, where, out)
        if isinstance(widget, QAbstractItemView) and not isinstance(widget.parent(), QComboBox):
            _item_view(widget, where, out)
        if isinstance(widget, QMenu) or widget is root:
            _actions(widget.actions(), where, out)
    menu_bar = getattr(root, "menuBar", None)
    if callable(menu_bar):
        _actions(menu_bar().actions(), f"menu bar of {type(root).__name__}", out)
    return [s for s in out if s.text.strip()]


def untranslated(seen: Iterable[Seen], allowed: Iterable[str] = ()) -> list[str]:
    """The texts that show English words in the Chinese interface, one line each."""
    allow = set(allowed)
    return sorted({f"{s} -> {english_words(s.text, allow)}" for s in seen if english_words(s.text, allow)})


_IDEOGRAPHS = re.compile(r"[\u4e00-\u9fff]+")
# an English word ended with Chinese punctuation: "Accepted："
_MIXED = re.compile(r"[A-Za-z]+[：，。；]")


def chinese_words(text: str, data: Iterable[str] = ()) -> list[str]:
    """Chinese in *text* that an English interface should not show: each run of ideographs that is
    not a run of the hall's data (*data*: names of items, windows, people, what was typed), and
    an English word ended with Chinese punctuation."""
    shown = plain(text)
    known = {run for d in data for run in _IDEOGRAPHS.findall(d)}
    return [run for run in _IDEOGRAPHS.findall(shown) if run not in known] + _MIXED.findall(shown)


def not_english(seen: Iterable[Seen], data: Iterable[str] = ()) -> list[str]:
    """The texts that show Chinese of the interface in the English interface, one line each."""
    known = list(data)
    return sorted({f"{s} -> {chinese_words(s.text, known)}" for s in seen if chinese_words(s.text, known)})
