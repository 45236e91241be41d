"""Confidentiality levels (độ mật): one controlled vocabulary for every path.

The Law on State Secrets grades a secret "Mật", "Tối mật" or "Tuyệt mật"; anything
else is an ordinary record, stored without a level. People type the grade many ways
("MẬT", "mat", "Tối Mật", "Mật."): input is folded to one spelling, and what cannot
be recognised is refused rather than stored, because a misspelt grade would leave a
secret readable by everyone. Values already stored are read with the same folding,
and one that still cannot be recognised is treated as secret (fail closed).
"""

from __future__ import annotations

from collections.abc import Iterable

from archive.errors import MetadataError
from archive.vocabulary import Vocabulary

# From lowest to highest: the order decides a dossier's inherited level.
LEVELS: tuple[str, ...] = ("Mật", "Tối mật", "Tuyệt mật")
CONFIDENTIAL = frozenset(LEVELS)
# How a person may say "no level" (stored as no value).
NOT_SECRET = "Thường"
_NONE_WORDS = frozenset({"", "thuong", "binh thuong", "khong", "khong mat"})


class ClassificationError(MetadataError):
    """A confidentiality value that is none of the levels; the message names them."""

    def __init__(self, value: str) -> None:
        allowed = ", ".join(f"«{v}»" for v in (NOT_SECRET, *LEVELS))
        super().__init__(
            f"Độ mật «{value}» không hợp lệ. Chỉ nhận: {allowed} (để trống là «{NOT_SECRET}»)"
        )


_GRADES = Vocabulary(LEVELS, _NONE_WORDS, ClassificationError)


def confidentiality(value: object) -> str | None:
    """The level a person entered, None for an ordinary record; refuse anything else."""
    return _GRADES.read(value)


def stored(value: object) -> str | None:
    """The level of a value read back from storage or the catalog.

    Recognised spellings become the level; one that is not recognised is kept as
    written (it is a record of what was stored) and counts as secret everywhere.
    """
    try:
        return confidentiality(value)
    except ClassificationError:
        return str(value)


def is_confidential(value: object) -> bool:
    """Whether a stored value keeps the record from roles that may not read secrets."""
    return stored(value) is not None


def index_level(value: object) -> str:
    """The level the search index holds: a level, or "" (unrecognised counts as "Mật")."""
    level = stored(value)
    if level is None:
        return ""
    return level if level in CONFIDENTIAL else LEVELS[0]


def highest(values: Iterable[object]) -> str | None:
    """The highest level among ``values`` (an unrecognised one counts as "Mật")."""
    ranks = [LEVELS.index(index_level(v)) for v in values if index_level(v)]
    return LEVELS[max(ranks)] if ranks else None


def stamp(line: str) -> str | None:
    """The level a line printed as a stamp shows ("MẬT", "TỐI MẬT", "TUYỆT MẬT").

    Only the grade alone on its line, in capitals, counts: the word "mật" in a
    sentence, or a line of body text in small letters, is not a stamp.
    """
    return _GRADES.stamp(line)
