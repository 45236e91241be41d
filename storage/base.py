"""The blob store contract: a narrow interface every backend implements."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import BinaryIO, Protocol, runtime_checkable

from storage.errors import InvalidKey

CHUNK = 1024 * 1024


def check_key(key: str) -> str:
    """Return ``key`` if it is a safe relative object key, else raise InvalidKey."""
    if not key or key.startswith("/") or "\\" in key or "\x00" in key:
        raise InvalidKey(f"khóa không hợp lệ: {key!r}")
    if any(part in ("", ".", "..") for part in key.split("/")):
        raise InvalidKey(f"khóa không hợp lệ: {key!r}")
    return key


@runtime_checkable
class BlobStore(Protocol):
    """Where originals, manifests and derived text live; the archive's source of truth."""

    url: str

    def put(self, key: str, stream: BinaryIO, *, durable: bool = True) -> int:
        """Store the stream's bytes under ``key`` atomically; return the size written.

        ``durable=False`` may leave the write only in memory until the next ``sync()``:
        a batch writes many objects, then makes them durable together, before the
        catalog makes any of them visible.
        """
        ...

    def put_bytes(self, key: str, data: bytes, *, durable: bool = True) -> None:
        """Store a small object under ``key`` atomically (``durable`` as for ``put``)."""
        ...

    def sync(self) -> None:
        """Make every write this store took with ``durable=False`` durable."""
        ...

    def open(self, key: str) -> BinaryIO:
        """Open the object for streaming reads; raise NotFound if absent."""
        ...

    def get_bytes(self, key: str) -> bytes:
        """Return a small object's bytes; raise NotFound if absent."""
        ...

    def exists(self, key: str) -> bool:
        """Tell whether an object is stored under ``key``."""
        ...

    def delete(self, key: str) -> None:
        """Remove the object; removing an absent object is not an error."""
        ...

    def list(self, prefix: str = "") -> Iterator[str]:
        """Yield every key under ``prefix`` (order unspecified)."""
        ...

    def protect(
        self, key: str, *, retain_until: datetime | None = None, legal_hold: bool | None = None
    ) -> bool:
        """Make the object write-once until a date, and/or set its legal hold.

        Returns False where the store cannot enforce it (a local folder, a bucket
        without Object Lock); True once the server enforces it.
        """
        ...


def copy_stream(src: BinaryIO, dst: BinaryIO) -> int:
    """Copy in bounded chunks; return the byte count."""
    total = 0
    while chunk := src.read(CHUNK):
        dst.write(chunk)
        total += len(chunk)
    return total
