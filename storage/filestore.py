"""A blob store on a local folder: the embedded default."""

from __future__ import annotations

import ctypes
import functools
import io
import os
import sys
import tempfile
import threading
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO

from storage.base import check_key, copy_stream
from storage.errors import InvalidKey, NotFound


class FileStore:
    """Objects as files under ``root``; every write is temp file, fsync, rename.

    A batch may skip the fsyncs (``durable=False``) and call ``sync()`` once: on Linux
    that is one ``syncfs`` for the whole batch instead of two fsyncs per object, which
    cost more than extracting and parsing a document.
    """

    def __init__(self, root: str | os.PathLike[str]) -> None:
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)
        self.url = self.root.resolve().as_uri()
        self._unsynced: set[Path] = set()
        self._unsynced_lock = threading.Lock()
        # Held for a whole sync: a caller whose files another thread's sync took waits
        # for that sync to end instead of returning before its files are on disk.
        self._sync_lock = threading.Lock()

    def _path(self, key: str) -> Path:
        return self.root / check_key(key)

    def put(self, key: str, stream: BinaryIO, *, durable: bool = True) -> int:
        """Store the stream's bytes under ``key`` atomically; return the size written."""
        target = self._path(key)
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as out:
                size = copy_stream(stream, out)
                out.flush()
                if durable:
                    os.fsync(out.fileno())
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        if durable:
            _fsync_dir(target.parent)
        else:
            with self._unsynced_lock:
                self._unsynced.add(target)
        return size

    def put_bytes(self, key: str, data: bytes, *, durable: bool = True) -> None:
        """Store a small object under ``key`` atomically."""
        self.put(key, io.BytesIO(data), durable=durable)

    def sync(self) -> None:
        """Make every write taken with ``durable=False`` durable (files and their renames)."""
        with self._sync_lock:
            with self._unsynced_lock:
                pending, self._unsynced = self._unsynced, set()
            if not pending:
                return
            try:
                if _syncfs(self.root):
                    return
                for path in pending:
                    _fsync_file(path)
                for folder in {path.parent for path in pending}:
                    _fsync_dir(folder)
            except BaseException:
                with self._unsynced_lock:
                    self._unsynced |= pending
                raise

    def open(self, key: str) -> BinaryIO:
        """Open the object for streaming reads; raise NotFound if absent."""
        try:
            return self._path(key).open("rb")
        except FileNotFoundError:
            raise NotFound(key) from None

    def get_bytes(self, key: str) -> bytes:
        """Return a small object's bytes; raise NotFound if absent."""
        with self.open(key) as f:
            return f.read()

    def exists(self, key: str) -> bool:
        """Tell whether an object is stored under ``key``."""
        return self._path(key).is_file()

    def delete(self, key: str) -> None:
        """Remove the object; removing an absent object is not an error."""
        self._path(key).unlink(missing_ok=True)

    def protect(
        self, key: str, *, retain_until: datetime | None = None, legal_hold: bool | None = None
    ) -> bool:
        """A local folder cannot enforce write-once retention; say so."""
        return False

    def list(self, prefix: str = "") -> Iterator[str]:
        """Yield every key under ``prefix`` (order unspecified)."""
        # Walk from the deepest folder the prefix names, not from the root: listing one
        # record's versions must not read the folder of every record.
        folder = prefix.rpartition("/")[0]
        if folder:
            try:
                check_key(folder)
            except InvalidKey:
                return  # no key has such a part
        start = os.path.join(self.root, folder) if folder else str(self.root)
        root_length = len(str(self.root)) + 1
        for dirpath, dirnames, filenames in os.walk(start):
            dirnames.sort()
            rel = dirpath[root_length:]
            base = rel + "/" if rel else ""
            if not (base.startswith(prefix) or prefix.startswith(base)):
                dirnames.clear()
                continue
            for name in sorted(filenames):
                key = base + name
                if not name.startswith(".tmp-") and key.startswith(prefix):
                    yield key


def _fsync_file(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        return  # replaced or deleted since: whoever did that made it durable
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@functools.cache
def _libc_syncfs() -> Any:
    if not sys.platform.startswith("linux"):
        return None
    try:
        function = ctypes.CDLL(None, use_errno=True).syncfs
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int]
    return function


def _syncfs(root: Path) -> bool:
    """Flush the whole file system holding ``root`` in one call; False where unavailable."""
    syncfs = _libc_syncfs()
    if syncfs is None:
        return False
    fd = os.open(root, os.O_RDONLY)
    try:
        if syncfs(fd) != 0:
            # Linux 5.8 and later report a writeback error here: the writes are not safe.
            error = ctypes.get_errno()
            raise OSError(error, os.strerror(error), str(root))
        return True
    finally:
        os.close(fd)


def _fsync_dir(path: Path) -> None:
    # A rename is durable only once its directory entry is on disk.
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
