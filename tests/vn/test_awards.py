"""Award-form vocabulary and award entries of decisions."""

from __future__ import annotations

import pytest

from archive.vn import parse
from archive.vn.award_forms import normalise

DECISION = """ỦY BAN NHÂN DÂN
TỈNH ĐIỆN BIÊN
Số: 77/QĐ-UBND
Điện Biên, ngày 9 tháng 1 năm 2020
QUYẾT ĐỊNH
Về việc tặng danh hiệu Tập thể lao động xuất sắc và Chiến sỹ thi đua cấp tỉnh
Điều 1. Tặng danh hiệu "Tập thể lao động xuất sắc" năm 2019 cho:
1. Phòng Kế hoạch - Tài chính, Sở Y tế;
2. Trường Trung học phổ thông Mường Chà.
Điều 2. Tặng danh hiệu Chiến sỹ thi đua cấp tỉnh cho các cá nhân sau:
STT | Họ và tên | Chức vụ, đơn vị
1 | Ông Quàng Văn Pảnh | Phó Giám đốc Sở Y tế
2 | Cà Thị Yến | Giáo viên Trường Trung học phổ thông Mường Chà
Điều 3. Chánh Văn phòng UBND tỉnh chịu trách nhiệm thi hành Quyết định này./.
"""


@pytest.mark.parametrize(
    ("printed", "canonical"),
    [
        ("Chiến sỹ thi đua cơ sở", "Chiến sĩ thi đua cơ sở"),
        ("CHIẾN SĨ THI ĐUA CẤP TỈNH", "Chiến sĩ thi đua cấp tỉnh"),
        ("Bằng khen của Chủ tịch UBND tỉnh", "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"),
        ("bằng khen của Thủ tướng Chính phủ", "Bằng khen của Thủ tướng Chính phủ"),
        ("Huân chương Lao động hạng Ba", "Huân chương Lao động hạng Ba"),
        ("Huan chuong Lao dong hang Nhi", "Huân chương Lao động hạng Nhì"),
        ("cờ thi đua của Chính phủ", "Cờ thi đua của Chính phủ"),
        ("Giấy khen của Giám đốc Sở", "Giấy khen"),
        ("Tập thể lao động tiên tiến", "Tập thể lao động tiên tiến"),
        ("Lao động tiên tiến", "Lao động tiên tiến"),
    ],
)
def test_award_form_normalisation(printed: str, canonical: str) -> None:
    assert normalise(printed) == canonical


def test_unknown_text_is_no_award_form() -> None:
    assert normalise("Căn cứ Luật Tổ chức chính quyền địa phương") is None


def test_award_entries_from_list_and_table() -> None:
    awards = parse(DECISION)["awards"]
    assert awards == [
        {"recipient": "Phòng Kế hoạch - Tài chính, Sở Y tế", "recipient_kind": "collective",
         "unit": None, "award_form": "Tập thể lao động xuất sắc", "year": 2019},
        {"recipient": "Trường Trung học phổ thông Mường Chà", "recipient_kind": "collective",
         "unit": None, "award_form": "Tập thể lao động xuất sắc", "year": 2019},
        {"recipient": "Quàng Văn Pảnh", "recipient_kind": "individual",
         "unit": "Phó Giám đốc Sở Y tế", "award_form": "Chiến sĩ thi đua cấp tỉnh", "year": 2020},
        {"recipient": "Cà Thị Yến", "recipient_kind": "individual",
         "unit": "Giáo viên Trường Trung học phổ thông Mường Chà",
         "award_form": "Chiến sĩ thi đua cấp tỉnh", "year": 2020},
    ]  # fmt: skip


def test_regulation_about_awards_gives_no_awards() -> None:
    text = "QUYẾT ĐỊNH\nBan hành Quy chế xét tặng Bằng khen\nĐiều 1. Ban hành kèm theo Quyết định này Quy chế."
    assert parse(text)["awards"] == []
