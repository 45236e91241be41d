"""Images: checked and counted here; their text comes from OCR, page by page."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, UnidentifiedImageError

from ingest.errors import Rejected
from ingest.extract.base import Extracted


def extract_image(path: Path, filename: str) -> Extracted:
    """Count the frames (pages of a multi-page TIFF) and check the image decodes."""
    try:
        with Image.open(path) as image:
            frames = getattr(image, "n_frames", 1)
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError) as exc:
        raise Rejected("corrupt_file", filename=filename, kind="ảnh", detail=str(exc)) from exc
    return Extracted(
        pages=[""] * frames, page_count=frames, extractor="ocr", pending=tuple(range(frames))
    )
