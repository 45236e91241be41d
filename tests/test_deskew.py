"""Pages tilted in the scanner are found and turned level."""

from __future__ import annotations

import random

import pytest
from PIL import Image, ImageDraw

from ingest.deskew import MIN_CORRECTION, deskew, skew_angle


def _page(seed: int = 3) -> Image.Image:
    """An A4 page at 150 dpi with lines of word-like blocks, as text is to the eye."""
    rng = random.Random(seed)
    page = Image.new("L", (1240, 1754), 255)
    draw = ImageDraw.Draw(page)
    for top in range(150, 1600, 42):
        x = 120 + rng.randrange(0, 60)
        while x < 1100:
            width = rng.randrange(30, 120)
            draw.rectangle((x, top, min(x + width, 1120), top + 18), fill=rng.randrange(0, 60))
            x += width + rng.randrange(12, 24)
    return page


@pytest.mark.parametrize("tilt", [-3.0, -1.2, 0.7, 2.5])
def test_the_angle_that_levels_a_tilted_page_is_found(tilt: float) -> None:
    tilted = _page().rotate(tilt, resample=Image.Resampling.BILINEAR, expand=True, fillcolor=255)
    assert skew_angle(tilted) == pytest.approx(-tilt, abs=0.25)


def test_a_tilted_page_comes_back_level_and_whole() -> None:
    tilted = _page().rotate(1.8, resample=Image.Resampling.BILINEAR, expand=True, fillcolor=255)
    level = deskew(tilted)
    assert level.mode == "L"
    # Expanded, not cropped: every corner of the turned page is kept.
    assert level.width > tilted.width and level.height > tilted.height
    assert abs(skew_angle(level)) < MIN_CORRECTION + 0.1
    # The corners brought in are paper, not ink.
    assert level.getpixel((0, 0)) == 255


def test_a_level_page_is_left_as_it_is() -> None:
    page = _page()
    assert deskew(page) is page


def test_a_colour_page_is_read_in_grey() -> None:
    tilted = _page().rotate(-2.0, expand=True, fillcolor=255).convert("RGB")
    assert skew_angle(tilted) == pytest.approx(2.0, abs=0.25)
    assert deskew(tilted).mode == "L"


def test_a_blank_page_is_not_turned() -> None:
    blank = Image.new("L", (1240, 1754), 255)
    assert skew_angle(blank) == 0.0
    assert deskew(blank) is blank
