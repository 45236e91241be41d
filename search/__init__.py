"""Full-text search over the archive, Vietnamese first, behind a small engine-neutral API."""

from search.index import SearchIndex
from search.query import QuerySyntaxError
from search.results import FACETS, Hit, SearchResults

__all__ = ["FACETS", "Hit", "QuerySyntaxError", "SearchIndex", "SearchResults"]
