"""Stamps of urgency printed on the document are read as its urgency."""

from __future__ import annotations

import pytest

from archive import vn
from archive.metadata import merge
from tests.samples import decision


def _stamped(stamp: str, *, after: str = "Số: ") -> str:
    """A constructed decision with ``stamp`` on its own line, above the line ``after``."""
    text = decision(1)
    at = text.index(after)
    return text[:at] + stamp + "\n" + text[at:]


@pytest.mark.parametrize(
    ("stamp", "level"),
    [
        ("KHẨN", "Khẩn"),
        ("THƯỢNG KHẨN", "Thượng khẩn"),
        ("HỎA TỐC", "Hỏa tốc"),
        ("HOẢ TỐC", "Hỏa tốc"),
    ],
)
def test_a_stamp_above_the_number_is_the_urgency(stamp: str, level: str) -> None:
    fields = vn.parse(_stamped(stamp))
    assert fields["urgency"] == level
    assert fields["confidentiality"] is None
    # the stamp is not taken for anything else of the header
    assert fields["number"] == "1001/QĐ-UBND"
    assert fields["issuer"] == "Ủy ban nhân dân tỉnh Hà Giang"
    assert fields["doc_type"] == "Quyết định"


def test_a_stamp_below_the_number_in_a_box() -> None:
    text = _stamped("[ THƯỢNG KHẨN ]", after="Hà Giang, ngày")
    assert vn.parse(text)["urgency"] == "Thượng khẩn"


def test_both_stamps_are_read() -> None:
    fields = vn.parse(_stamped("MẬT\nHỎA TỐC"))
    assert (fields["confidentiality"], fields["urgency"]) == ("Mật", "Hỏa tốc")
    assert fields["number"] == "1001/QĐ-UBND"


@pytest.mark.parametrize(
    "body",
    [
        "Điều 3. Đề nghị các đơn vị khẩn trương triển khai thực hiện.",
        "Khẩn",  # a line in small letters is not a stamp
        "Hỏa tốc",
        "KHẨN TRƯƠNG",
    ],
)
def test_the_word_in_the_body_is_no_stamp(body: str) -> None:
    text = decision(1).replace("KT. CHỦ TỊCH", body + "\n\nKT. CHỦ TỊCH")
    assert vn.parse(text)["urgency"] is None


def test_a_capital_line_deep_in_the_body_is_no_stamp() -> None:
    text = decision(1).replace("KT. CHỦ TỊCH", "KHẨN\n\nKT. CHỦ TỊCH")
    assert vn.parse(text)["urgency"] is None


def test_a_plain_decision_has_no_urgency() -> None:
    assert vn.parse(decision(1))["urgency"] is None


def test_the_stamp_is_extracted_and_a_person_wins() -> None:
    extracted = vn.parse(_stamped("KHẨN"))
    metadata, provenance = merge(extracted, {}, parser="hoso-vn", user="lan", at="t")
    assert metadata["urgency"] == "Khẩn"
    assert provenance["urgency"]["source"] == "extracted"
    metadata, provenance = merge(
        extracted, {"urgency": "Hỏa tốc"}, parser="hoso-vn", user="lan", at="t"
    )
    assert metadata["urgency"] == "Hỏa tốc"
    assert provenance["urgency"] == {"source": "entered", "by": "lan", "at": "t"}
