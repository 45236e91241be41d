"""A controlled vocabulary of levels people type and documents print as stamps.

Confidentiality (độ mật) and urgency (độ khẩn) are both a few ordered levels plus
"none": typed any way ("MẬT", "mat", "Hoả tốc", "Mật."), folded to one spelling, and
anything unrecognised refused; printed on a document as a stamp, a line that is the
level alone, in capitals.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable

from archive.errors import MetadataError

_EDGES = re.compile(r"^[\W_]+|[\W_]+$")
_INNER = re.compile(r"[\s_\-–—]+")


def fold(value: str) -> str:
    """The value without case, diacritics (đ→d), edge punctuation or repeated spaces."""
    text = unicodedata.normalize("NFD", unicodedata.normalize("NFC", value).casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).replace("đ", "d")
    return _INNER.sub(" ", _EDGES.sub("", text)).strip()


class Vocabulary:
    """Ordered ``levels``; ``none_words`` (folded) mean no level; ``refuse`` makes the
    error naming the allowed values; ``stamp_spellings`` add printed forms beyond the
    levels in capitals (another tone placement, say)."""

    def __init__(
        self,
        levels: tuple[str, ...],
        none_words: Iterable[str],
        refuse: Callable[[str], MetadataError],
        stamp_spellings: dict[str, str] | None = None,
    ) -> None:
        self.levels = levels
        self._none = frozenset(none_words)
        self._folded = {fold(level): level for level in levels}
        self._stamps = {level.upper(): level for level in levels} | (stamp_spellings or {})
        self._refuse = refuse

    def read(self, value: object) -> str | None:
        """The level a person entered, None for no level; refuse anything else."""
        if value is None:
            return None
        folded = fold(str(value))
        if folded in self._none:
            return None
        if folded in self._folded:
            return self._folded[folded]
        raise self._refuse(" ".join(str(value).split())[:60])

    def stamp(self, line: str) -> str | None:
        """The level a line printed as a stamp shows: the level alone, in capitals (the
        word inside a sentence, or in small letters, is no stamp)."""
        text = _EDGES.sub("", unicodedata.normalize("NFC", line))
        return self._stamps.get(" ".join(text.split()))
