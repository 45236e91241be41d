"""Give a record its retention: the schedule's rule, or a person's decision, and a due date."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from archive.retention.classify import choose_rule, disposal_due
from archive.retention.schedule import Rule, Schedule


def closed_year(metadata: dict[str, Any], dossier_end: date | None, in_dossier: bool) -> int | None:
    """The year the matter closed: its dossier's end, else the document's own year."""
    if in_dossier:
        return dossier_end.year if dossier_end else None  # an open dossier has no end yet
    issued = metadata.get("issued_date")
    if isinstance(issued, str) and issued[:4].isdigit():
        return int(issued[:4])
    return None


def computed_retention(rule: Rule | None, year: int | None, schedule: Schedule) -> dict[str, Any]:
    """The retention block of the record JSON for a rule of the schedule."""
    if rule is None:
        return {
            "rule": None,
            "rule_title": "Chưa xác định — cần người làm lưu trữ chọn thời hạn",
            "period_years": None,
            "permanent": False,
            "disposal_due": None,
            "closed_year": year,
            "schedule": schedule.name,
        }
    due = disposal_due(rule, year)
    return {
        "rule": rule.id,
        "rule_title": rule.title,
        "period_years": rule.period_years,
        "permanent": rule.permanent,
        "until_superseded": rule.until_superseded,
        "disposal_due": due.isoformat() if due else None,
        "closed_year": year,
        "schedule": schedule.name,
    }


def assign(
    metadata: dict[str, Any],
    provenance: dict[str, dict[str, str]],
    schedule: Schedule,
    *,
    year: int | None,
) -> tuple[dict[str, Any], dict[str, dict[str, str]]]:
    """Metadata with its retention recomputed, unless a person decided it (then only the date)."""
    metadata = dict(metadata)
    provenance = dict(provenance)
    current = metadata.get("retention")
    if provenance.get("retention", {}).get("source") == "entered" and isinstance(current, dict):
        metadata["retention"] = redated(current, year)
        return metadata, provenance
    metadata["retention"] = computed_retention(choose_rule(metadata, schedule), year, schedule)
    provenance["retention"] = {
        "source": "computed",
        "by": schedule.origin,
        "at": datetime.now(UTC).isoformat(),
    }
    return metadata, provenance


def redated(retention: dict[str, Any], year: int | None) -> dict[str, Any]:
    period = retention.get("period_years")
    due = None
    if not retention.get("permanent") and isinstance(period, int) and year:
        due = date(year + period, 12, 31).isoformat()
    return {**retention, "disposal_due": due, "closed_year": year}


def decided_retention(
    *, period_years: int | None, permanent: bool, reason: str, year: int | None
) -> dict[str, Any]:
    """The retention block when a person sets the period themselves."""
    if permanent == (period_years is not None):
        raise ValueError("chọn hoặc vĩnh viễn, hoặc một số năm")
    block = {
        "rule": "entered",
        "rule_title": f"Do người làm lưu trữ quyết định: {reason}",
        "period_years": period_years,
        "permanent": permanent,
        "closed_year": year,
    }
    return redated(block, year)
