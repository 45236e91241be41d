"""Full-text search over the archive, Vietnamese first, behind a small engine-neutral API."""

from search.budget import SearchTooSlow
from search.index import DEFAULT_ENGINE, ENGINES, SearchIndex
from search.query import SEARCH_BUDGET_SECONDS, QuerySyntaxError
from search.results import FACETS, Hit, SearchResults

__all__ = [
    "DEFAULT_ENGINE",
    "ENGINES",
    "FACETS",
    "SEARCH_BUDGET_SECONDS",
    "Hit",
    "QuerySyntaxError",
    "SearchIndex",
    "SearchResults",
    "SearchTooSlow",
]
