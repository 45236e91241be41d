"""Sentence case for names and titles printed in capitals.

Decree 30/2020 capitalises the first syllable of a name and of each of its parts
("Sở Lao động - Thương binh và Xã hội"), every syllable of a place name
("tỉnh Lai Châu"), and fixed names such as "Chính phủ"; the rest is lower case.
"""

from __future__ import annotations

import re
from functools import cache

from .award_forms import canonical_names
from .data import names
from .doctypes import type_names
from .folding import fold_same, key, phrase_pattern

_TOKEN = re.compile(r"\S+")
_AFTER_PLACE = frozenset({"lan", "khoa", "nhiem"})


def sentence_case(text: str) -> str:
    """Lower-case capitals, capitalise the first letter, restore fixed names."""
    if not _has_upper_run(text):
        return text
    lowered = text.lower()
    lowered = _capitalise_at(lowered, 0)
    lowered = _capitalise_quotes(lowered)
    return _capitalise_cited_types(restore_names(lowered, text))


def _capitalise_cited_types(text: str) -> str:
    """Capitalise a type name that names one document ("Chỉ thị số 19", "ban hành Quy định")."""
    for name in type_names():
        source = phrase_pattern(name)
        cited = re.compile(rf"(?<!\w)({source})(?=\s+(?:so\b|\d))")
        after = re.compile(rf"(?<=ban hanh )({source})(?!\w)")
        for pattern in (cited, after):
            for match in pattern.finditer(fold_same(text)):
                text = _capitalise_span(text, match.start(1))
    return text


def _capitalise_span(text: str, start: int) -> str:
    return text[:start] + text[start].upper() + text[start + 1 :]


def name_case(text: str) -> str:
    """Case an organisation's name the way Decree 30 writes it."""
    body, place = split_locality(text)
    cased = _organ_case(body) if body else ""
    if place:
        cased = (cased + " " + place).strip()
    return cased


def title_case_words(text: str) -> str:
    """Capitalise every syllable (place names, personal names)."""
    return " ".join(_capitalise_at(w.lower(), 0) for w in text.split())


def split_locality(text: str) -> tuple[str, str]:
    """Split "SỞ NỘI VỤ TỈNH LAI CHÂU" into the body and "tỉnh Lai Châu"."""
    words = text.split()
    folded = [key(w) for w in words]
    for i in range(len(words)):
        for loc in names()["localities"]:
            size = len(loc.split())
            if folded[i : i + size] == key(loc).split() and _is_locality_at(folded, i + size):
                name = title_case_words(" ".join(_place_words(words[i + size :])))
                return " ".join(words[:i]), (loc + " " + name).strip()
    return text, ""


def _place_words(words: list[str]) -> list[str]:
    """The place name ends where an ordinal of a congress or a term begins ("lần thứ V")."""
    for i, word in enumerate(words):
        if key(word) in _AFTER_PLACE:
            return words[:i]
    return words


def _is_locality_at(folded: list[str], index: int) -> bool:
    stop = {key(w) for w in names()["locality_stopwords"]}
    return index >= len(folded) or folded[index] not in stop


def _organ_case(text: str) -> str:
    words = text.lower().split()
    organ = _organ_length(words)
    out = [_capitalise_at(w, 0) if i == 0 else w for i, w in enumerate(words)]
    if organ < len(out) and out[organ] == "ngành":
        organ += 1  # the sector is the name: "Công đoàn ngành Giáo dục"
    if organ < len(out):
        out[organ] = _capitalise_at(out[organ], 0)
    for i in range(1, len(out)):
        if out[i - 1] in ("-", "–", "và") or out[i - 1].endswith(","):
            out[i] = _capitalise_at(out[i], 0)
    return restore_names(_school_name(" ".join(out)), text)


