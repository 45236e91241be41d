"""What a search returns, independent of the engine behind it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

# Facets every search counts, by index field name.
FACETS = ("doc_type", "year", "issuer", "award_form")


@dataclass(frozen=True)
class SearchRequest:
    """One parsed search, as the index hands it to an engine."""

    tree: Any  # search.query.Node
    filters: Mapping[str, str | int] | None = None
    page: int = 1
    per_page: int = 20
    sort: str = "relevance"
    facets: bool = True
    hidden: Mapping[str, Iterable[str]] | None = None


@dataclass(frozen=True)
class Hit:
    """One matching document: its id, score, a highlighted HTML snippet, stored fields."""

    id: str
    score: float
    snippet: str
    fields: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class SearchResults:
    """One page of hits, the total match count and facet counts over all matches."""

    total: int
    hits: list[Hit]
    facets: dict[str, list[tuple[str, int]]]
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        """How many pages the whole result has."""
        return max(1, -(-self.total // self.per_page))


def ordered_counts(counts: Mapping[Any, int]) -> list[tuple[str, int]]:
    """Facet values with their counts, most frequent first, then by value; blanks dropped."""
    pairs = [(str(value), int(count)) for value, count in counts.items() if value not in (None, "")]
    return sorted(pairs, key=lambda kv: (-kv[1], kv[0]))
