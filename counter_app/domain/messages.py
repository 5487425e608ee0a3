"""Messages a person reads, marked for Qt's translation without importing Qt.

The domain speaks English source text; the UI translates it with
``QCoreApplication.translate(MESSAGE_CONTEXT, text)``. ``pyside6-lupdate`` picks the strings up
because the marker function has Qt's name.
"""

MESSAGE_CONTEXT = "messages"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark *text* for translation in *context* and return it unchanged."""
    return text


class DomainError(ValueError):
    """A rule was broken; ``message`` is English source text, ``field`` names the input at fault."""

    def __init__(self, message: str, field: str = "", **params: object) -> None:
        super().__init__(message.format(**params) if params else message)
        self.message = message
        self.field = field
        self.params = params
