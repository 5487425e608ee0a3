"""Keyboard shortcuts bound to a widget and its children."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget


def bind(parent: QWidget, keys: str, slot: Callable[[], object], *, window_wide: bool = False) -> QShortcut:
    shortcut = QShortcut(QKeySequence(keys), parent)
    shortcut.setContext(
        Qt.ShortcutContext.WindowShortcut if window_wide else Qt.ShortcutContext.WidgetWithChildrenShortcut
    )
    shortcut.activated.connect(slot)
    return shortcut
