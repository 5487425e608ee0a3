"""The hall monitor's charts (QtCharts): tickets waiting through the day, served per hour and per
window. A chart is redrawn only when its figures change (the tab reads the hall every second)."""

from __future__ import annotations

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QCategoryAxis,
    QChart,
    QChartView,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QHBoxLayout, QWidget

from counter_app.services.monitor import Curves

# a hall of 300 windows would make unreadable bars: the busiest ones are shown
MOST_WINDOWS = 24


def _chart(title: str) -> QChart:
    chart = QChart()
    chart.setTitle(title)
    font = QFont(chart.titleFont())
    font.setPointSize(10)
    font.setBold(True)
    chart.setTitleFont(font)
    chart.legend().hide()
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.setBackgroundRoundness(0)
    return chart


def _view(chart: QChart, name: str) -> QChartView:
    view = QChartView(chart)
    view.setObjectName(name)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumHeight(200)
    view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return view


def _value_axis(top: int) -> QValueAxis:
    axis = QValueAxis()
    axis.setLabelFormat("%d")
    axis.setRange(0, max(4, top + top // 8 + 1))
    axis.setTickCount(5)
    axis.applyNiceNumbers()  # 0, 20, 40 … rather than 0, 27, 55 …
    return axis


class HallCharts(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.waiting_chart = _chart(self.tr("Tickets waiting through the day"))
        self.hour_chart = _chart(self.tr("Served per hour"))
        self.window_chart = _chart(self.tr("Served per window today"))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(_view(self.waiting_chart, "chart_waiting"), 3)
        row.addWidget(_view(self.hour_chart, "chart_per_hour"), 2)
        row.addWidget(_view(self.window_chart, "chart_per_window"), 3)
        self.shown: Curves | None = None

    def show_curves(self, curves: Curves) -> None:
        if curves == self.shown:
            return
        if self.shown is None or curves.waiting != self.shown.waiting:
            self._waiting(curves.waiting)
        if self.shown is None or curves.served_per_hour != self.shown.served_per_hour:
            self._bars(
                self.hour_chart,
                [self.tr("%1h").replace("%1", str(h)) for h, _n in curves.served_per_hour],
                [n for _h, n in curves.served_per_hour],
                QColor("#2e7d32"),
            )
        if self.shown is None or curves.served_per_window != self.shown.served_per_window:
            busiest = sorted(curves.served_per_window, key=lambda p: (-p[1], p[0]))[:MOST_WINDOWS]
            busiest.sort()
            self._bars(
                self.window_chart, [c for c, _n in busiest], [n for _c, n in busiest], QColor("#1565c0")
            )
        self.shown = curves

    def served_total(self) -> int:
        """What the per-window chart adds up to (the tests read the chart, not the answer)."""
        total = 0
        for series in self.window_chart.series():
            assert isinstance(series, QBarSeries)
            for bar_set in series.barSets():
                total += int(sum(bar_set.at(i) for i in range(bar_set.count())))
        return total

    def _waiting(self, points: tuple[tuple[str, int], ...]) -> None:
        chart = self.waiting_chart
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        series = QLineSeries()
        series.setColor(QColor("#e65100"))
        for n, (_at, waiting) in enumerate(points):
            series.append(float(n), float(waiting))
        chart.addSeries(series)
        x = QCategoryAxis()  # quarter hours, labelled on the hour
        x.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
        x.setRange(0, max(1, len(points) - 1))
        for n, (at, _w) in enumerate(points):
            if at.endswith(":00"):
                x.append(at[:2], float(n))
        y = _value_axis(max((w for _a, w in points), default=0))
        chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(x)
        series.attachAxis(y)

    @staticmethod
    def _bars(chart: QChart, labels: list[str], values: list[int], color: QColor) -> None:
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        bar_set = QBarSet("")
        bar_set.setColor(color)
        bar_set.append([float(v) for v in values])
        series = QBarSeries()
        series.append(bar_set)
        series.setLabelsVisible(len(values) <= 12)
        chart.addSeries(series)
        x = QBarCategoryAxis()
        x.append(labels or ["—"])
        if len(labels) > 8:
            x.setLabelsAngle(-90)
        y = _value_axis(max(values, default=0))
        chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(x)
        series.attachAxis(y)
