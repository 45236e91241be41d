"""Urgency (độ khẩn): one controlled vocabulary for every path.

Decree 30/2020 marks a document that must travel fast "Khẩn", "Thượng khẩn" or
"Hỏa tốc"; anything else is ordinary ("Thường"), stored without a value. Input is
folded as confidentiality is (case, diacritics, "Hoả"/"Hỏa" alike) and what cannot be
recognised is refused, so a report by urgency counts every record once. Urgency
selects no permission: it hides nothing.
"""

from __future__ import annotations

from archive.errors import MetadataError
from archive.vocabulary import Vocabulary

# From least to most urgent.
LEVELS: tuple[str, ...] = ("Khẩn", "Thượng khẩn", "Hỏa tốc")
NOT_URGENT = "Thường"
_NONE_WORDS = frozenset({"", "thuong", "binh thuong", "khong", "khong khan"})


class UrgencyError(MetadataError):
    """An urgency value that is none of the levels; the message names them."""

    def __init__(self, value: str) -> None:
        allowed = ", ".join(f"«{v}»" for v in (NOT_URGENT, *LEVELS))
        super().__init__(
            f"Độ khẩn «{value}» không hợp lệ. Chỉ nhận: {allowed} (để trống là «{NOT_URGENT}»)"
        )


# The older tone placement is printed too.
_LEVELS = Vocabulary(LEVELS, _NONE_WORDS, UrgencyError, {"HOẢ TỐC": "Hỏa tốc"})


def urgency(value: object) -> str | None:
    """The level a person entered, None for an ordinary record; refuse anything else."""
    return _LEVELS.read(value)


def stamp(line: str) -> str | None:
    """The level a line printed as a stamp shows ("KHẨN", "THƯỢNG KHẨN", "HỎA TỐC").

    Only the mark alone on its line, in capitals, counts: "khẩn" in a sentence
    ("đề nghị khẩn trương") is not a stamp.
    """
    return _LEVELS.stamp(line)
