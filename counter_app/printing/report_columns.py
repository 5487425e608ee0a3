"""A hall report (日报 / 月报) as the exports and the preview read it, and its Chinese headings.

The one place that says what each figure is called on paper and how it is shown: counts as
whole numbers, average times in minutes, shares as percentages. The XLSX and PDF exports and the
dialog's preview all take their headings from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from counter_app.domain.dates import written_date

Kind = Literal["count", "minutes", "share", "days", "yuan"]
Value = int | float | None


@dataclass(frozen=True)
class Column:
    key: str
    heading: str
    kind: Kind


COLUMNS: dict[str, Column] = {
    c.key: c
    for c in (
        Column("tickets", "服务人次", "count"),
        Column("average_wait_seconds", "平均等候（分钟）", "minutes"),
        Column("average_service_seconds", "平均办理（分钟）", "minutes"),
        Column("consults", "咨询", "count"),
        Column("received", "收件", "count"),
        Column("accepted", "受理", "count"),
        Column("notified", "一次性告知", "count"),
        Column("refused", "不予受理", "count"),
        Column("completed", "办结", "count"),
        Column("completed_on_time", "按时办结", "count"),
        Column("completed_ahead", "其中提前办结", "count"),
        Column("completed_overdue", "超期办结", "count"),
        Column("average_days_promised", "平均承诺时限（工作日）", "days"),
        Column("average_days_used", "平均实际时限（工作日）", "days"),
        Column("instant", "即办件", "count"),
        Column("instant_share", "即办件占比", "share"),
        Column("fee_cases", "收费件数", "count"),
        Column("fees_charged_fen", "实收金额（元）", "yuan"),
        Column("ratings", "评价数", "count"),
        Column("satisfaction_rate", "满意率", "share"),
    )
}
GROUPING_HEADINGS = {"window": "窗口", "department": "部门", "clerk": "人员", "item": "事项"}
PERIOD_NAMES = {"day": "日报", "month": "月报"}


@dataclass(frozen=True)
class ReportRow:
    key: str
    name: str
    values: tuple[Value, ...]  # one per column of the report, in its order


@dataclass(frozen=True)
class Report:
    period: str  # day | month
    start: date
    end: date  # the last day (inclusive)
    by: str  # window | department | clerk | item
    generated_at: datetime
    hall_name: str
    columns: tuple[str, ...]
    rows: tuple[ReportRow, ...]
    total: ReportRow
    notes: tuple[str, ...]
    note_keys: tuple[str, ...] = ()  # what each note is (time, fees, rate, …), where the server says

    def row_label(self, row: ReportRow) -> str:
        """A window's row is its code and name (``B01 公安户政窗口``); other rows their name."""
        if self.by == "window" and row.key and row.key not in row.name:
            return f"{row.key} {row.name}"
        return row.name

    @property
    def headings(self) -> list[str]:
        return [GROUPING_HEADINGS[self.by], *(COLUMNS[c].heading for c in self.columns)]

    @property
    def period_text(self) -> str:
        if self.period == "month":
            return f"{self.start.year}年{self.start.month}月"
        return f"{self.start.year}年{self.start.month}月{self.start.day}日"

    @property
    def title(self) -> str:
        """如 “示范市政务服务中心 2026年11月 月报（按窗口）”."""
        hall = f"{self.hall_name} " if self.hall_name else ""
        return f"{hall}{self.period_text} {PERIOD_NAMES[self.period]}（按{GROUPING_HEADINGS[self.by]}）"

    @property
    def file_stem(self) -> str:
        when = self.start.strftime("%Y-%m" if self.period == "month" else "%Y-%m-%d")
        return f"{PERIOD_NAMES[self.period]}-{when}-按{GROUPING_HEADINGS[self.by]}"


def period_line(report: Report) -> tuple[str, str]:
    """``统计期：2026年11月1日至2026年11月30日`` and ``生成时间：2026年12月1日 08:30``."""
    start, end = written_date(report.start), written_date(report.end)
    generated = f"{written_date(report.generated_at.date())} {report.generated_at:%H:%M}"
    return f"统计期：{start}至{end}", f"生成时间：{generated}"


def sign_off(report: Report, prepared_by: str = "") -> tuple[str, str, str]:
    """The report's 制表人 / 审核人 / 制表日期 lines (a blank to sign by hand where no name is known)."""
    blank = "＿" * 8
    return (
        f"制表人：{prepared_by or blank}",
        f"审核人：{blank}",
        f"制表日期：{written_date(report.generated_at.date())}",
    )


def cell_number(column: str, value: Value) -> Value:
    """The number as the spreadsheet holds it: minutes for the average times."""
    if value is None:
        return None
    if COLUMNS[column].kind == "minutes":
        return round(float(value) / 60, 1)
    if COLUMNS[column].kind == "yuan":
        return round(int(value) / 100, 2)
    return value


def cell_text(column: str, value: Value) -> str:
    """The figure as printed: ``—`` where there is nothing to divide by."""
    if value is None:
        return "—"
    kind = COLUMNS[column].kind
    if kind == "minutes":
        return f"{float(value) / 60:.1f}"
    if kind == "share":
        return f"{float(value) * 100:.1f}%"
    if kind == "days":
        return f"{float(value):.1f}"
    if kind == "yuan":
        return f"{int(value) // 100:,}.{int(value) % 100:02d}"
    return str(int(value))
