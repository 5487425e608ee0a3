"""Interface language: English source strings, Chinese (zh_CN) by default through Qt Linguist files."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from counter_app.domain.messages import MESSAGE_CONTEXT, DomainError
from counter_app.resources import resources_dir

LANGUAGES = {"zh_CN": "中文", "en": "English"}
_installed: list[QTranslator] = []


def install_translator(app: QCoreApplication, language: str) -> QTranslator | None:
    """Load ``resources/i18n/counter_app_<language>.qm``; English needs none (it is the source)."""
    uninstall_translators(app)
    if language == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        return None
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    qt_own = QTranslator(app)  # Qt's own strings: standard buttons, file dialogs
    if qt_own.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
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
