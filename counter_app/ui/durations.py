"""A length of time as people read it: always with its unit (分钟 / min), never ′ or m:ss."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def duration_text(seconds: float, *, exact: bool = False) -> str:
    """``不到 1 分钟`` · ``12 分钟`` · ``1 小时 5 分钟`` (English ``12 min``, ``1 h 5 min``): always a unit.

    *exact*: under a minute in seconds (``8 秒``), for how old the figures on screen are."""
    minutes = max(0, int(seconds)) // 60
    if minutes < 1 and exact:
        return QCoreApplication.translate("durations", "%1 s").replace("%1", str(max(0, int(seconds))))
    if minutes < 1:
        return QCoreApplication.translate("durations", "under 1 min")
    if minutes < 60:
        return QCoreApplication.translate("durations", "%1 min").replace("%1", str(minutes))
    return (
        QCoreApplication.translate("durations", "%1 h %2 min")
        .replace("%1", str(minutes // 60))
        .replace("%2", str(minutes % 60))
    )
