"""Images: checked and counted here; their text comes from OCR, page by page.

Every frame is decoded once, within a pixel limit, so a truncated scan is refused with
its reason at ingest instead of failing later in an OCR job.
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from ingest.errors import Rejected
from ingest.extract.base import Extracted
from ingest.malloc import map_large_blocks

# An A0 sheet scanned at 300 dpi is about 140 million pixels; nothing an office scans
# is larger, and a decoded frame of this size already takes 150-450 MB.
MAX_MEGAPIXELS = 150
MAX_FRAMES = 2_000
_PIXELS = re.compile(r"\((\d+) pixels\)")


def extract_image(path: Path, filename: str) -> Extracted:
    """Count the frames (pages of a multi-page TIFF) and check that each one decodes."""
    # A decoded frame is page-sized: give it back to the system once checked.
    map_large_blocks()
    try:
        with warnings.catch_warnings():
            # Our own limit below is the one that applies, with a message for people.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            frames = _check_frames(path, filename)
    except Rejected:
        raise
    except Image.DecompressionBombError as exc:
        # Pillow refuses past twice its own limit before giving the size; its message has it.
        found = _PIXELS.search(str(exc))
        megapixels = f"{int(found.group(1)) / 1_000_000:.0f}" if found else "?"
        raise Rejected("image_too_large", filename=filename, megapixels=megapixels, page=1,
                       limit=MAX_MEGAPIXELS) from exc  # fmt: skip
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as exc:
        raise Rejected("corrupt_file", filename=filename, kind="ảnh", detail=str(exc)) from exc
    return Extracted(
        pages=[""] * frames, page_count=frames, extractor="ocr", pending=tuple(range(frames))
    )


def _check_frames(path: Path, filename: str) -> int:
    with Image.open(path) as image:
        frames = getattr(image, "n_frames", 1)
        if frames > MAX_FRAMES:
            raise Rejected("too_many_pages", filename=filename, pages=frames, limit=MAX_FRAMES)
        for index in range(frames):
            image.seek(index)
            width, height = image.size
            megapixels = width * height / 1_000_000
            if megapixels > MAX_MEGAPIXELS:
                raise Rejected("image_too_large", filename=filename,
                               megapixels=f"{megapixels:.0f}", page=index + 1,
                               limit=MAX_MEGAPIXELS)  # fmt: skip
            try:
                image.load()
            except OSError as exc:
                if "truncated" in str(exc) or "broken data stream" in str(exc):
                    raise Rejected("truncated_image", filename=filename, page=index + 1) from exc
                raise
    return frames
