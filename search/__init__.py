"""Full-text search over the archive, Vietnamese first, behind a small engine-neutral API."""

from search.index import DEFAULT_ENGINE, ENGINES, SearchIndex
from search.query import QuerySyntaxError
from search.results import FACETS, Hit, SearchResults

__all__ = [
    "DEFAULT_ENGINE",
    "ENGINES",
    "FACETS",
    "Hit",
    "QuerySyntaxError",
    "SearchIndex",
    "SearchResults",
]
