"""The API's blueprint: bearer-token sign-in for every route, and the OpenAPI document."""

from __future__ import annotations

from flask import Blueprint, g, jsonify, request
from werkzeug.exceptions import Unauthorized
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


@bp.get("/openapi.json")
def openapi() -> Response:
    """The OpenAPI 3.1 description of this API."""
    return jsonify(document())
