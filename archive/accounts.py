"""Accounts: people who sign in, with a role, and API tokens for programs."""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from werkzeug.security import check_password_hash, generate_password_hash

from archive.account_store import save_account, save_token
from archive.catalog.models import TokenRow, UserRow
from archive.errors import ArchiveError
from archive.facade import Archive
from archive.permissions import ROLES

MIN_PASSWORD = 10
_TOUCH = timedelta(minutes=1)
_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")


class AccountError(ArchiveError):
    """An account cannot be created or used as asked."""

    code = "account_error"


@dataclass(frozen=True)
class User:
    """A person (or a program acting for one) with a role."""

    username: str
    full_name: str
    role: str
    active: bool = True


def _to_user(row: UserRow) -> User:
    return User(username=row.username, full_name=row.full_name, role=row.role, active=row.active)


def add_user(
    archive: Archive, username: str, password: str, role: str, full_name: str = ""
) -> User:
    """Create an account; the password is stored as a salted scrypt hash."""
    if not _USERNAME.match(username):
        raise AccountError(
            "Tên đăng nhập chỉ gồm chữ thường không dấu, số, dấu chấm, gạch (2–64 ký tự)"
        )
    if role not in ROLES:
        raise AccountError(f"Vai trò '{role}' không có; chọn một trong: {', '.join(ROLES)}")
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"Mật khẩu cần ít nhất {MIN_PASSWORD} ký tự")
    with archive.session() as session:
        if session.get(UserRow, username) is not None:
            raise AccountError(f"Tên đăng nhập '{username}' đã có")
        row = UserRow(
            username=username,
            full_name=full_name or username,
            role=role,
            password_hash=generate_password_hash(password),
            active=True,
            created_at=datetime.now(UTC),
        )
        save_account(archive.store, row, "tạo tài khoản")
        session.add(row)
        return _to_user(row)


def authenticate(archive: Archive, username: str, password: str) -> User | None:
    """Return the user when the password is right and the account active."""
    with archive.sessions() as session:
        row = session.get(UserRow, username.strip().lower())
        if row is None or not row.active:
            # Spend the same time as a real check, so names cannot be probed by timing.
            check_password_hash(generate_password_hash("x"), password)
            return None
        return _to_user(row) if check_password_hash(row.password_hash, password) else None


def get_user(archive: Archive, username: str) -> User | None:
    """The account named ``username``, if any."""
    with archive.sessions() as session:
        row = session.get(UserRow, username)
        return _to_user(row) if row else None


def list_users(archive: Archive) -> list[User]:
    """Every account, by name."""
    with archive.sessions() as session:
        return [_to_user(r) for r in session.scalars(select(UserRow).order_by(UserRow.username))]


def has_users(archive: Archive) -> bool:
    """Whether any account exists (the first run creates the first admin)."""
    with archive.sessions() as session:
        return session.scalar(select(UserRow.username).limit(1)) is not None


def create_token(archive: Archive, username: str, label: str = "") -> str:
    """Create an API token for ``username``; return it (it is shown only this once)."""
    if get_user(archive, username) is None:
        raise AccountError(f"Không có tài khoản '{username}'")
    token = "hoso_" + secrets.token_urlsafe(32)
    row = TokenRow(
        token_hash=_token_hash(token),
        username=username,
        label=label or "API",
        created_at=datetime.now(UTC),
    )
    with archive.session() as session:
        save_token(archive.store, row)
        session.add(row)
    return token


def user_for_token(archive: Archive, token: str) -> User | None:
    """The active user an API token belongs to."""
    with archive.session() as session:
        row = session.get(TokenRow, _token_hash(token))
        if row is None:
            return None
        now = datetime.now(UTC)
        last = row.last_used_at
        if last is None or last < now - _TOUCH:
            # A write per request would serialise every API call on the catalog.
            row.last_used_at = now
        user = session.get(UserRow, row.username)
        return _to_user(user) if user and user.active else None


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def ensure_first_admin(archive: Archive) -> str | None:
    """On an archive with no accounts, create ``admin`` and return its one-time password."""
    if has_users(archive):
        return None
    password = secrets.token_urlsafe(12)
    add_user(archive, "admin", password, "admin", full_name="Quản trị hệ thống")
    return password


def set_password(archive: Archive, username: str, password: str) -> None:
    """Replace a user's password."""
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"Mật khẩu cần ít nhất {MIN_PASSWORD} ký tự")
    with archive.session() as session:
        row = session.get(UserRow, username)
        if row is None:
            raise AccountError(f"Không có tài khoản '{username}'")
        row.password_hash = generate_password_hash(password)
        save_account(archive.store, row, "đổi mật khẩu")


def set_active(archive: Archive, username: str, active: bool) -> None:
    """Lock or unlock an account (its tokens stop working while it is locked)."""
    with archive.session() as session:
        row = session.get(UserRow, username)
        if row is None:
            raise AccountError(f"Không có tài khoản '{username}'")
        row.active = active
        save_account(archive.store, row, "mở khóa" if active else "khóa tài khoản")
