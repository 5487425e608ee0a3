"""Interface language: English source strings, Chinese (zh_CN) by default through Qt Linguist files."""

from __future__ import annotations

import sys
from pathlib import Path

import PySide6
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from counter_app.domain.messages import MESSAGE_CONTEXT, DomainError
from counter_app.resources import resources_dir

LANGUAGES = {"zh_CN": "中文", "en": "English"}
_installed: list[QTranslator] = []
# Qt's own strings (standard buttons, file and print dialogs, a line edit's context menu)
QT_CATALOGUE = "qtbase"


def qt_translation_folders() -> list[Path]:
    """Where Qt's own .qm files may be: Qt's configured folder, then the PySide6 package's own
    (a frozen bundle's qt.conf may point elsewhere than where PyInstaller put them)."""
    folders = [Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))]
    folders.append(Path(PySide6.__file__).parent / "Qt" / "translations")
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        folders.append(Path(bundle) / "PySide6" / "Qt" / "translations")
    return folders


def _load_qt_own(app: QCoreApplication, language: str) -> QTranslator | None:
    for folder in qt_translation_folders():
        translator = QTranslator(app)
        if translator.load(f"{QT_CATALOGUE}_{language}", str(folder)):
            return translator
    return None


def install_translator(app: QCoreApplication, language: str) -> QTranslator | None:
    """Load ``resources/i18n/counter_app_<language>.qm``. English is the source; its file, where
    shipped, holds only plural forms (``lupdate -pluralonly``: "1 working day", not "1 working day(s)")."""
    uninstall_translators(app)
    if language == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        plurals = QTranslator(app)
        if not plurals.load(str(resources_dir() / "i18n" / "counter_app_en.qm")):
            return None
        app.installTranslator(plurals)
        _installed.append(plurals)
        return plurals
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    qt_own = _load_qt_own(app, language)
    if qt_own is not None:
        app.installTranslator(qt_own)
        _installed.append(qt_own)
    translator = QTranslator(app)
    if not translator.load(str(resources_dir() / "i18n" / f"counter_app_{language}.qm")):
        return None
    app.installTranslator(translator)
    _installed.append(translator)
    return translator


def uninstall_translators(app: QCoreApplication) -> None:
    """Back to the English source strings (tests switch languages within one process)."""
    while _installed:
        app.removeTranslator(_installed.pop())


def message(text: str, **params: object) -> str:
    """A domain message (English source) in the interface language, parameters filled in."""
    translated = QCoreApplication.translate(MESSAGE_CONTEXT, text)
    return translated.format(**params) if params else translated


def error_text(error: DomainError) -> str:
    return message(error.message, **error.params)
