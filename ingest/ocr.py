"""Recognise one page image with Tesseract (Vietnamese, then English).

One Tesseract run per page gives both the words with their confidences (TSV) and
a one-page searchable PDF.  ``--psm 1`` lets Tesseract's orientation and script
detection turn pages scanned sideways or upside down, and its line finder copes
with the few degrees of skew a sheet feeder adds.
"""

from __future__ import annotations

import csv
import io
import os
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from pytesseract import pytesseract

from archive.settings import child_environment

LANGUAGES = "vie+eng"
DEFAULT_DPI = 300
# A page Tesseract has not read in this time will not be read: its job fails, named.
PAGE_SECONDS = 600


@dataclass(frozen=True)
class OcrPage:
    """The text of one page, its mean word confidence (0–100) and a searchable PDF page."""

    text: str
    confidence: float
    pdf: bytes


def tesseract_version() -> str:
    """The Tesseract version, for provenance."""
    return str(pytesseract.get_tesseract_version())


def ocr_image(image: Path, *, dpi: int | None = None, languages: str = LANGUAGES) -> OcrPage:
    """Recognise the page in ``image`` (PNG, JPEG or single-frame TIFF)."""
    with tempfile.TemporaryDirectory(prefix="hoso-ocr-") as tmp:
        base = os.path.join(tmp, "page")
        options = ["--psm", "1", "--dpi", str(dpi or DEFAULT_DPI), "-c", "tessedit_create_tsv=1"]
        _tesseract([str(image), base, "-l", languages, *options, "pdf"])
        tsv = Path(base + ".tsv").read_text(encoding="utf-8")
        pdf = Path(base + ".pdf").read_bytes()
    text, confidence = _read_tsv(tsv)
    return OcrPage(text=text, confidence=confidence, pdf=pdf)


def _tesseract(args: list[str]) -> None:
    # One thread each: the page pool already runs one Tesseract a core.
    env = child_environment(OMP_THREAD_LIMIT="1")
    try:
        done = subprocess.run(
            [pytesseract.tesseract_cmd, *args],
            env=env,
            capture_output=True,
            check=False,
            timeout=PAGE_SECONDS,
        )
    except FileNotFoundError as exc:
        raise pytesseract.TesseractNotFoundError() from exc
    except subprocess.TimeoutExpired as exc:
        raise pytesseract.TesseractError(-1, f"quá {PAGE_SECONDS} giây cho một trang") from exc
    if done.returncode:
        message = done.stderr.decode("utf-8", errors="replace").strip()[-500:]
        raise pytesseract.TesseractError(done.returncode, message)


def _read_tsv(tsv: str) -> tuple[str, float]:
    """Rebuild lines and paragraphs from Tesseract's word table; average word confidence."""
    lines: dict[tuple[int, int, int], list[str]] = {}
    confidences: list[float] = []
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        word = (row.get("text") or "").strip()
        if row.get("level") != "5" or not word:
            continue
        key = (int(row["block_num"]), int(row["par_num"]), int(row["line_num"]))
        lines.setdefault(key, []).append(word)
        confidence = float(row["conf"])
        if confidence >= 0:
            confidences.append(confidence)
    out: list[str] = []
    previous: tuple[int, int] | None = None
    for (block, par, _line), words in lines.items():
        if previous is not None and previous != (block, par):
            out.append("")
        out.append(" ".join(words))
        previous = (block, par)
    mean = sum(confidences) / len(confidences) if confidences else 0.0
    return "\n".join(out), round(mean, 1)
