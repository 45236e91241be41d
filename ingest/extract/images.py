"""Images are stored and catalogued with their page count; their text comes from OCR."""

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
    return Extracted(pages=[], page_count=frames, extractor="none")
