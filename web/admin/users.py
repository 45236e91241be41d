"""Administration of accounts: list them and add new ones."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from archive.accounts import AccountError
from archive.actions import accounts as actions
from archive.permissions import ROLES, require
from web.core.deps import address, archive, user
from web.core.i18n import t

bp = Blueprint("users", __name__, url_prefix="/admin/users")
FIELDS = ("username", "full_name", "role")


@bp.before_request
def only_admins() -> None:
    """Every page here needs the right to manage accounts."""
    require(user().role, "user.manage")


@bp.get("/")
def index() -> str:
    """List every account, with the form to add one."""
    users = actions.list_users(archive(), user())
    return render_template("admin/users.html", users=users, roles=ROLES, form={})


@bp.post("/")
def add() -> Response | tuple[str, int]:
    """Create an account from the form."""
    form = {name: request.form.get(name, "").strip() for name in FIELDS}
    try:
        created = actions.add_user(
            archive(),
            user(),
            form["username"].lower(),
            request.form.get("password", ""),
            form["role"],
            form["full_name"],
            address=address(),
        )
    except AccountError as exc:
        users = actions.list_users(archive(), user())
        page = render_template(
            "admin/users.html", users=users, roles=ROLES, form=form, error=str(exc)
        )
        return page, 400
    flash(t("users.added", username=created.username), "success")
    return redirect(url_for("admin.users.index"))


@bp.post("/<username>/lock")
def lock(username: str) -> Response:
    """Lock an account: its sessions and tokens end."""
    actions.set_locked(archive(), user(), username, True, address=address())
    flash(t("users.locked", username=username), "success")
    return redirect(url_for("admin.users.index"))


@bp.post("/<username>/unlock")
def unlock(username: str) -> Response:
    """Unlock an account (it signs in again; its old tokens stay ended)."""
    actions.set_locked(archive(), user(), username, False, address=address())
    flash(t("users.unlocked", username=username), "success")
    return redirect(url_for("admin.users.index"))


@bp.post("/<username>/role")
def role(username: str) -> Response:
    """Give an account another role."""
    actions.set_role(archive(), user(), username, request.form.get("role", ""), address=address())
    flash(t("users.role_changed", username=username), "success")
    return redirect(url_for("admin.users.index"))
