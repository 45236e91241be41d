"""Stream an upload to a temporary file while hashing it, within the size limit."""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from ingest.errors import Rejected

CHUNK = 1024 * 1024


@dataclass(frozen=True)
class Spooled:
    """A private copy of the upload: its path, SHA-256 and size."""

    path: Path
    sha256: str
    size: int

    def discard(self) -> None:
        """Remove the temporary copy."""
        self.path.unlink(missing_ok=True)


def spool(stream: IO[bytes], *, filename: str, tmp_dir: Path, limit: int) -> Spooled:
    """Copy ``stream`` to ``tmp_dir`` in bounded chunks; refuse empty or oversized files."""
    tmp_dir.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    size = 0
    fd, name = tempfile.mkstemp(dir=tmp_dir, prefix="spool-")
    path = Path(name)
    try:
        with os.fdopen(fd, "wb") as out:
            while chunk := stream.read(CHUNK):
                size += len(chunk)
                if size > limit:
                    raise _too_large(filename, size, limit, exact=False)
                digest.update(chunk)
                out.write(chunk)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    if size == 0:
        path.unlink(missing_ok=True)
        raise Rejected("empty_file", filename=filename)
    return Spooled(path=path, sha256=digest.hexdigest(), size=size)


def spool_path(source: Path, *, tmp_dir: Path, limit: int) -> Spooled:
    """Spool a local file, refusing it by its size before reading a byte."""
    size = source.stat().st_size
    if size > limit:
        raise _too_large(source.name, size, limit, exact=True)
    with source.open("rb") as stream:
        return spool(stream, filename=source.name, tmp_dir=tmp_dir, limit=limit)


def _too_large(filename: str, size: int, limit: int, *, exact: bool) -> Rejected:
    mb = size / (1024 * 1024)
    shown = f"{mb:.1f}" if exact else f">{mb:.0f}"
    return Rejected("too_large", filename=filename, size_mb=shown, limit_mb=limit // (1024 * 1024))
