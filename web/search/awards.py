"""Looking up awards across every decision: who received what, when, by which decision."""

from __future__ import annotations

from math import ceil
from typing import Any

from flask import Blueprint, current_app, render_template, request, url_for

from archive import service
from archive.awards import AwardEntry
from archive.vn.award_forms import canonical_names
from web.core.deps import archive, user
from web.core.params import AwardArgs, award_args

bp = Blueprint("awards", __name__)


def look_up(args: AwardArgs) -> tuple[int, list[AwardEntry]]:
    """One page of the entries matching ``args`` that the signed-in user may see."""
    return service.awards(
        archive(),
        user(),
        person=args.person or None,
        form=args.form or None,
        year=args.year,
        unit=args.unit or None,
        limit=args.per_page,
        offset=args.offset,
    )


@bp.get("/awards")
def index() -> str:
    """Filter award entries by person, form, year and unit; one page of them."""
    args = award_args(request.args, current_app.config["PER_PAGE"])
    total, entries = look_up(args)
    return render_template(
        "search/awards.html",
        args=args,
        total=total,
        entries=entries,
        pages=max(1, ceil(total / args.per_page)),
        forms=canonical_names(),
    )


@bp.app_template_global()
def awards_url(args: AwardArgs, **changes: object) -> str:
    """The address of the current look-up with some fields changed."""
    params: dict[str, Any] = {
        "person": args.person,
        "form": args.form,
        "year": args.year,
        "unit": args.unit,
        "page": args.page,
    }
    params.update(changes)
    if params.get("page") == 1:
        params.pop("page")
    return url_for(
        "search.awards.index", **{k: v for k, v in params.items() if v not in (None, "")}
    )
