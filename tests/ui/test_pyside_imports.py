"""PySide6's import hook answers from the file's bytes, as it did from the module's source."""

from __future__ import annotations

import importlib
import sys
import types
from pathlib import Path

import counter_app.ui  # noqa: F401  (installs the quick check)
from counter_app.ui.pyside_imports import faster_feature_check


def test_the_installed_pyside6_has_the_hook_and_it_is_replaced() -> None:
    assert faster_feature_check()  # a PySide6 without the hook: drop pyside_imports.py
    feature = sys.modules["shibokensupport.feature"]
    assert getattr(feature._mod_uses_pyside, "quick", False)


def test_the_answers_are_the_same(tmp_path: Path) -> None:
    feature = sys.modules["shibokensupport.feature"]
    (tmp_path / "qt_user_mod.py").write_text("from PySide6.QtCore import QObject\n", encoding="utf-8")
    (tmp_path / "plain_mod.py").write_text("X = 1\n", encoding="utf-8")
    sys.path.insert(0, str(tmp_path))
    try:
        assert feature._mod_uses_pyside(importlib.import_module("qt_user_mod"))
        assert not feature._mod_uses_pyside(importlib.import_module("plain_mod"))
    finally:
        sys.path.remove(str(tmp_path))
    assert not feature._mod_uses_pyside(sys)  # built in: PySide6's own answer
    assert not feature._mod_uses_pyside(types.ModuleType("made_here"))
