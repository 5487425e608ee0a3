"""Interface language: English source strings, Chinese (zh_CN) by default through Qt Linguist files."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from counter_app.domain.messages import MESSAGE_CONTEXT, DomainError
from counter_app.resources import resources_dir

LANGUAGES = {"zh_CN": "中文", "en": "English"}


def install_translator(app: QCoreApplication, language: str) -> QTranslator | None:
    """Load ``resources/i18n/counter_app_<language>.qm``; English needs none (it is the source)."""
    if language == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        return None
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    translator = QTranslator(app)
    if not translator.load(str(resources_dir() / "i18n" / f"counter_app_{language}.qm")):
        return None
    app.installTranslator(translator)
    return translator


def message(text: str, **params: object) -> str:
    """A domain message (English source) in the interface language, parameters filled in."""
    translated = QCoreApplication.translate(MESSAGE_CONTEXT, text)
    return translated.format(**params) if params else translated


def error_text(error: DomainError) -> str:
    return message(error.message, **error.params)
