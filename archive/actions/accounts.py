"""Accounts and API tokens, managed by an administrator (a token also by its owner)."""

from __future__ import annotations

from archive import accounts, audit
from archive.accounts import User
from archive.facade import Archive
from archive.permissions import require


def add_user(
    archive: Archive,
    user: User,
    username: str,
    password: str,
    role: str,
    full_name: str = "",
    *,
    address: str | None = None,
) -> User:
    """Create an account."""
    require(user.role, "user.manage")
    created = accounts.add_user(archive, username, password, role, full_name)
    audit.record_event(
        archive,
        user.username,
        "user_add",
        address=address,
        details={"username": created.username, "role": created.role},
    )
    return created


def change_own_password(
    archive: Archive, user: User, new_password: str, *, address: str | None = None
) -> None:
    """Set the signed-in person's new password (the form checked the current one)."""
    accounts.set_password(archive, user.username, new_password)
    audit.record_event(archive, user.username, "password_change", address=address)


def list_users(archive: Archive, user: User) -> list[User]:
    """Every account."""
    require(user.role, "user.manage")
    return accounts.list_users(archive)


def create_token(
    archive: Archive, user: User, owner: str, label: str = "", *, address: str | None = None
) -> str:
    """A new API token for ``owner`` (oneself, or anyone for an administrator)."""
    if owner != user.username:
        require(user.role, "user.manage")
    token = accounts.create_token(archive, owner, label)
    audit.record_event(
        archive,
        user.username,
        "token_create",
        address=address,
        details={"username": owner, "label": label},
    )
    return token