def _school_name(text: str) -> str:
    """Capitalise a school's own name after its level ("Trường Tiểu học Quang Châu")."""
    words = text.split()
    if not words or key(words[0]) != "truong":
        return text
    for level in names()["school_levels"]:
        size = len(level.split())
        if [key(w) for w in words[1 : 1 + size]] == key(level).split():
            head = ["Trường", *level.split()]
            return " ".join(head + [_capitalise_at(w, 0) for w in words[1 + size :]])
    return text


def _organ_length(words: list[str]) -> int:
    folded = [key(w) for w in words]
    best = 0
    for organ in names()["organ_words"]:
        parts = key(organ).split()
        if folded[: len(parts)] == parts:
            best = max(best, len(parts))
    return best


def restore_names(text: str, original: str | None = None) -> str:
    """Give fixed names, provinces and award forms their official capitals."""
    phrases = [*names()["fixed_phrases"], *names()["provinces"], *canonical_names()]
    done: list[tuple[int, int]] = []  # a longer name wins over the shorter names inside it
    for phrase in sorted(phrases, key=len, reverse=True):
        text = _apply_casing(text, phrase, done)
    return _restore_roman(text, original) if original else text


def _apply_casing(text: str, phrase: str, done: list[tuple[int, int]]) -> str:
    pattern = re.compile(r"(?<!\w)" + phrase_pattern(phrase) + r"(?!\w)")
    folded = fold_same(text).replace("chien sy", "chien si")
    model = phrase.split()
    for match in reversed(list(pattern.finditer(folded))):
        if any(start <= match.start() and match.end() <= end for start, end in done):
            continue
        if _inside_organ_word(folded, match.start()):
            continue
        span = text[match.start() : match.end()]
        words = span.split()
        if len(words) != len(model) or not _same_accents(words, model):
            continue
        cased = [
            _copy_case(_accented(w, m, len(model)), m) for w, m in zip(words, model, strict=True)
        ]
        text = text[: match.start()] + " ".join(cased) + text[match.end() :]
        done.append((match.start(), match.end()))
    return text


def _inside_organ_word(folded: str, start: int) -> bool:
    """Tell whether a name starts inside an organ word ("Tiểu ban Thi đua …")."""
    before = folded[:start].split()
    if not before:
        return False
    joined = f"{before[-1]} {folded[start:].split(maxsplit=1)[0]}"
    return joined in _organ_keys()


@cache
def _organ_keys() -> frozenset[str]:
    return frozenset(key(word) for word in names()["organ_words"] if " " in word)


def _same_accents(words: list[str], model: list[str]) -> bool:
    """Accept a match only where the printed accents agree ("đang" is not "Đảng")."""
    for word, want in zip(words, model, strict=True):
        lost = word.isascii() and len(model) > 1
        if not lost and word.lower().replace("sỹ", "sĩ") != want.lower().replace("sỹ", "sĩ"):
            return False
    return True


def _accented(word: str, model: str, size: int) -> str:
    """Give back the accents OCR dropped from a word of a known multi-word name."""
    if size < 2 or not word.isascii() or model.isascii():
        return word
    return model.upper() if word.isupper() and len(word) > 1 else model.lower()


def _copy_case(word: str, model: str) -> str:
    if model[:1].isupper():
        return _capitalise_at(word, 0)
    if model.isupper() and len(model) > 1:
        return word.upper()
    return word


def _restore_roman(text: str, original: str) -> str:
    romans = {m.group(0).lower() for m in re.finditer(r"\b[IVXL]{2,}\b", original)}
    return re.sub(
        r"\b[ivxl]{2,}\b",
        lambda m: m.group(0).upper() if m.group(0) in romans else m.group(0),
        text,
    )


def _capitalise_quotes(text: str) -> str:
    return re.sub(r"([“\"«])(\w)", lambda m: m.group(1) + m.group(2).upper(), text)


def _capitalise_at(word: str, index: int) -> str:
    for i in range(index, len(word)):
        if word[i].isalpha():
            return word[:i] + word[i].upper() + word[i + 1 :]
    return word


def _has_upper_run(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 2 and sum(ch.isupper() for ch in letters) >= 0.6 * len(letters)
