"""Parse request fields into the arguments of archive calls (shared by pages and API)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from werkzeug.exceptions import BadRequest

from archive.metadata import ENTERABLE, validate
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
