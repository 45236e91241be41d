"""Who an award entry names: the rule that makes two spellings one person, or two people.

Two entries name the same recipient when their names are equal after
- Unicode NFC (composed and decomposed accents are one),
- one tone placement for the open syllables oa/oe/uy ("Hoà" = "Hòa", "Thuỷ" = "Thủy"),
- lower case, and
- one space between words (leading, trailing and doubled spaces dropped),
and their units are equal under the same rule (both empty counts as equal), a leading
comma-separated part naming the person's post ("Trưởng phòng, Sở Nội vụ" → "Sở Nội vụ")
left out, since a post changes while the unit stays.
Accents themselves are kept: "Nguyễn Văn An" and "Nguyễn Văn Ân" are two people.
The same name in two units is two people (namesakes are common), shown apart.
"""

from __future__ import annotations

from search.vietnamese import nfc, unify_tones

# Punctuation people leave around a unit's name ("Sở Nội vụ," or "(Sở Nội vụ)").
_TRIM = " \t\r\n,.;:-–()"


def name_key(text: str | None) -> str:
    """The comparison key of a name or a unit under the rule above."""
    if not text:
        return ""
    return " ".join(unify_tones(nfc(text).lower()).split()).strip(_TRIM)


# The first words of a post, not of a unit (compared after name_key).
POSTS = (
    "trưởng",
    "phó",
    "chuyên viên",
    "cán bộ",
    "nhân viên",
    "giám đốc",
    "chánh",
    "chủ tịch",
    "bí thư",
    "kế toán",
    "giáo viên",
    "bác sĩ",
    "thanh tra viên",
    "kiểm sát viên",
    "thẩm phán",
    "điều dưỡng",
    "công chức",
    "viên chức",
)


def unit_key(unit: str | None) -> str:
    """The comparison key of a unit, without a leading post."""
    parts = [name_key(part) for part in (unit or "").split(",")]
    parts = [part for part in parts if part]
    while len(parts) > 1 and parts[0].startswith(POSTS):
        parts.pop(0)
    return ", ".join(parts)


def unit_label(unit: str | None) -> str:
    """The unit as written, without a leading post ("Trưởng phòng, Sở Nội vụ" → "Sở Nội vụ")."""
    parts = [part.strip(_TRIM) for part in (unit or "").split(",")]
    parts = [part for part in parts if part]
    while len(parts) > 1 and name_key(parts[0]).startswith(POSTS):
        parts.pop(0)
    return ", ".join(parts)


def identity(recipient: str | None, unit: str | None) -> tuple[str, str]:
    """The recipient an entry names: (name key, unit key)."""
    return name_key(recipient), unit_key(unit)
