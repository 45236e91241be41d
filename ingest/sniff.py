"""Tell a file's real type from its bytes (libmagic); the extension is never trusted."""

from __future__ import annotations

import zipfile
from pathlib import Path

import magic

from ingest.errors import Rejected
from ingest.packages import ZIP_ERRORS, read_capped

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
DOC = "application/msword"
ODT = "application/vnd.oasis.opendocument.text"
RTF = "application/rtf"
TXT = "text/plain"
JPEG = "image/jpeg"
PNG = "image/png"
TIFF = "image/tiff"

ALLOWED = frozenset({PDF, DOCX, DOC, ODT, RTF, TXT, JPEG, PNG, TIFF})
# libmagic spells some allowed types in more than one way.
ALIASES = {"text/rtf": RTF, "application/x-rtf": RTF, "image/jpg": JPEG}
# Verdicts libmagic gives text it could not place; a strict decode settles them.
_MAYBE_TEXT = {"application/octet-stream", "audio/x-mp4a-latm", "text/x-c", "text/x-c++"}
_NEVER_TEXT = {"text/html", "text/xml", "application/xml", "image/svg+xml", "text/x-shellscript"}
_SAMPLE = 256 * 1024
_UNREADABLE: tuple[type[Exception], ...] = (*ZIP_ERRORS, KeyError)


def sniff(path: Path, filename: str) -> str:
    """Return the MIME type of an allowed file, or raise Rejected naming what it is."""
    mime = magic.from_file(str(path), mime=True)
    mime = ALIASES.get(mime, mime)
    if mime == "application/zip":
        mime = _office_zip(path) or mime
    if (
        mime == TXT
        or mime in _MAYBE_TEXT
        or (mime.startswith("text/") and mime not in _NEVER_TEXT and mime != RTF)
    ) and _is_text(path):
        return TXT
    if mime in ALLOWED:
        return mime
    raise Rejected(
        "unsupported_type",
        filename=filename,
        mime=mime,
        detected=magic.from_file(str(path)).split(",")[0],
    )


def _office_zip(path: Path) -> str | None:
    """DOCX and ODT written by some tools are seen as plain ZIP; look inside."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if "[Content_Types].xml" in names and "word/document.xml" in names:
                return DOCX
            # Read capped: a ZIP of a few hundred KiB can inflate its mimetype to gigabytes.
            mimetype = (
                read_capped(archive, "mimetype", len(ODT) + 64) if "mimetype" in names else b""
            )
            if mimetype.strip() == ODT.encode():
                return ODT
    except _UNREADABLE:
        return None
    return None


def _is_text(path: Path) -> bool:
    """Text has no NUL bytes and decodes, as UTF-8 or a single-byte legacy code page."""
    with path.open("rb") as f:
        sample = f.read(_SAMPLE)
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _decodes(sample[: len(sample) // 2 * 2], "utf-16")
    if not sample or b"\x00" in sample:
        return False
    try:
        sample.decode("utf-8")
        return True
    except UnicodeDecodeError as exc:
        # A multi-byte character cut by the sample's end is still UTF-8.
        if exc.start >= len(sample) - 3 and len(sample) == _SAMPLE:
            return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls / len(sample) < 0.01


def _decodes(sample: bytes, encoding: str) -> bool:
    try:
        sample.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True
