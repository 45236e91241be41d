"""Straighten a page fed into the scanner at a slight angle.

Tesseract turns pages by quarter turns itself (orientation detection), but a tilt
of a degree or two makes its layout analysis drop whole paragraphs.  The angle is
found the classic way: rotated so that its lines are level, a page's row
profile (ink per row) is at its sharpest.

The pixel work is OpenCV's: its vectorised bilinear rotation of a 300 dpi page takes
a seventh of Pillow's time, for the same interpolation.
"""

from __future__ import annotations

import functools
from types import ModuleType

import numpy as np
from numpy.typing import NDArray
from PIL import Image

MAX_ANGLE = 6.0
# Below this a page is level enough; rotating it would only blur it.
MIN_CORRECTION = 0.2
_WIDTH = 600
# Coarse to fine: (step in degrees, steps either side of the angle found so far).
_PASSES = ((1.0, int(MAX_ANGLE)), (0.25, 3), (0.1, 2))

Pixels = NDArray[np.uint8]


@functools.cache
def _opencv() -> ModuleType:
    """OpenCV, loaded by the first page to level: a process that never reads a scan (a
    web process but the first) does not carry its 30 MB."""
    import cv2

    # The page pool already runs one Tesseract per core; OpenCV's own threads would
    # only compete with them.
    cv2.setNumThreads(1)
    return cv2


def skew_angle(image: Image.Image) -> float:
    """The rotation (degrees, counter-clockwise) that levels the text lines."""
    return _angle(_grey(image))


def deskew(image: Image.Image) -> Image.Image:
    """The page rotated level, or unchanged when it already is."""
    pixels = _grey(image)
    angle = _angle(pixels)
    if abs(angle) < MIN_CORRECTION:
        return image
    # Bilinear: Tesseract reads it as well as bicubic (the bulk benchmark's pages,
    # within a tenth of a point of CER), and nearest-neighbour loses about two tenths.
    linear = _opencv().INTER_LINEAR
    return Image.fromarray(_rotated(pixels, angle, linear, fill=255, expand=True))


def _grey(image: Image.Image) -> Pixels:
    return np.asarray(image if image.mode == "L" else image.convert("L"), dtype=np.uint8)


def _angle(pixels: Pixels) -> float:
    cv = _opencv()
    height, width = pixels.shape
    # Shrunk by a whole factor, which OpenCV averages fast, to about _WIDTH pixels wide.
    factor = max(1, round(width / _WIDTH))
    size = (max(1, width // factor), max(1, height // factor))
    shrunk = cv.resize(pixels, size, interpolation=cv.INTER_AREA)
    # Ink bright on black, so that the corners a rotation brings in count as paper.
    small = np.asarray(cv.bitwise_not(shrunk), dtype=np.uint8)
    angle = 0.0
    for step, reach in _PASSES:
        # Nearest first: among equally sharp angles (a blank page) the smallest turn wins.
        steps = sorted(range(-reach, reach + 1), key=abs)
        angle = max((angle + step * k for k in steps), key=lambda a: _sharpness(small, a))
    return round(angle, 2)


def _sharpness(small: Pixels, angle: float) -> float:
    cv = _opencv()
    rotated = _rotated(small, angle, cv.INTER_NEAREST, fill=0, expand=False)
    rows = cv.reduce(rotated, 1, cv.REDUCE_SUM, dtype=cv.CV_32S).ravel() / rotated.shape[1]
    return float(np.square(np.diff(rows)).sum())


def _rotated(
    pixels: Pixels, angle: float, interpolation: int, *, fill: int, expand: bool
) -> Pixels:
    """``pixels`` turned ``angle`` degrees counter-clockwise about the centre."""
    cv = _opencv()
    height, width = pixels.shape
    matrix = cv.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    if expand:
        cos, sin = abs(matrix[0, 0]), abs(matrix[0, 1])
        new_width = int(np.ceil(height * sin + width * cos))
        new_height = int(np.ceil(height * cos + width * sin))
        matrix[0, 2] += (new_width - width) / 2
        matrix[1, 2] += (new_height - height) / 2
        width, height = new_width, new_height
    rotated = cv.warpAffine(
        pixels,
        matrix,
        (width, height),
        flags=interpolation,
        borderMode=cv.BORDER_CONSTANT,
        borderValue=fill,
    )
    return np.asarray(rotated, dtype=np.uint8)
