"""The retention schedule, kept as data: the shipped one, or the office's own file.

An office replaces the schedule by putting its own JSON file at
``<data dir>/retention-schedule.json`` (same shape as the shipped file); no code
changes.  ``docs/retention.md`` explains each key.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

LOCAL_FILE = "retention-schedule.json"


@dataclass(frozen=True)
class Rule:
    """One line of the schedule: what it covers, how long, and when it applies."""

    id: str
    title: str
    period_years: int | None
    permanent: bool
    until_superseded: bool
    match: dict[str, list[str]]

    def label(self) -> str:
        """The period as archivists say it."""
        if self.permanent:
            return "Vĩnh viễn"
        if self.until_superseded:
            return "Đến khi văn bản hết hiệu lực"
        return f"{self.period_years} năm"


@dataclass(frozen=True)
class Schedule:
    """The rules in the order they are tried, the authority table, and their legal source."""

    name: str
    source: str
    note: str
    rules: tuple[Rule, ...]
    authorities: dict[str, dict[str, Any]]
    origin: str

    def rule(self, rule_id: str) -> Rule | None:
        """The rule with this id."""
        return next((r for r in self.rules if r.id == rule_id), None)


class ScheduleError(ValueError):
    """The schedule file cannot be used; the message says where and why."""


def load_schedule(data_dir: Path) -> Schedule:
    """The office's schedule if it has one, else the shipped one."""
    local = data_dir / LOCAL_FILE
    if local.is_file():
        return parse_schedule(local.read_text(encoding="utf-8"), origin=str(local))
    shipped = resources.files("archive.retention") / "schedule_tt09_2011.json"
    return parse_schedule(shipped.read_text(encoding="utf-8"), origin="schedule_tt09_2011.json")


def parse_schedule(text: str, *, origin: str) -> Schedule:
    """Read and check a schedule document."""
    try:
        data = json.loads(text)
        rules = tuple(_rule(item) for item in data["rules"])
        schedule = Schedule(
            name=data["name"],
            source=data["source"],
            note=data.get("note", ""),
            rules=rules,
            authorities=dict(data.get("authorities", {})),
            origin=origin,
        )
    except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
        raise ScheduleError(f"Bảng thời hạn bảo quản {origin} không dùng được: {exc}") from exc
    ids = [r.id for r in rules]
    if len(set(ids)) != len(ids):
        raise ScheduleError(f"Bảng thời hạn bảo quản {origin}: trùng mã quy tắc")
    return schedule


def _rule(item: dict[str, Any]) -> Rule:
    permanent = bool(item.get("permanent"))
    until = bool(item.get("until_superseded"))
    period = item.get("period_years")
    if permanent + until + (period is not None) != 1:
        raise ValueError(
            f"quy tắc {item.get('id')}: cần đúng một trong permanent, "
            "until_superseded, period_years"
        )
    if period is not None and (not isinstance(period, int) or period <= 0):
        raise ValueError(f"quy tắc {item['id']}: period_years phải là số năm dương")
    return Rule(
        id=str(item["id"]),
        title=str(item["title"]),
        period_years=period,
        permanent=permanent,
        until_superseded=until,
        match={k: list(v) for k, v in item.get("match", {}).items()},
    )
