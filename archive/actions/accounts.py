"""Accounts and API tokens: signing in, and management by an administrator (a token and
one's own password also by its owner). Every change and every refusal is audited."""

from __future__ import annotations

from archive import accounts, audit, signin_guard
from archive.accounts import TokenInfo, User
from archive.audit_limit import deny, record_limited
from archive.errors import AccountError, SigninThrottled
from archive.facade import Archive
from archive.permissions import require


class WrongPassword(AccountError):
    """The current password given to confirm a change is not the right one."""

    code = "wrong_password"

    def __init__(self) -> None:
        super().__init__("Mật khẩu hiện tại không đúng")


def sign_in(
    archive: Archive, username: str, password: str, *, address: str | None = None
) -> User | None:
    """The user when the password is right; None when not. Raise SigninThrottled while
    this account or address must wait, even for the right password."""
    found = _checked_password(archive, username, password, address)
    if found is not None:
        signin_guard.note_success(archive, found.username)
        audit.record_event(archive, found.username, "signin", address=address)
    return found


def _checked_password(
    archive: Archive, username: str, password: str, address: str | None
) -> User | None:
    """The account when the password is right, under the sign-in throttle; a wrong one
    counts as a failure and is noted (at a bounded rate)."""
    wait = signin_guard.wait_seconds(archive, username, address)
    if wait:
        deny(archive, None, "throttled", address=address, details={"username": username})
        raise SigninThrottled(wait)
    found = accounts.authenticate(archive, username, password)
    if found is None:
        signin_guard.note_failure(archive, username, address)
        actor = f"addr:{address}" if address else username
        record_limited(archive, actor, username or "?", "signin_failed", address=address)
    return found


def user_for_token(archive: Archive, token: str, *, address: str | None = None) -> User | None:
    """The user an API token acts for; a token that does not work is a noted refusal."""
    found, reason = accounts.check_token(archive, token)
    if found is None:
        deny(archive, None, "token", address=address, details={"reason": reason})
    return found


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
    archive: Archive, user: User, current: str, new_password: str, *, address: str | None = None
) -> None:
    """Set the signed-in person's new password once the current one is confirmed; the
    current one is checked under the same throttle as signing in."""
    require(user.role, "account.self")
    # Not a sign-in: no "signin" event, and the failures counted so far still stand.
    if _checked_password(archive, user.username, current, address) is None:
        raise WrongPassword()
    accounts.set_password(archive, user.username, new_password)
    audit.record_event(archive, user.username, "password_change", address=address)


def set_password(
    archive: Archive, user: User, username: str, password: str, *, address: str | None = None
) -> None:
    """An administrator sets another account's password (its sessions and tokens end)."""
    require(user.role, "user.manage")
    accounts.set_password(archive, username, password)
    audit.record_event(
        archive, user.username, "password_set", address=address, details={"username": username}
    )


def set_locked(
    archive: Archive, user: User, username: str, locked: bool, *, address: str | None = None
) -> None:
    """Lock an account (its sessions and tokens end) or unlock it."""
    require(user.role, "user.manage")
    if locked and username == user.username:
        raise AccountError("Không thể tự khóa tài khoản của chính mình")
    accounts.set_active(archive, username, not locked)
    action = "user_lock" if locked else "user_unlock"
    audit.record_event(
        archive, user.username, action, address=address, details={"username": username}
    )


def set_role(
    archive: Archive, user: User, username: str, role: str, *, address: str | None = None
) -> User:
    """Give an account another role."""
    require(user.role, "user.manage")
    if username == user.username:
        raise AccountError("Không thể tự đổi vai trò của chính mình")
    changed = accounts.set_role(archive, username, role)
    audit.record_event(
        archive,
        user.username,
        "user_role",
        address=address,
        details={"username": username, "role": role},
    )
    return changed


def list_users(archive: Archive, user: User) -> list[User]:
    """Every account."""
    require(user.role, "user.manage")
    return accounts.list_users(archive)


def create_token(
    archive: Archive,
    user: User,
    owner: str,
    label: str = "",
    *,
    days: int | None = None,
    read_only: bool = False,
    address: str | None = None,
) -> str:
    """A new API token for ``owner`` (oneself, or anyone for an administrator)."""
    require(user.role, "account.self")
    if owner != user.username:
        require(user.role, "user.manage")
    token = accounts.create_token(archive, owner, label, days=days, read_only=read_only)
    audit.record_event(
        archive,
        user.username,
        "token_create",
        address=address,
        details={"username": owner, "label": label, "read_only": read_only},
    )
    return token


def list_tokens(archive: Archive, user: User, owner: str | None = None) -> list[TokenInfo]:
    """The tokens of ``owner`` (one's own, or anyone's for an administrator; None: all)."""
    if owner != user.username:
        require(user.role, "user.manage")
    return accounts.list_tokens(archive, owner)


def revoke_token(
    archive: Archive, user: User, token_id: str, *, address: str | None = None
) -> TokenInfo:
    """Revoke a token (one's own, or anyone's for an administrator)."""
    require(user.role, "account.self")
    found = accounts.find_token(archive, token_id)
    if found.username != user.username:
        require(user.role, "user.manage")
    accounts.revoke_token(archive, found.id)
    audit.record_event(
        archive,
        user.username,
        "token_revoke",
        address=address,
        details={"username": found.username, "token": found.id, "label": found.label},
    )
    return found
