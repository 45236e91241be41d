"""Append-only objects in storage: every new state is a new key, never an overwrite.

Accounts, tokens, disposal lists, holds and the audit trail are kept here beside the
catalog, so that ``hoso rebuild`` restores them from the bucket alone.
"""

from __future__ import annotations

import json
from typing import Any

from archive.errors import ArchiveError
from storage import BlobStore


class LedgerConflict(ArchiveError):
    """Someone else wrote that version first."""

    code = "conflict"


def dumps(data: dict[str, Any]) -> bytes:
    """The stored form of one object: UTF-8 JSON, keys sorted."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1).encode()


def put_new(store: BlobStore, key: str, data: dict[str, Any]) -> None:
    """Write ``data`` under a key that must not exist yet."""
    if store.exists(key):
        raise LedgerConflict(f"Bản lưu {key} đã có; thao tác vừa được người khác thực hiện")
    store.put_bytes(key, dumps(data))


def read(store: BlobStore, key: str) -> dict[str, Any]:
    """One stored object."""
    return dict(json.loads(store.get_bytes(key)))


def version_key(prefix: str, version: int) -> str:
    """``<prefix>/version-NNNNNN.json``: the key of one version of one thing."""
    return f"{prefix}/version-{version:06d}.json"


def newest_versions(store: BlobStore, prefix: str) -> dict[str, tuple[int, str]]:
    """For every folder under ``prefix``, its highest version number and key."""
    newest: dict[str, tuple[int, str]] = {}
    for key in store.list(prefix):
        folder, _, name = key[len(prefix) :].rpartition("/")
        if not (name.startswith("version-") and name.endswith(".json")):
            continue
        number = int(name[len("version-") : -len(".json")])
        if number > newest.get(folder, (0, ""))[0]:
            newest[folder] = (number, key)
    return newest


def next_version(store: BlobStore, prefix: str) -> int:
    """The number the next version of the thing stored under ``prefix`` takes."""
    numbers = [number for number, _ in newest_versions(store, prefix + "/").values()]
    return max(numbers, default=0) + 1
