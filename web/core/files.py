"""Sending originals: inline for what browsers show safely, as attachments otherwise."""

from __future__ import annotations

import tempfile
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO
from urllib.parse import quote

from flask import Response, send_file

from archive.records import Record

# Types a browser shows itself without running anything from the file.
INLINE_TYPES = frozenset({"application/pdf", "image/png", "image/jpeg", "image/gif"})


def disposition(kind: str, filename: str) -> str:
    """A Content-Disposition value with an ASCII fallback and the RFC 5987 UTF-8 name."""
    folded = filename.replace("đ", "d").replace("Đ", "D")
    simple = unicodedata.normalize("NFKD", folded).encode("ascii", "ignore").decode("ascii")
    simple = "".join(c for c in simple if c.isprintable() and c not in '"\\') or "tai-lieu"
    return f"{kind}; filename=\"{simple}\"; filename*=UTF-8''{quote(filename, safe='')}"


def send_original(record: Record, stream: BinaryIO, *, inline: bool) -> Response:
    """Stream an original; ``inline`` only for types in INLINE_TYPES."""
    kind = "inline" if inline and record.mime_type in INLINE_TYPES else "attachment"
    response = send_file(
        stream, mimetype=record.mime_type, conditional=False, etag=False, max_age=0
    )
    response.headers["Content-Disposition"] = disposition(kind, record.filename)
    response.headers["Content-Length"] = str(record.size)
    response.headers["Cache-Control"] = "private, no-store"
    return response


def send_spooled(tmp_dir: Path, write: Callable[[BinaryIO], str], mimetype: str) -> Response:
    """Have ``write`` make a download (an export, a packet) in a temporary file, and send it.

    ``write`` fills the file and returns the download's name. On disk, not in memory: a
    download may hold originals or every row of a search. The response closes the file
    once sent; an error closes it here.
    """
    tmp_dir.mkdir(parents=True, exist_ok=True)
    out = tempfile.TemporaryFile(dir=tmp_dir)  # noqa: SIM115
    try:
        filename = write(out)
    except BaseException:
        out.close()
        raise
    out.seek(0)
    response = send_file(out, mimetype=mimetype, conditional=False, etag=False, max_age=0)
    response.headers["Content-Disposition"] = disposition("attachment", filename)
    response.headers["Cache-Control"] = "private, no-store"
    return response
