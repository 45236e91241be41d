"""A person's own account: change the password, create, list and revoke API tokens."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from archive.accounts import AccountError
from archive.actions import accounts as actions
from archive.actions.accounts import WrongPassword
from archive.errors import SigninThrottled
from web.core.deps import address, archive, user
from web.core.i18n import t

bp = Blueprint("account", __name__, url_prefix="/account")
LABEL_CHARS = 100


def _page(status: int = 200, **context: object) -> tuple[str, int]:
    tokens = actions.list_tokens(archive(), user(), user().username)
    return render_template("admin/account.html", tokens=tokens, **context), status


@bp.get("/")
def index() -> tuple[str, int]:
    """Show the account page, with the person's API tokens."""
    return _page()


@bp.post("/password")
def password() -> Response | tuple[str, int]:
    """Replace the signed-in user's password after checking the current one."""
    form = request.form
    error = None
    if form.get("new", "") != form.get("confirm", ""):
        error = t("account.mismatch")
    else:
        try:
            actions.change_own_password(
                archive(), user(), form.get("current", ""), form.get("new", ""), address=address()
            )
        except WrongPassword:
            error = t("account.wrong_current")
        except SigninThrottled as exc:
            error = t("signin.throttled", seconds=exc.seconds)
        except AccountError as exc:
            error = str(exc)
    if error:
        return _page(400, password_error=error)
    # The change ended every session of the account, this one too: sign in again.
    flash(t("account.password_changed"), "success")
    return redirect(url_for("auth.signin"))


@bp.post("/token")
def token() -> tuple[str, int]:
    """Create an API token for the signed-in user and show it this once."""
    label = request.form.get("label", "").strip()[:LABEL_CHARS]
    days = request.form.get("days", "").strip()
    try:
        value = actions.create_token(
            archive(),
            user(),
            user().username,
            label,
            # Anything but a small whole number is 0, which the action refuses by name.
            days=(int(days) if days.isdigit() and len(days) < 6 else 0) if days else None,
            read_only=request.form.get("read_only") == "1",
            address=address(),
        )
    except AccountError as exc:
        return _page(400, token_error=str(exc))
    return _page(new_token=value)


@bp.post("/tokens/<token_id>/revoke")
def revoke(token_id: str) -> Response:
    """Revoke one of the signed-in user's tokens."""
    found = actions.revoke_token(archive(), user(), token_id, address=address())
    flash(t("account.token_revoked", label=found.label), "success")
    return redirect(url_for("admin.account.index"))
