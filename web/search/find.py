"""The search page: one query box, facets, highlighted snippets, pages."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, render_template, request, url_for

from archive import service
from archive.actions import searches
from search import FACETS, QuerySyntaxError, SearchTooSlow
from web.core.deps import archive, user
from web.core.i18n import t
from web.core.params import SearchArgs, search_args

bp = Blueprint("search", __name__, template_folder="templates")


@bp.get("/search")
def index() -> str | tuple[str, int]:
    """Run the query in the address and show one page of results."""
    args = search_args(request.args, current_app.config["PER_PAGE"])
    try:
        found = service.search(
            archive(),
            user(),
            args.q,
            filters=args.filters,
            page=args.page,
            per_page=args.per_page,
            sort=args.sort,
        )
    except QuerySyntaxError as exc:
        return render_template(
            "search/search.html", args=args, found=None, error=str(exc), saved=[]
        ), 400
    except SearchTooSlow:
        return render_template(
            "search/search.html",
            args=args,
            found=None,
            error=t("error.search_too_slow"),
            saved=[],
        ), 503
    return render_template(
        "search/search.html",
        args=args,
        found=found,
        facets=found.facets,
        error=None,
        saved=searches.listing(archive(), user()),
        export_max=searches.EXPORT_MAX,
    )


@bp.app_template_global()
def search_url(args: SearchArgs, **changes: object) -> str:
    """The address of the current search with some fields changed (None removes one)."""
    params: dict[str, Any] = {"q": args.q, **args.filters, "sort": args.sort}
    if args.sort == "relevance":
        params.pop("sort")
    params.update(changes)
    if params.get("page") == 1:
        params.pop("page")
    return url_for("search.index", **{k: v for k, v in params.items() if v not in (None, "")})


@bp.app_context_processor
def facet_context() -> dict[str, object]:
    """The facets the index counts, and the arguments that clear every filter."""
    return {"facet_names": FACETS, "cleared": dict.fromkeys(FACETS)}
