"""Stamps of secrecy printed on the document are read as its confidentiality."""

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
    ("stamp", "level"), [("MẬT", "Mật"), ("TỐI MẬT", "Tối mật"), ("TUYỆT MẬT", "Tuyệt mật")]
)
def test_a_stamp_above_the_number_is_the_level(stamp: str, level: str) -> None:
    fields = vn.parse(_stamped(stamp))
    assert fields["confidentiality"] == level
    # the stamp is not taken for anything else of the header
    assert fields["number"] == "1001/QĐ-UBND"
    assert fields["issuer"] == "Ủy ban nhân dân tỉnh Hà Giang"
    assert fields["doc_type"] == "Quyết định"


def test_a_stamp_below_the_number_in_a_box() -> None:
    text = _stamped("[ TỐI MẬT ]", after="Hà Giang, ngày")
    assert vn.parse(text)["confidentiality"] == "Tối mật"


def test_a_stamp_in_a_merged_header_row() -> None:
    text = decision(1).replace("Số: 1001/QĐ-UBND", "Số: 1001/QĐ-UBND | MẬT")
    assert vn.parse(text)["confidentiality"] == "Mật"


@pytest.mark.parametrize(
    "body",
    [
        "Điều 3. Tài liệu này là tài liệu mật, không được sao chụp.",
        "Mật",  # a line in small letters is not a stamp
        "Bảo vệ bí mật nhà nước theo Luật Bảo vệ bí mật nhà nước",
        "MẬT KHẨU",
    ],
)
def test_the_word_in_the_body_is_no_stamp(body: str) -> None:
    text = decision(1).replace("KT. CHỦ TỊCH", body + "\n\nKT. CHỦ TỊCH")
    assert vn.parse(text)["confidentiality"] is None


def test_a_capital_line_deep_in_the_body_is_no_stamp() -> None:
    text = decision(1).replace("KT. CHỦ TỊCH", "MẬT\n\nKT. CHỦ TỊCH")
    assert vn.parse(text)["confidentiality"] is None


def test_a_plain_decision_has_no_level() -> None:
    assert vn.parse(decision(1))["confidentiality"] is None


def test_the_stamp_is_extracted_and_a_person_wins() -> None:
    extracted = vn.parse(_stamped("MẬT"))
    metadata, provenance = merge(extracted, {}, parser="hoso-vn", user="lan", at="t")
    assert metadata["confidentiality"] == "Mật"
    assert provenance["confidentiality"]["source"] == "extracted"
    metadata, provenance = merge(
        extracted, {"confidentiality": "Tuyệt mật"}, parser="hoso-vn", user="lan", at="t"
    )
    assert metadata["confidentiality"] == "Tuyệt mật"
    assert provenance["confidentiality"] == {"source": "entered", "by": "lan", "at": "t"}
