"""The Qt window client. Imports services and printing; nothing imports it."""

from counter_app.ui.pyside_imports import faster_feature_check

faster_feature_check()
