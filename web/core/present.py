"""Template filters: dates as dd/mm/yyyy, numbers and sizes the Vietnamese way, labels."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone, tzinfo
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from flask import Flask, current_app

from archive.format import dmy, human_size
from web.core.i18n import lang, t, tn

# Vietnam has kept UTC+7 without daylight saving; used when the zone database is absent.
VIETNAM = timezone(timedelta(hours=7))


def office_zone() -> tzinfo:
    """The office's time zone (Vietnam's when the configured one is unknown)."""
    try:
        return ZoneInfo(current_app.config["TIMEZONE"])
    except (ZoneInfoNotFoundError, ValueError):
        return VIETNAM


def when(value: datetime | str | None, *, seconds: bool = False) -> str:
    """A moment as dd/mm/yyyy HH:MM in the office's time zone."""
    if not value:
        return ""
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(office_zone()).strftime("%d/%m/%Y %H:%M" + (":%S" if seconds else ""))


def num(value: int) -> str:
    """An integer with the thousands separator of the current language."""
    text = f"{int(value):,}"
    return text.replace(",", ".") if lang() == "vi" else text


def size(value: int) -> str:
    """Bytes as KB/MB/GB; decimal comma in Vietnamese."""
    text = human_size(int(value))
    return text if lang() == "vi" else text.replace(",", ".")


def field_value(value: Any, key: str) -> str:
    """A metadata value as one line of text."""
    if value in (None, "", []):
        return ""
    if key == "issued_date":
        return dmy(str(value))
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return str(value)


def source(provenance: dict[str, str] | None) -> str:
    """Where a value came from: extracted by a parser or entered by a person."""
    if not provenance:
        return ""
    if provenance.get("source") == "entered":
        return t("prov.entered", by=provenance.get("by", "?"))
    return t("prov.extracted", by=provenance.get("by", "?"))


def retention_period(retention: dict[str, Any] | None) -> str:
    """A retention block's period as words (the catalog's twin of ``retention_label``)."""
    retention = retention or {}
    if retention.get("permanent"):
        return t("retention.permanent")
    if retention.get("until_superseded"):
        return t("retention.until_superseded")
    if retention.get("period_years"):
        return tn("retention.years.one", "retention.years", int(retention["period_years"]))
    return t("retention.unknown")


def init_app(app: Flask) -> None:
    """Register the filters."""
    app.jinja_env.filters.update(
        dmy=dmy,
        when=when,
        num=num,
        size=size,
        field_value=field_value,
        source=source,
        retention_period=retention_period,
    )
