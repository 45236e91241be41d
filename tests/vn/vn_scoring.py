"""Helpers for the parser tests: corpus loading, field scoring, degraders, encoders."""

from __future__ import annotations

import hashlib
import json
import os
import random
import re
import unicodedata
from pathlib import Path

from archive.vn.award_forms import normalise as normalise_form
from archive.vn.data import load
from search.vietnamese import fold, normalize

REPO = Path(__file__).resolve().parents[2]
TEXT_FIELDS = ("doc_type", "number", "issued_date", "place", "issuer", "signer", "signer_title")
REPORT: list[str] = []


def corpus_dir() -> Path:
    """Return the corpus folder from $HOSO_CORPUS_DIR or the default beside the repo."""
    return Path(os.environ.get("HOSO_CORPUS_DIR", REPO.parent / "shared" / "corpus"))


BATCHES = ("", "batch2")


def corpus_folders() -> list[Path]:
    """Return the corpus folders that hold a truth.json (the first one and batch2/)."""
    return [corpus_dir() / batch for batch in BATCHES]


def load_corpus() -> list[tuple[str, str, dict]]:
    """Return (file name, text, truth metadata) for every document of every truth.json."""
    docs = []
    for folder in corpus_folders():
        truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
        for doc in truth:
            text = (folder / doc["file"]).read_text(encoding="utf-8")
            docs.append((doc["file"], text, doc["metadata"]))
    return docs


def is_held_out(name: str) -> bool:
    """Put about a third of the documents aside, by a fixed hash of the file name.

    The held-out documents are never read while rules are written; their figure is
    the one that predicts how the parser reads documents nobody here has seen.
    """
    return hashlib.sha256(Path(name).name.encode("utf-8")).digest()[0] % 3 == 0


def split(docs: list[tuple[str, str, dict]]) -> dict[str, list[tuple[str, str, dict]]]:
    """Return {"development": […], "held-out": […]} of ``docs``."""
    return {
        "development": [d for d in docs if not is_held_out(d[0])],
        "held-out": [d for d in docs if is_held_out(d[0])],
    }


def same_text(got: object, want: object, loose_case: bool = False) -> bool:
    """Compare two field values after NFC, tone placement and whitespace (and case)."""
    if got is None or want is None:
        return got is want
    a, b = (" ".join(normalize(str(v)).split()) for v in (got, want))
    return a.casefold() == b.casefold() if loose_case else a == b


def number_key(number: str | None) -> str:
    """Return a comparison key for a document number."""
    folded = fold(re.sub(r"\s", "", number or "")).upper().replace("–", "-")
    return re.sub(r"(?<=\d)O|O(?=\d)", "0", folded)


def f1_counts(got: list, want: list, key) -> tuple[int, int, int]:
    """Return (matched, predicted, expected) counts of two lists under ``key``."""
    got_keys, want_keys = [key(x) for x in got], [key(x) for x in want]
    matched = sum(1 for k in set(got_keys) if k in set(want_keys))
    return matched, len(set(got_keys)), len(set(want_keys))


def award_key(award: dict) -> tuple[str, str]:
    """Match awards by normalised recipient and award form.

    A form is compared by its canonical name: "Bằng khen của Chủ tịch UBND tỉnh" in a
    truth file is the same award as "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh".
    """
    form = award["award_form"]
    recipient = " ".join(normalize(award["recipient"]).casefold().split())
    return recipient, normalise_form(form) or form


def reference_key(ref: dict) -> str:
    """Match references by normalised number."""
    return number_key(ref["number"])


def f1(matched: int, predicted: int, expected: int) -> float:
    """Return the F1 score of matched/predicted/expected counts."""
    if predicted == expected == 0:
        return 1.0
    precision = matched / predicted if predicted else 0.0
    recall = matched / expected if expected else 0.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def table(title: str, rows: dict[str, tuple[float, int]]) -> str:
    """Format a per-field accuracy table for the terminal summary."""
    lines = [title, f"  {'field':<14}{'score':>8}{'n':>5}"]
    lines += [f"  {name:<14}{score:>8.1%}{n:>5}" for name, (score, n) in rows.items()]
    return "\n".join(lines)


def side_by_side(title: str, columns: dict[str, dict[str, tuple[float, int]]]) -> str:
    """Format several per-field tables as columns (score and n for each)."""
    fields = list(dict.fromkeys(f for rows in columns.values() for f in rows))
    head = "".join(f"{name:>22}" for name in columns)
    lines = [title, f"  {'field':<14}{head}"]
    for field in fields:
        cells = ""
        for rows in columns.values():
            score, n = rows.get(field, (float("nan"), 0))
            cells += f"{score:>16.1%} n={n:<3}"
        lines.append(f"  {field:<14}{cells}")
    return "\n".join(lines)


def degrade(text: str, seed: int) -> str:
    """Return ``text`` damaged as OCR damages it: lost accents, merged lines, O/0 swaps."""
    rng = random.Random(seed)
    words = re.split(r"(\s+)", text)
    for i in range(0, len(words), 2):
        if words[i] and rng.random() < 0.06:
            words[i] = strip_accents(words[i])
    text = "".join(words)
    text = _swap_zeros(text, rng)
    lines = text.split("\n")
    out = [lines[0]]
    for line in lines[1:]:
        if out[-1].strip() and line.strip() and rng.random() < 0.12:
            out[-1] = out[-1] + rng.choice([" ", " | "]) + line
        else:
            out.append(line)
    return "\n".join(out)


def strip_accents(word: str) -> str:
    """Drop every diacritic of a word, keeping its case (đ becomes d)."""
    word = word.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", word)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _swap_zeros(text: str, rng: random.Random) -> str:
    zeros = [m.start() for m in re.finditer(r"(?<=\d)0|0(?=\d)", text)]
    letters = [m.start() for m in re.finditer(r"(?<=[A-Z])O(?=[A-Z])", text)]
    chars = list(text)
    for pos in rng.sample(zeros, min(3, len(zeros))):
        chars[pos] = "O"
    for pos in rng.sample(letters, min(2, len(letters))):
        chars[pos] = "0"
    return "".join(chars)


def encode_vni(text: str) -> str:
    """Encode Unicode text in VNI, from the package's table reversed."""
    reverse = {uni: legacy for legacy, uni in load("vni.json")["to_unicode"].items()}
    return "".join(reverse.get(ch, ch) for ch in unicodedata.normalize("NFC", text))


def encode_tcvn3(text: str) -> str:
    """Encode Unicode text in TCVN3 as .VnTime/.VnTimeH fonts store it."""
    reverse = {uni: legacy for legacy, uni in load("tcvn3.json")["to_unicode"].items()}
    out = []
    # TCVN3 spends the soft hyphen's byte on "ư": a legacy file cannot hold one
    text = text.replace("\u00ad", "")
    for ch in _old_style_capitals(unicodedata.normalize("NFC", text)):
        # capitals with a tone mark share the small letter's byte in TCVN3
        out.append(reverse.get(ch) or reverse.get(ch.lower(), ch))
    return "".join(out)


def _old_style_capitals(text: str) -> str:
    """Write "Ủy" as "Uỷ": TCVN3 can put the mark only on the small letter."""

    def move(match: re.Match[str]) -> str:
        first, second = match.group(1), match.group(2)
        base = unicodedata.normalize("NFD", first)
        if base[0].isupper() and second.islower() and len(base) > 1:
            return base[0] + unicodedata.normalize("NFC", second + base[1:])
        return match.group(0)

    return re.sub(r"([ỦÚÙŨỤÒÓỎÕỌ])([ya])", move, text)
