"""The benchmark corpus on disk, generated once and cached under ``bench/.cache/``.

Each corpus directory is keyed by what decides its content (generator version and
seed); the document count only picks how many files of it a run uses, so a quick
run reuses the first files of a full one and a larger run only adds the missing.
Files appear atomically (written under a temporary name, then renamed), so a run
killed half-way leaves no truncated document that a later run would trust.
"""

from __future__ import annotations

import io
import multiprocessing
import os
import random
from collections.abc import Callable, Sequence
from pathlib import Path

from bench.corpus_gen import GENERATOR_VERSION, pdf_pages, plain_document
from tests.documents import FONT, write_pdf

CACHE_DIR = Path(__file__).resolve().parent / ".cache"
# Scan-like page images: A4 at 150 dpi, paper-grey noise that JPEG cannot squeeze,
# about 380 KB a page, as office scanners produce.
SCAN_SIZE = (1240, 1754)
SCAN_QUALITY = 60


def corpus_dir(kind: str, seed: int) -> Path:
    """The cache directory of one corpus kind."""
    return CACHE_DIR / f"{kind}-v{GENERATOR_VERSION}-seed{seed}"


def ensure_pdfs(count: int, seed: int, workers: int) -> list[Path]:
    """Paths of ``count`` two-page text PDFs, rendering those not cached yet."""
    return _ensure("pdf", count, seed, workers, ".pdf", _render_pdf)


def ensure_plain(count: int, seed: int, workers: int) -> list[Path]:
    """Paths of ``count`` plain-text documents, writing those not cached yet."""
    return _ensure("plain", count, seed, workers, ".txt", _render_plain)


def _ensure(
    kind: str,
    count: int,
    seed: int,
    workers: int,
    suffix: str,
    render: Callable[[tuple[int, int, str]], None],
) -> list[Path]:
    folder = corpus_dir(kind, seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / f"{kind}-{i:06d}{suffix}" for i in range(count)]
    missing = [(seed, i, str(p)) for i, p in enumerate(paths) if not p.exists()]
    if missing:
        print(f"  generating {len(missing):,} {kind} files in {folder} ({workers} processes)")
        _run_parallel(render, missing, workers)
    return paths


def _run_parallel(
    render: Callable[[tuple[int, int, str]], None],
    jobs: Sequence[tuple[int, int, str]],
    workers: int,
) -> None:
    if workers <= 1 or len(jobs) < 50:
        for job in jobs:
            render(job)
        return
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        for _ in pool.imap_unordered(render, jobs, chunksize=16):
            pass


def _render_pdf(job: tuple[int, int, str]) -> None:
    seed, index, target = job
    tmp = Path(f"{target}.tmp-{os.getpid()}")
    write_pdf("\f".join(pdf_pages(seed, index)), tmp)
    os.replace(tmp, target)


def _render_plain(job: tuple[int, int, str]) -> None:
    seed, index, target = job
    tmp = Path(f"{target}.tmp-{os.getpid()}")
    tmp.write_text(plain_document(seed, index), encoding="utf-8")
    os.replace(tmp, target)


def ensure_big_pdf(megabytes: int, seed: int) -> Path:
    """A scanned dossier of about ``megabytes`` MB: a scan image and a text layer per page.

    A text-only PDF compresses to about 1.6 KB a page, so 100 MB would be some
    60,000 pages, hours of rendering and a document no office produces.  The big
    files an archive really receives are scanned dossiers with an OCR text layer,
    so that is what this renders: each page is a noisy greyscale scan with the
    page's text laid invisibly over it, as OCR software does.
    """
    target = CACHE_DIR / f"big-v{GENERATOR_VERSION}-seed{seed}-{megabytes}mb.pdf"
    if target.exists():
        return target
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    print(f"  generating a {megabytes} MB scanned PDF at {target}")
    tmp = Path(f"{target}.tmp-{os.getpid()}")
    _render_scanned(tmp, megabytes * 1024 * 1024, seed)
    os.replace(tmp, target)
    return target


def _render_scanned(path: Path, size: int, seed: int) -> None:
    from fpdf import FPDF

    rng = random.Random(f"hoso-bench-scan:{seed}")
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_font("DejaVu", fname=str(FONT))
    pdf.set_font("DejaVu", size=11)
    pdf.set_title("Hoso benchmark scanned dossier")
    written = 0
    index = 0
    while written < size:
        for page_text in pdf_pages(seed, 1_000_000 + index):
            image = _scan_image(rng)
            written += len(image)
            pdf.add_page()
            pdf.image(io.BytesIO(image), x=0, y=0, w=pdf.w, h=pdf.h)
            # Invisible text over the image: the OCR layer of a scanned page.
            with pdf.local_context(text_mode="INVISIBLE"):
                pdf.set_xy(pdf.l_margin, pdf.t_margin)
                for line in page_text.splitlines():
                    pdf.multi_cell(0, 6, line or " ", new_x="LMARGIN", new_y="NEXT")
        index += 1
    pdf.output(str(path))


def _scan_image(rng: random.Random) -> bytes:
    from PIL import Image

    width, height = SCAN_SIZE
    noise = Image.frombytes("L", SCAN_SIZE, rng.randbytes(width * height))
    paper = noise.point(lambda v: 200 + v // 5)
    out = io.BytesIO()
    paper.save(out, "JPEG", quality=SCAN_QUALITY)
    return out.getvalue()
