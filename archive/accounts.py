"""Accounts: people who sign in, with a role, and API tokens for programs."""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache

from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from archive.account_store import save_account, save_revocation, save_token
from archive.catalog.models import TokenRow, UserRow
from archive.errors import AccountError
from archive.facade import Archive
from archive.password_policy import MAX_PASSWORD, check_password
from archive.permissions import ROLES, ReadOnlyRole

__all__ = ["AccountError", "TokenInfo", "User"]

_TOUCH = timedelta(minutes=1)
_HEX = re.compile(r"[0-9a-f]+")
_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")
MAX_TOKEN_DAYS = 3650
TOKEN_ID_CHARS = 12


@dataclass(frozen=True)
class User:
    """A person (or a program acting for one) with a role."""

    username: str
    full_name: str
    role: str
    active: bool = True
    # The session epoch: a session signed in under another one has ended.
    auth_version: int = 0

    @property
    def read_only(self) -> bool:
        """Whether this user acts through a read-only token."""
        return isinstance(self.role, ReadOnlyRole)


def _to_user(row: UserRow, *, read_only: bool = False) -> User:
    return User(
        username=row.username,
        full_name=row.full_name,
        role=ReadOnlyRole(row.role) if read_only else row.role,
        active=row.active,
        auth_version=row.auth_version or 0,
    )


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
    check_password(password, username)
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
            auth_version=0,
        )
        save_account(archive.store, row, "tạo tài khoản")
        session.add(row)
        return _to_user(row)


def authenticate(archive: Archive, username: str, password: str) -> User | None:
    """Return the user when the password is right and the account active."""
    # No password set is longer than the policy allows: hashing more would only cost
    # time (a megabyte typed in), and the cut one still cannot match.
    password = password[: MAX_PASSWORD + 1]
    dummy = _dummy_hash()
    with archive.sessions() as session:
        row = session.get(UserRow, username.strip().lower())
        if row is None or not row.active:
            # One check against a hash made once, as long as a real one: an unknown name
            # takes the time a known one does, so names cannot be probed by timing.
            check_password_hash(dummy, password)
            return None
        return _to_user(row) if check_password_hash(row.password_hash, password) else None


@cache
def _dummy_hash() -> str:
    return generate_password_hash(secrets.token_urlsafe(16))


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


@dataclass(frozen=True)
class TokenInfo:
    """What may be shown of a token: never the token, only the start of its hash."""

    id: str
    username: str
    label: str
    created_at: datetime
    expires_at: datetime | None
    last_used_at: datetime | None
    revoked_at: datetime | None
    read_only: bool
    state: str  # active, expired, revoked, ended (by a password change or a lock)


def create_token(
    archive: Archive,
    username: str,
    label: str = "",
    *,
    days: int | None = None,
    read_only: bool = False,
) -> str:
    """Create an API token for ``username``; return it (it is shown only this once).

    It lasts ``days`` (the ``token_days`` setting when None) and, when ``read_only``,
    may only take reading actions.
    """
    days = archive.settings.token_days if days is None else days
    if not 1 <= days <= MAX_TOKEN_DAYS:
        raise AccountError(f"Thời hạn của mã phải từ 1 đến {MAX_TOKEN_DAYS} ngày")
    token = "hoso_" + secrets.token_urlsafe(32)
    now = datetime.now(UTC)
    with archive.session() as session:
        owner = session.get(UserRow, username)
        if owner is None:
            raise AccountError(f"Không có tài khoản '{username}'")
        row = TokenRow(
            token_hash=_token_hash(token),
            username=username,
            label=(label or "API")[:128],
            created_at=now,
            expires_at=now + timedelta(days=days),
            read_only=read_only,
            auth_version=owner.auth_version or 0,
        )
        save_token(archive.store, row)
        session.add(row)
    return token


def check_token(archive: Archive, token: str) -> tuple[User | None, str]:
    """The active user an API token belongs to, or None and why not
    (``unknown``, ``revoked``, ``expired``, ``ended``, ``locked``)."""
    if len(token) > 200:
        return None, "unknown"
    with archive.session() as session:
        row = session.get(TokenRow, _token_hash(token))
        if row is None:
            return None, "unknown"
        user = session.get(UserRow, row.username)
        now = datetime.now(UTC)
        reason = _token_state(row, user, now)
        if reason != "active" or user is None:
            return None, reason
        last = row.last_used_at
        if last is None or last < now - _TOUCH:
            # A write per request would serialise every API call on the catalog.
            row.last_used_at = now
        return _to_user(user, read_only=bool(row.read_only)), "active"


