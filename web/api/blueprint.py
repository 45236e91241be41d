"""The API's blueprint: bearer-token sign-in for every route, and the OpenAPI document."""

from __future__ import annotations

import re
from functools import cache

from flask import Blueprint, g, jsonify, request
from werkzeug.exceptions import BadRequest, Unauthorized
from werkzeug.wrappers import Response

from archive.actions.accounts import user_for_token
from web.api.openapi import document
from web.core.deps import address, archive

bp = Blueprint("api", __name__, url_prefix="/api/v1")
PUBLIC = frozenset({"api.openapi"})


@bp.before_request
def authenticate() -> None:
    """Find the user the bearer token belongs to, or answer 401."""
    g.user = None
    if request.endpoint in PUBLIC:
        return
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        raise Unauthorized("Thiếu mã truy cập: gửi tiêu đề «Authorization: Bearer <mã>»")
    g.user = user_for_token(archive(), token, address=address())
    if g.user is None:
        raise Unauthorized(
            "Mã truy cập không đúng, đã hết hạn, đã bị thu hồi, hoặc tài khoản đã bị khóa"
        )


@bp.before_request
def known_parameters() -> None:
    """Refuse query parameters the OpenAPI document does not name, given twice, or not a
    whole number where it says one (400): a misspelt or doubled one is not silently
    ignored. The document is the one list of them."""
    rule = request.url_rule
    if rule is None or request.endpoint in PUBLIC:
        return
    documented = query_parameters(request.method.lower(), rule.rule)
    unknown = sorted(set(request.args) - set(documented))
    if unknown:
        raise BadRequest(
            f"Tham số không có: {', '.join(repr(u) for u in unknown)}; "
            f"dùng: {', '.join(sorted(documented)) or '(không có tham số nào)'}"
        )
    for name, values in request.args.lists():
        if len(values) > 1:
            raise BadRequest(f"Tham số '{name}' chỉ được gửi một lần")
        whole = values[0].isascii() and values[0].isdigit()
        if documented[name] == "integer" and not whole:
            raise BadRequest(f"'{name}' phải là số nguyên")


@cache
def query_parameters(method: str, rule: str) -> dict[str, str]:
    """The query parameters the document names for one operation of a Flask rule, each
    with its JSON type."""
    path = re.sub(r"<(?:[^:>]+:)?([^>]+)>", r"{\1}", rule.removeprefix(bp.url_prefix or ""))
    operation = document()["paths"].get(path, {}).get(method, {})
    return {
        p["name"]: p["schema"].get("type", "string")
        for p in operation.get("parameters", [])
        if p["in"] == "query"
    }


@bp.get("/openapi.json")
def openapi() -> Response:
    """The OpenAPI 3.1 description of this API."""
    return jsonify(document())
