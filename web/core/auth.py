"""Signing in and out with a Flask session, and the guard in front of every page."""

from __future__ import annotations

from flask import Blueprint, Flask, g, redirect, render_template, request, session, url_for
from werkzeug.exceptions import Unauthorized
from werkzeug.wrappers import Response

from archive.accounts import get_user
from archive.actions.accounts import sign_in
from archive.audit import record_event
from archive.errors import SigninThrottled
from web.core.deps import address, archive, user
from web.core.i18n import t
from web.core.safety import local_target

bp = Blueprint("auth", __name__)
# Reachable without signing in; the API checks its own bearer tokens.
OPEN = frozenset({"auth.signin", "static", "lang.switch"})
NAME_CHARS = 64


def guard() -> Response | None:
    """Load the signed-in user; send everyone else to the sign-in page."""
    g.user = None
    if request.path.startswith("/api/"):
        return None  # bearer tokens there; unknown API paths answer 404 JSON
    username = session.get("user")
    if username:
        found = get_user(archive(), username)
        # A password change or a lock raises the account's epoch: older sessions end here.
        if found is not None and found.active and session.get("epoch") == found.auth_version:
            g.user = found
        else:
            session.pop("user", None)
            session.pop("epoch", None)
    if g.user is not None or request.endpoint in OPEN:
        return None
    if request.accept_mimetypes.best == "application/json":
        raise Unauthorized()
    return redirect(url_for("auth.signin", next=request.full_path.rstrip("?")))


@bp.route("/signin", methods=["GET", "POST"])
def signin() -> Response | str | tuple[str, int]:
    """Show the sign-in form, and sign in with a username and password."""
    target = local_target(request.values.get("next"), url_for("search.home.index"))
    if g.user is not None and request.method == "GET":
        return redirect(target)
    if request.method == "GET":
        return render_template("signin.html", next=target, username="")
    username = request.form.get("username", "").strip().lower()[:NAME_CHARS]
    password = request.form.get("password", "")
    try:
        found = sign_in(archive(), username, password, address=address())
    except SigninThrottled as exc:
        page = render_template(
            "signin.html",
            next=target,
            username=username,
            throttled=t("signin.throttled", seconds=exc.seconds),
        )
        return Response(page, 429, {"Retry-After": str(exc.seconds)})
    if found is None:
        return render_template("signin.html", next=target, username=username, failed=True), 401
    chosen = session.get("lang")
    session.clear()  # a fresh session, so a planted one cannot be carried over
    session.update(user=found.username, epoch=found.auth_version, lang=chosen or "vi")
    session.permanent = True
    return redirect(target)


@bp.post("/signout")
def signout() -> Response:
    """Sign out and return to the sign-in page."""
    record_event(archive(), user().username, "signout", address=address())
    chosen = session.get("lang")
    session.clear()
    if chosen:
        session["lang"] = chosen
    return redirect(url_for("auth.signin"))


def init_app(app: Flask) -> None:
    """Put the guard in front of every request and register the routes."""
    app.before_request(guard)
    app.register_blueprint(bp)
