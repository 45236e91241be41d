"""The confidentiality vocabulary: every spelling of a grade to one, the rest refused."""

from __future__ import annotations

import unicodedata

import pytest

from archive.classification import (
    ClassificationError,
    confidentiality,
    highest,
    index_level,
    is_confidential,
    stamp,
    stored,
)
from archive.metadata import MetadataError, parse_assignments, validate


@pytest.mark.parametrize(
    ("typed", "level"),
    [
        ("Mật", "Mật"),
        ("MẬT", "Mật"),
        ("mật", "Mật"),
        ("Mat", "Mật"),
        (unicodedata.normalize("NFD", "Mật"), "Mật"),
        ("  Mật. ", "Mật"),
        ("«Mật»", "Mật"),
        ("Tối Mật", "Tối mật"),
        ("TOI MAT", "Tối mật"),
        ("tối-mật", "Tối mật"),
        ("Tối  mật;", "Tối mật"),
        ("TUYỆT MẬT", "Tuyệt mật"),
        (unicodedata.normalize("NFD", "Tuyệt mật"), "Tuyệt mật"),
        ("tuyet mat!", "Tuyệt mật"),
    ],
)
def test_every_spelling_of_a_grade_is_the_grade(typed: str, level: str) -> None:
    assert confidentiality(typed) == level


@pytest.mark.parametrize(
    "typed", [None, "", "  ", "Thường", "THƯỜNG", "thuong", "Bình thường", "-"]
)
def test_no_grade_is_none(typed: str | None) -> None:
    assert confidentiality(typed) is None


@pytest.mark.parametrize(
    "typed", ["Bí mật", "Mật khẩn", "Secret", "Mật 2", "Tối", "Khẩn", "x" * 500]
)
def test_anything_else_is_refused_naming_the_grades(typed: str) -> None:
    with pytest.raises(ClassificationError) as refused:
        confidentiality(typed)
    message = str(refused.value)
    assert message.startswith("Độ mật «")
    for grade in ("«Thường»", "«Mật»", "«Tối mật»", "«Tuyệt mật»"):
        assert grade in message
    assert len(message) < 200  # a long value is cut, not echoed whole


def test_refusals_are_metadata_errors_on_every_path() -> None:
    assert validate({"confidentiality": "TỐI MẬT."}) == {"confidentiality": "Tối mật"}
    assert parse_assignments(["confidentiality=mat"]) == {"confidentiality": "Mật"}
    with pytest.raises(MetadataError):
        parse_assignments(["confidentiality=Bí mật"])


def test_stored_values_are_read_and_the_unknown_count_as_secret() -> None:
    assert stored("TỐI MẬT") == "Tối mật"
    assert stored("Thường") is None and stored(None) is None
    assert stored("Hạn chế") == "Hạn chế"  # kept as written, never lost
    assert is_confidential("Hạn chế") and is_confidential("mật") and not is_confidential("")
    assert index_level("Hạn chế") == "Mật" and index_level("tuyệt mật") == "Tuyệt mật"
    assert index_level(None) == ""


def test_the_highest_grade_wins() -> None:
    assert highest([None, "Mật", "TUYỆT MẬT", "Tối mật"]) == "Tuyệt mật"
    assert highest([None, ""]) is None
    assert highest(["Hạn chế", None]) == "Mật"


@pytest.mark.parametrize(
    ("line", "level"),
    [
        ("MẬT", "Mật"),
        ("  TỐI MẬT  ", "Tối mật"),
        ("[TUYỆT MẬT]", "Tuyệt mật"),
        ("Mật", None),  # not in capitals
        ("TÀI LIỆU MẬT", None),
        ("MẬT KHẨU", None),
        ("Bảo vệ bí mật nhà nước", None),
    ],
)
def test_a_stamp_is_the_grade_alone_in_capitals(line: str, level: str | None) -> None:
    assert stamp(line) == level
