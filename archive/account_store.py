"""Accounts and API tokens in storage, so a rebuild of the catalog restores them.

Each change of an account is a new object ``accounts/<name>/version-NNNNNN.json``
holding the whole account (the password only as its salted hash); each token is
``tokens/<sha256 of the token>.json``, and its revocation
``token-revocations/<sha256 of the token>.json``. When tokens were last used is not kept there:
it changes every minute of use and says nothing a rebuild must restore.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from archive.catalog.models import TokenRow, UserRow
from archive.ledger import newest_versions, next_version, put_new, read, version_key
from storage import BlobStore

ACCOUNTS = "accounts/"
TOKENS = "tokens/"
REVOCATIONS = "token-revocations/"


def _when(value: datetime | None) -> str | None:
    return value.astimezone(UTC).isoformat() if value is not None else None


def _parse(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def save_account(store: BlobStore, row: UserRow, what: str) -> None:
    """Write the account as it now is, as its next version."""
    prefix = ACCOUNTS + row.username
    version = next_version(store, prefix)
    body = {
        "username": row.username,
        "full_name": row.full_name,
        "role": row.role,
        "password_hash": row.password_hash,
        "active": row.active,
        "created_at": row.created_at.astimezone(UTC).isoformat(),
        "auth_version": row.auth_version or 0,
        "version": version,
        "change": {"at": datetime.now(UTC).isoformat(), "what": what},
    }
    put_new(store, version_key(prefix, version), body)


def save_token(store: BlobStore, row: TokenRow) -> None:
    """Write a new token's hash, owner, label, expiry and scope."""
    body = {
        "token_hash": row.token_hash,
        "username": row.username,
        "label": row.label,
        "created_at": row.created_at.astimezone(UTC).isoformat(),
        "expires_at": _when(row.expires_at),
        "read_only": bool(row.read_only),
        "auth_version": row.auth_version or 0,
    }
    put_new(store, f"{TOKENS}{row.token_hash}.json", body)


def save_revocation(store: BlobStore, row: TokenRow) -> None:
    """Write that a token was revoked, and when (the token's own object stays as made)."""
    body = {"token_hash": row.token_hash, "revoked_at": _when(row.revoked_at)}
    put_new(store, f"{REVOCATIONS}{row.token_hash}.json", body)


def stored_accounts(store: BlobStore) -> Iterator[UserRow]:
    """The newest version of every account in storage, as catalog rows."""
    for _, key in sorted(newest_versions(store, ACCOUNTS).values(), key=lambda v: v[1]):
        data = read(store, key)
        yield UserRow(
            username=data["username"],
            full_name=data["full_name"],
            role=data["role"],
            password_hash=data["password_hash"],
            active=bool(data["active"]),
            created_at=datetime.fromisoformat(data["created_at"]),
            auth_version=int(data.get("auth_version", 0)),
        )


def stored_tokens(store: BlobStore) -> Iterator[TokenRow]:
    """Every token in storage, as catalog rows, with their revocations."""
    revoked = {}
    for key in store.list(REVOCATIONS):
        mark = read(store, key)
        revoked[mark["token_hash"]] = _parse(mark.get("revoked_at"))
    for key in sorted(store.list(TOKENS)):
        data: dict[str, Any] = read(store, key)
        yield TokenRow(
            token_hash=data["token_hash"],
            username=data["username"],
            label=data["label"],
            created_at=datetime.fromisoformat(data["created_at"]),
            last_used_at=None,
            expires_at=_parse(data.get("expires_at")),
            revoked_at=revoked.get(data["token_hash"]),
            read_only=bool(data.get("read_only", False)),
            auth_version=int(data.get("auth_version", 0)),
        )


def stored_names(store: BlobStore) -> tuple[set[str], set[str]]:
    """Account names and token hashes storage already holds."""
    accounts = {folder for folder in newest_versions(store, ACCOUNTS)}
    tokens = {key[len(TOKENS) :].removesuffix(".json") for key in store.list(TOKENS)}
    return accounts, tokens
