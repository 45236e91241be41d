"""Dates, sizes and retention periods as an archivist reads them, in Vietnamese."""

from __future__ import annotations

from datetime import date, datetime


def human_size(size: int) -> str:
    """Bytes as KB/MB/GB, as Vietnamese offices write them."""
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}".replace(".", ",")
        value /= 1024
    return f"{size} B"


def dmy(value: object) -> str:
    """A date (or an ISO date, or a time stamp) as dd/mm/yyyy; '' when there is none,
    and any other text as it is."""
    if isinstance(value, datetime | date):
        return value.strftime("%d/%m/%Y")
    text = str(value or "")
    if len(text) >= 10 and text[4] == "-" and text[7] == "-":
        return f"{text[8:10]}/{text[5:7]}/{text[:4]}"
    return text


def retention_label(retention: dict) -> str:
    """A retention block as an archivist reads it: period, rule, due date, hold."""
    if retention.get("permanent"):
        period = "Vĩnh viễn"
    elif retention.get("until_superseded"):
        period = "Đến khi văn bản hết hiệu lực"
    elif retention.get("period_years"):
        period = f"{retention['period_years']} năm"
    else:
        period = "Chưa xác định"
    parts = [period]
    if retention.get("disposal_due"):
        parts.append(f"đến hạn xử lý sau {dmy(retention['disposal_due'])}")
    if retention.get("hold"):
        parts.append("ĐANG BỊ GIỮ (không được hủy)")
    if retention.get("rule_title"):
        parts.append(f"theo: {retention['rule_title']}")
    return "; ".join(parts)
