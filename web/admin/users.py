"""Administration of accounts: list them and add new ones."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from archive.accounts import AccountError, add_user, list_users
from archive.audit import record_event
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
    return render_template("admin/users.html", users=list_users(archive()), roles=ROLES, form={})


@bp.post("/")
def add() -> Response | tuple[str, int]:
    """Create an account from the form."""
    form = {name: request.form.get(name, "").strip() for name in FIELDS}
    try:
        created = add_user(
            archive(),
            form["username"].lower(),
            request.form.get("password", ""),
            form["role"],
            form["full_name"],
        )
    except AccountError as exc:
        page = render_template(
            "admin/users.html", users=list_users(archive()), roles=ROLES, form=form, error=str(exc)
        )
        return page, 400
    record_event(
        archive(),
        user().username,
        "user_add",
        address=address(),
        details={"username": created.username, "role": created.role},
    )
    flash(t("users.added", username=created.username), "success")
    return redirect(url_for("admin.users.index"))
