"""Page images to recognise: frames of a scan, or PDF pages that have no text layer."""

from __future__ import annotations

import math
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageOps

from ingest.deskew import deskew
from ingest.extract.images import MAX_MEGAPIXELS
from ingest.extract.pdf import PDFIUM

RENDER_DPI = 300
# Page images live on local disk only until Tesseract has read them: uncompressed TIFF
# costs nothing to write (a PNG encoder takes a fifth of a second a page) and keeps the
# resolution.
PAGE_FORMAT = "TIFF"
# One page image is made at a time per process, whatever the number of OCR jobs: making
# one (render, level, save) takes a tenth of the time Tesseract takes to read it, and a
# 300 dpi page holds some 30 MB while it is made.
_MAKING = threading.Lock()


@dataclass(frozen=True)
class PageImage:
    """One page to recognise: its index in the document, an image file, its resolution."""

    index: int
    path: Path
    dpi: int


def pdf_pages(source: Path, indexes: list[int], out_dir: Path) -> Iterator[PageImage]:
    """Render the given PDF pages to level grayscale images at 300 dpi, one at a time."""
    for index in indexes:
        path = _page_path(out_dir, index)
        with _MAKING:
            with PDFIUM:
                document = pdfium.PdfDocument(str(source))
                try:
                    pdf_page = document[index]
                    scale = _scale(*pdf_page.get_size())
                    bitmap = pdf_page.render(scale=scale, grayscale=True)
                    # The pixels are Python's own buffer; PDFium's handle on them is
                    # let go here, under the lock, not by a finaliser on some thread.
                    page = bitmap.to_pil()
                    bitmap.close()
                finally:
                    document.close()
            dpi = round(scale * 72)
            deskew(page).save(path, PAGE_FORMAT, dpi=(dpi, dpi))
            del page
        yield PageImage(index=index, path=path, dpi=dpi)


def _scale(width: float, height: float) -> float:
    """300 dpi, or less for a page so large its image would pass the pixel limit."""
    fits = math.sqrt(MAX_MEGAPIXELS * 1_000_000 / max(1.0, width * height))
    return min(RENDER_DPI / 72, fits)


def image_frames(source: Path, out_dir: Path) -> Iterator[PageImage]:
    """Each frame of a JPEG, PNG or (multi-page) TIFF as a level image, upright per its EXIF."""
    with Image.open(source) as image:
        for index in range(getattr(image, "n_frames", 1)):
            path = _page_path(out_dir, index)
            with _MAKING:
                image.seek(index)
                dpi = _dpi(image)
                frame = image.convert("L")
                ImageOps.exif_transpose(frame, in_place=True)
                deskew(frame).save(path, PAGE_FORMAT, dpi=(dpi, dpi))
                del frame
            yield PageImage(index=index, path=path, dpi=dpi)


def _page_path(out_dir: Path, index: int) -> Path:
    return out_dir / f"page-{index + 1:05d}.tif"


def _dpi(image: Image.Image) -> int:
    value = image.info.get("dpi")
    try:
        dpi = round(float(value[0])) if value else 0
    except (TypeError, ValueError, IndexError):
        dpi = 0
    # Scanners write 72 or nothing when unset; archives scan at 200–400 dpi.
    return dpi if 150 <= dpi <= 1200 else 300
