"""Qt's own strings that Qt's Chinese catalogue (``qtbase_zh_CN.qm``) of the Qt this program ships
does not have: Qt changed their source text (a mnemonic added) or moved them to a new context, and
the catalogue was not brought along. Listed here, in Qt's own contexts, so lupdate puts them into
this program's Linguist file and the Chinese comes from there; Qt asks every installed translator.

``tests/ui/test_translations.py`` walks Qt's file dialog in Chinese: a string Qt adds or changes in
a later version shows up there, and belongs here.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def qt_own_strings() -> list[str]:
    """The strings, translated (called by the test; lupdate reads the calls)."""
    return [
        QCoreApplication.translate("QFileDialog", "&Look in:"),
        QCoreApplication.translate("QFileDialog", "Files of &type:"),
        QCoreApplication.translate("QAbstractFileIconProvider", "Folder", "All other platforms"),
        QCoreApplication.translate("QAbstractFileIconProvider", "Drive"),
        QCoreApplication.translate("QAbstractFileIconProvider", "Unknown"),
    ]
