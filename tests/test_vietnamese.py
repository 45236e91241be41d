"""Vietnamese normalisation: NFC, one tone placement, folding."""

import unicodedata

import pytest

from search.vietnamese import fold, normalize, syllables


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("hoà", "hòa"),
        ("Uỷ ban", "Ủy ban"),
        ("UỶ BAN", "ỦY BAN"),
        ("thuỷ", "thủy"),
        ("khoẻ", "khỏe"),
        ("tuỳ", "tùy"),
        ("Hoà Bình", "Hòa Bình"),
    ],
)
def test_old_tone_placement_becomes_one_form(old: str, new: str) -> None:
    assert normalize(old) == new
    assert normalize(new) == new


@pytest.mark.parametrize(
    "word", ["quý", "quỳnh", "hoàn", "khuyến", "thuyền", "hoạch", "quả", "hoặc", "Hoặc"]
)
def test_syllables_with_a_final_or_after_q_keep_their_mark(word: str) -> None:
    assert normalize(word) == word


def test_decomposed_text_is_composed() -> None:
    decomposed = unicodedata.normalize("NFD", "khen thưởng")
    assert decomposed != "khen thưởng"
    assert normalize(decomposed) == "khen thưởng"
    assert syllables(decomposed) == ["khen", "thưởng"]


def test_fold_drops_every_diacritic_including_d_stroke() -> None:
    assert fold("Đảng Cộng sản Việt Nam") == "dang cong san viet nam"
    assert fold(normalize("Uỷ ban nhân dân")) == fold("Ủy ban nhân dân") == "uy ban nhan dan"
