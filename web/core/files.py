"""Sending originals: inline for what browsers show safely, as attachments otherwise."""

from __future__ import annotations

import unicodedata
from typing import IO, BinaryIO
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


def send_made_file(stream: IO[bytes], filename: str, mimetype: str) -> Response:
    """Send a file the archive made in a temporary file (an export, a packet) as a download."""
    stream.seek(0)
    response = send_file(stream, mimetype=mimetype, conditional=False, etag=False, max_age=0)
    response.headers["Content-Disposition"] = disposition("attachment", filename)
    response.headers["Cache-Control"] = "private, no-store"
    return response
