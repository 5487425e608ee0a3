"""Faster imports after PySide6: its feature hook reads the source of every module imported.

PySide6 (``shibokensupport.feature``, PYSIDE-2029) decides for each newly imported module whether
it "uses PySide" by ``inspect.getsource(module)`` and a search for the word "PySide6": linecache
reads and splits every file of SQLAlchemy, reportlab & co. as they are imported, a few hundred
milliseconds of each start and of the first print. The same question is answered here by reading
the file's bytes. A PySide6 without that function is left alone (the test says so).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import ModuleType


def faster_feature_check() -> bool:
    """Install the quick check; True when PySide6's hook was found and replaced (or already was)."""
    import PySide6.QtCore  # noqa: F401  (installs the hook)

    feature = sys.modules.get("shibokensupport.feature")
    original: Callable[[ModuleType], bool] | None = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or original is None:
        return False
    if getattr(original, "quick", False):
        return True

    def uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return original(module)  # built-in, compiled or zipped: PySide6's own answer
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            return False  # as PySide6 answers for a module whose source cannot be read

    uses_pyside.quick = True  # type: ignore[attr-defined]
    feature._mod_uses_pyside = uses_pyside  # type: ignore[attr-defined]
    return True