def user_for_token(archive: Archive, token: str) -> User | None:
    """The active user an API token belongs to."""
    return check_token(archive, token)[0]


def _token_state(row: TokenRow, owner: UserRow | None, now: datetime) -> str:
    if row.revoked_at is not None:
        return "revoked"
    if row.expires_at is not None and row.expires_at <= now:
        return "expired"
    if owner is None or (row.auth_version or 0) != (owner.auth_version or 0):
        return "ended"
    return "active" if owner.active else "locked"


def list_tokens(archive: Archive, username: str | None = None) -> list[TokenInfo]:
    """The tokens of ``username`` (everyone's when None), newest first."""
    query = select(TokenRow).order_by(TokenRow.created_at.desc())
    if username is not None:
        query = query.where(TokenRow.username == username)
    now = datetime.now(UTC)
    with archive.sessions() as session:
        owners = {row.username: row for row in session.scalars(select(UserRow))}
        return [_info(row, owners.get(row.username), now) for row in session.scalars(query)]


def _info(row: TokenRow, owner: UserRow | None, now: datetime) -> TokenInfo:
    return TokenInfo(
        id=row.token_hash[:TOKEN_ID_CHARS],
        username=row.username,
        label=row.label,
        created_at=row.created_at,
        expires_at=row.expires_at,
        last_used_at=row.last_used_at,
        revoked_at=row.revoked_at,
        read_only=bool(row.read_only),
        state=_token_state(row, owner, now),
    )


def find_token(archive: Archive, token_id: str) -> TokenInfo:
    """The token whose id (the start of its hash, as listed) is ``token_id``."""
    token_id = token_id.strip().lower()
    if len(token_id) != TOKEN_ID_CHARS or not _HEX.fullmatch(token_id):
        raise AccountError(f"Mã số của mã API gồm {TOKEN_ID_CHARS} ký tự 0–9, a–f")
    with archive.sessions() as session:
        rows = list(
            session.scalars(select(TokenRow).where(TokenRow.token_hash.startswith(token_id)))
        )
        if len(rows) != 1:
            raise AccountError(f"Không có mã API số {token_id}")
        return _info(rows[0], session.get(UserRow, rows[0].username), datetime.now(UTC))


def revoke_token(archive: Archive, token_id: str) -> TokenInfo:
    """Revoke the token ``token_id``; it stops working at once."""
    found = find_token(archive, token_id)
    with archive.session() as session:
        row = session.scalars(
            select(TokenRow).where(TokenRow.token_hash.startswith(found.id))
        ).one()
        if row.revoked_at is None:
            row.revoked_at = datetime.now(UTC)
            save_revocation(archive.store, row)
    return found


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
    """Replace a user's password; every session and token of the account ends."""
    check_password(password, username)
    with archive.session() as session:
        row = _existing(session, username)
        row.password_hash = generate_password_hash(password)
        row.auth_version = (row.auth_version or 0) + 1
        save_account(archive.store, row, "đổi mật khẩu")


def set_active(archive: Archive, username: str, active: bool) -> None:
    """Lock or unlock an account; a lock ends its sessions and tokens for good."""
    with archive.session() as session:
        row = _existing(session, username)
        row.active = active
        if not active:
            row.auth_version = (row.auth_version or 0) + 1
        save_account(archive.store, row, "mở khóa" if active else "khóa tài khoản")


def set_role(archive: Archive, username: str, role: str) -> User:
    """Give an account another role (it holds from the account's next request)."""
    if role not in ROLES:
        raise AccountError(f"Vai trò '{role}' không có; chọn một trong: {', '.join(ROLES)}")
    with archive.session() as session:
        row = _existing(session, username)
        row.role = role
        save_account(archive.store, row, f"đổi vai trò thành {role}")
        return _to_user(row)


def _existing(session: Session, username: str) -> UserRow:
    row = session.get(UserRow, username)
    if row is None:
        raise AccountError(f"Không có tài khoản '{username}'")
    return row
