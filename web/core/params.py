"""Parse request fields into the arguments of archive calls (shared by pages and API)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from werkzeug.exceptions import BadRequest

from archive.metadata import ENTERABLE, MetadataError, parse_date, validate
from search import FACETS

SORTS = ("relevance", "date", "-date")
MAX_PER_PAGE = 100
MAX_PAGE = 10_000
LIST_SEPARATORS = ("\r\n", "\n")


@dataclass(frozen=True)
class SearchArgs:
    """One search request: the query text, facet filters, page and order."""

    q: str = ""
    filters: dict[str, str | int] = field(default_factory=dict)
    page: int = 1
    per_page: int = 20
    sort: str = "relevance"


def number(args: Mapping[str, str], name: str, default: int, low: int, high: int) -> int:
    """An integer field in ``[low, high]``, or 400."""
    raw = args.get(name, "")
    if raw in ("", None):
        return default
    try:
        value = int(raw)
    except ValueError:
        raise BadRequest(f"'{name}' phải là số nguyên") from None
    if not low <= value <= high:
        raise BadRequest(f"'{name}' phải trong khoảng {low}–{high}")
    return value


def search_args(args: Mapping[str, str], per_page: int = 20) -> SearchArgs:
    """Read q, filters, page, per_page and sort from query-string fields."""
    filters: dict[str, str | int] = {}
    for name in FACETS:
        value = (args.get(name) or "").strip()
        if value:
            filters[name] = number(args, name, 0, 1, 9999) if name == "year" else value
    sort = args.get("sort") or "relevance"
    if sort not in SORTS:
        raise BadRequest(f"'sort' phải là một trong: {', '.join(SORTS)}")
    return SearchArgs(
        q=(args.get("q") or "").strip(),
        filters=filters,
        page=number(args, "page", 1, 1, MAX_PAGE),
        per_page=number(args, "per_page", per_page, 1, MAX_PER_PAGE),
        sort=sort,
    )


def metadata_fields(form: Mapping[str, str], *, keep_empty: bool) -> dict[str, Any]:
    """Validated metadata from form fields named after ENTERABLE metadata fields."""
    values: dict[str, Any] = {}
    for name in sorted(ENTERABLE):
        if name not in form:
            continue
        value = form[name].strip()
        if name == "recipients":
            for separator in LIST_SEPARATORS:
                value = value.replace(separator, ";")
        if value or keep_empty:
            values[name] = value
    return validate(values)


@dataclass(frozen=True)
class AwardArgs:
    """One award look-up: who, which form, which year, which unit; page and size."""

    person: str = ""
    form: str = ""
    year: int | None = None
    unit: str = ""
    page: int = 1
    per_page: int = 20

    @property
    def offset(self) -> int:
        """How many entries the earlier pages hold."""
        return (self.page - 1) * self.per_page


def award_args(args: Mapping[str, str], per_page: int = 20) -> AwardArgs:
    """Read person, form, year, unit, page and per_page from query-string fields."""
    return AwardArgs(
        person=(args.get("person") or "").strip()[:200],
        form=(args.get("form") or "").strip()[:200],
        year=number(args, "year", 0, 1, 9999) or None,
        unit=(args.get("unit") or "").strip()[:200],
        page=number(args, "page", 1, 1, MAX_PAGE),
        per_page=number(args, "per_page", per_page, 1, MAX_PER_PAGE),
    )


def day(args: Mapping[str, str], name: str) -> date | None:
    """A dd/mm/yyyy (or ISO) date field, None when empty, or 400 naming the field."""
    raw = (args.get(name) or "").strip()
    if not raw:
        return None
    try:
        return date.fromisoformat(parse_date(raw))
    except MetadataError as exc:
        raise BadRequest(str(exc)) from None
