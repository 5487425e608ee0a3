"""Notices are drawn with reportlab's C accelerator (the rl-accel package), not its Python stand-ins."""

from __future__ import annotations

from reportlab.lib import rl_accel


def test_reportlab_uses_its_c_accelerator_for_every_function() -> None:
    assert rl_accel._py_funcs == {}, sorted(rl_accel._py_funcs)  # rl-accel missing from the install
    assert {"fp_str", "calcChecksum", "instanceStringWidthTTF"} <= set(rl_accel._c_funcs)
