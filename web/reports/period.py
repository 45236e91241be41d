"""The period and the figure a report page is asked for, read from the query string."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from werkzeug.exceptions import BadRequest

from archive.statistics import KINDS, Selection
from web.core.deps import archive
from web.core.i18n import t

MAX_TEXT = 300


@dataclass(frozen=True)
class Period:
    """One year, or a range of years, and the grouping of the summary."""

    first: int
    last: int
    by: str

    def args(self) -> dict[str, int | str]:
        """The period as query arguments."""
        return {"from": self.first, "to": self.last, "by": self.by}


def _year(args: Mapping[str, str], name: str) -> int | None:
    raw = (args.get(name) or "").strip()
    if not raw:
        return None
    if not raw.isdigit() or len(raw) != 4:
        raise BadRequest(t("reports.bad_year", name=name))
    return int(raw)


def period(args: Mapping[str, str]) -> Period:
    """The period asked for; this year when none is (the archive checks the bounds)."""
    year = _year(args, "year")
    first = _year(args, "from") or year
    last = _year(args, "to") or year or first
    if first is None:
        first = last = archive().settings.today().year  # the office's year
    return Period(first, last or first, (args.get("by") or "form").strip()[:16])


def _text(args: Mapping[str, str], name: str) -> str | None:
    value = args.get(name)
    if value is None:
        return None
    if len(value) > MAX_TEXT:
        raise BadRequest(t("reports.too_long", name=name))
    return value


def selection(args: Mapping[str, str]) -> Selection:
    """The figure whose entries are asked for; every field optional."""
    kind = _text(args, "kind")
    if kind not in (None, "", *KINDS):
        raise BadRequest(t("reports.bad_kind"))
    # "year" is the period's; the figure's own year has a name of its own.
    year = _year(args, "award_year")
    return Selection(
        form=_text(args, "form"),
        level=_text(args, "level"),
        kind=kind,
        unit=_text(args, "unit"),
        year=year,
        table=_text(args, "table"),
        line=_text(args, "line"),
    )


def selection_args(chosen: Selection) -> dict[str, object]:
    """A figure as query arguments."""
    named = {"award_year" if k == "year" else k: v for k, v in chosen.__dict__.items()}
    return {k: v for k, v in named.items() if v is not None}
