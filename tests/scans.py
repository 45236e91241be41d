"""Scanned-looking images of corpus documents, with the damage a scanner adds."""

from __future__ import annotations

import random
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageFilter

DPI = 300


def render_pages(pdf: Path, dpi: int = DPI) -> list[Image.Image]:
    """Each page of a text PDF as a grayscale image, as a flatbed scanner would see it."""
    document = pdfium.PdfDocument(str(pdf))
    try:
        return [page.render(scale=dpi / 72, grayscale=True).to_pil() for page in document]
    finally:
        document.close()


def damage(image: Image.Image, *, angle: float, seed: int = 7) -> Image.Image:
    """Tilt, speckle and blur a page slightly."""
    rng = random.Random(seed)
    tilted = image.rotate(angle, expand=True, fillcolor=255, resample=Image.Resampling.BICUBIC)
    pixels = tilted.load()
    width, height = tilted.size
    for _ in range(width * height // 400):
        x, y = rng.randrange(width), rng.randrange(height)
        pixels[x, y] = rng.choice((0, 255))  # type: ignore[index]
    return tilted.filter(ImageFilter.GaussianBlur(0.6))


def save_jpeg(image: Image.Image, path: Path, quality: int = 55) -> Path:
    """A lossy JPEG with its resolution recorded."""
    image.save(path, quality=quality, dpi=(DPI, DPI))
    return path


def save_tiff(images: list[Image.Image], path: Path) -> Path:
    """A multi-page TIFF, as document scanners write a whole decision."""
    images[0].save(
        path, save_all=True, append_images=images[1:], dpi=(DPI, DPI), compression="tiff_lzw"
    )
    return path


def save_scanned_pdf(images: list[Image.Image], path: Path) -> Path:
    """A PDF of page images only: no text layer at all."""
    images[0].convert("RGB").save(
        path, save_all=True, append_images=[i.convert("RGB") for i in images[1:]], resolution=DPI
    )
    return path
