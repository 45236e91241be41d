"""Bytes and extracted text to Unicode, legacy Vietnamese encodings first.

TCVN3 (ABC) and VNI text is single-byte text that a generic charset guesser reads as
Baltic or Central European, which loses it for good ("quyõt §þnh"). So the legacy
detector looks at the bytes first, through the code page its fonts were typed with.
"""

from __future__ import annotations

import unicodedata

from charset_normalizer import from_bytes

from archive.vn.legacy import convert, decode, detect, valid_share

# cp1252 leaves five bytes undefined; a legacy file keeps them as their Latin-1 letters.
_CP1252 = {
    byte: (bytes([byte]).decode("cp1252", errors="ignore") or chr(byte))
    for byte in range(0x80, 0xA0)
}
_SINGLE_BYTE = str.maketrans({chr(byte): char for byte, char in _CP1252.items()})


def single_byte_view(raw: bytes) -> str:
    """Read ``raw`` one character per byte as a Windows editor wrote it (cp1252)."""
    return as_cp1252(raw.decode("latin-1"))


def as_cp1252(text: str) -> str:
    """Turn bytes read as Latin-1 characters into what cp1252 prints for them."""
    return text.translate(_SINGLE_BYTE)


def from_legacy(view: str) -> str | None:
    """Return one-character-per-byte ``view`` converted from TCVN3/VNI, or None if it is not."""
    name = detect(view)
    return decode(view, name) if name else None


def decode_text(raw: bytes) -> str | None:
    """Decode plain-text bytes: UTF-8, else TCVN3/VNI, else the charset guessed; None if none."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    legacy = from_legacy(single_byte_view(raw))
    if legacy is not None and valid_share(legacy) > valid_share(_windows_1258(raw)):
        return legacy
    best = from_bytes(raw).best()
    return None if best is None else str(best)


def _windows_1258(raw: bytes) -> str:
    # Windows-1258 Vietnamese also fills the upper half; read so, it must read worse
    return unicodedata.normalize("NFC", raw.decode("cp1258", errors="replace"))


def unlegacy(pages: list[str]) -> list[str]:
    """Convert pages typed in a legacy font, judged on the whole document at once."""
    name = detect("\n".join(pages))
    if name:
        return [decode(page, name) for page in pages]
    # a Unicode document may still keep lines typed in a legacy font
    return [convert(page) for page in pages]
