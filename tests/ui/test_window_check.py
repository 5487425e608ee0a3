"""``counter-app gui --check``'s look at the intake tab (the window itself is started by the
installed-package tests, tests/installer; here the check runs on a window a test opened)."""

from __future__ import annotations

import re

from counter_app.ui.window_check import problems
from tests.ui.conftest import Gui


def test_a_ready_window_is_usable_and_the_search_finds_its_first_item(gui: Gui) -> None:
    window = gui.window
    window.intake.picker.query.setText("护照")  # what a clerk had typed stays
    found, seen = problems(window)
    assert found == [], found
    assert window.intake.picker.query.text() == "护照"  # the check leaves the search as it found it
    window.intake.picker.query.clear()
    count = window.intake.picker.results.count()
    assert count > 0
    assert re.fullmatch(rf"{count} service items, searching '\w\w' finds [1-9]\d*", seen), seen


def test_what_keeps_the_intake_tab_from_use_is_named(gui: Gui) -> None:
    window = gui.window
    window.tabs.setCurrentWidget(window.cases)
    window.intake.picker.query.setEnabled(False)
    found, _seen = problems(window)
    assert found == ["the intake tab is not in front", "the item search does not take typing"]
