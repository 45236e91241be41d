"""The urgency vocabulary: every spelling of a level to one, the rest refused."""

from __future__ import annotations

import unicodedata

import pytest

from archive.metadata import MetadataError, parse_assignments, validate
from archive.permissions import may_see
from archive.urgency import UrgencyError, stamp, urgency


@pytest.mark.parametrize(
    ("typed", "level"),
    [
        ("Khẩn", "Khẩn"),
        ("KHẨN", "Khẩn"),
        ("khan", "Khẩn"),
        ("Khẩn.", "Khẩn"),
        (unicodedata.normalize("NFD", "Khẩn"), "Khẩn"),
        ("Thượng khẩn", "Thượng khẩn"),
        ("THƯỢNG KHẨN", "Thượng khẩn"),
        ("thuong khan", "Thượng khẩn"),
        ("thượng-khẩn", "Thượng khẩn"),
        ("Hỏa tốc", "Hỏa tốc"),
        ("Hoả tốc", "Hỏa tốc"),  # the older placement of the tone mark
        ("HOẢ TỐC", "Hỏa tốc"),
        ("hoa toc", "Hỏa tốc"),
        ("  Hỏa   tốc ", "Hỏa tốc"),
    ],
)
def test_every_spelling_of_a_level_is_the_level(typed: str, level: str) -> None:
    assert urgency(typed) == level


@pytest.mark.parametrize("typed", [None, "", "  ", "Thường", "THƯỜNG", "thuong", "Bình thường"])
def test_no_level_is_none(typed: str | None) -> None:
    assert urgency(typed) is None


@pytest.mark.parametrize("typed", ["Rất khẩn", "Khẩn cấp", "Mật", "urgent", "Hỏa", "x" * 500])
def test_anything_else_is_refused_naming_the_levels(typed: str) -> None:
    with pytest.raises(UrgencyError) as refused:
        urgency(typed)
    message = str(refused.value)
    assert message.startswith("Độ khẩn «")
    for level in ("«Thường»", "«Khẩn»", "«Thượng khẩn»", "«Hỏa tốc»"):
        assert level in message
    assert len(message) < 200  # a long value is cut, not echoed whole


def test_refusals_are_metadata_errors_on_every_path() -> None:
    assert validate({"urgency": "HOẢ TỐC"}) == {"urgency": "Hỏa tốc"}
    assert validate({"urgency": "Thường"}) == {"urgency": None}
    assert parse_assignments(["urgency=thuong khan"]) == {"urgency": "Thượng khẩn"}
    with pytest.raises(MetadataError, match="Độ khẩn «Khẩn cấp» không hợp lệ"):
        parse_assignments(["urgency=Khẩn cấp"])


def test_urgency_hides_nothing() -> None:
    for level in ("Khẩn", "Thượng khẩn", "Hỏa tốc"):
        assert may_see("viewer", {"urgency": level})


@pytest.mark.parametrize(
    ("line", "level"),
    [
        ("KHẨN", "Khẩn"),
        ("  THƯỢNG KHẨN  ", "Thượng khẩn"),
        ("[HỎA TỐC]", "Hỏa tốc"),
        ("HOẢ TỐC", "Hỏa tốc"),
        ("Khẩn", None),  # not in capitals
        ("ĐỀ NGHỊ KHẨN TRƯƠNG", None),
        ("MẬT", None),
        ("Đề nghị các đơn vị khẩn trương thực hiện", None),
    ],
)
def test_a_stamp_is_the_level_alone_in_capitals(line: str, level: str | None) -> None:
    assert stamp(line) == level
