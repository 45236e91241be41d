"""A person's own account: change the password, create an API token."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from archive.accounts import AccountError, authenticate
from archive.actions import accounts as actions
from web.core.deps import address, archive, user
from web.core.i18n import t

bp = Blueprint("account", __name__, url_prefix="/account")


@bp.get("/")
def index() -> str:
    """Show the account page."""
    return render_template("admin/account.html")


@bp.post("/password")
def password() -> Response | tuple[str, int]:
    """Replace the signed-in user's password after checking the current one."""
    form = request.form
    error = None
    if authenticate(archive(), user().username, form.get("current", "")) is None:
        error = t("account.wrong_current")
    elif form.get("new", "") != form.get("confirm", ""):
        error = t("account.mismatch")
    else:
        try:
            actions.change_own_password(archive(), user(), form.get("new", ""), address=address())
        except AccountError as exc:
            error = str(exc)
    if error:
        return render_template("admin/account.html", password_error=error), 400
    flash(t("account.password_changed"), "success")
    return redirect(url_for("admin.account.index"))


@bp.post("/token")
def token() -> str:
    """Create an API token for the signed-in user and show it this once."""
    label = request.form.get("label", "").strip()[:100]
    value = actions.create_token(archive(), user(), user().username, label, address=address())
    return render_template("admin/account.html", new_token=value)
