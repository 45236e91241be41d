"""Signature blocks, recipients, issuers, references and subjects in small documents."""

from __future__ import annotations

import pytest

from archive.vn import parse
from archive.vn.signature import find_signature, own_title

HEADER = """BỘ NỘI VỤ
BAN THI ĐUA - KHEN THƯỞNG TRUNG ƯƠNG
-------
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 12/TB-BTĐKT
Hà Nội, ngày 3 tháng 3 năm 2019
THÔNG BÁO
Kết quả bình xét thi đua năm 2018
"""


@pytest.mark.parametrize(
    ("block", "signer", "title"),
    [
        (["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "(Đã ký)", "Đỗ Ngọc An"], "Đỗ Ngọc An", "Phó Chủ tịch"),
        (["KT THỦ TƯỚNG PHÓ THỦ TƯỚNG", "(Đã ký)", "Nguyễn Sinh Hùng"], "Nguyễn Sinh Hùng",
         "Phó Thủ tướng"),
        (["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "", "", "NGUYỄN VĂN AN"], "Nguyễn Văn An", "Chủ tịch"),
        (["CHÁNH VĂN PHÒNG", "( Đã ký )", "Nguyễn Ngọc Vinh"], "Nguyễn Ngọc Vinh",
         "Chánh Văn phòng"),
        (["- Lưu: VT. | GIÁM ĐỐC", "(Đã ký) Tống Thanh Hải"], "Tống Thanh Hải", "Giám đốc"),
        (["TL. BỘ TRƯỞNG", "VỤ TRƯỞNG VỤ TỔ CHỨC CÁN BỘ", "Lê Văn Bình"], "Lê Văn Bình",
         "Vụ trưởng Vụ Tổ chức cán bộ"),
    ],
)  # fmt: skip
def test_signature_blocks(block: list[str], signer: str, title: str) -> None:
    assert find_signature(block, 0, trusted=False) == (signer, title)


def test_capacity_line_alone_is_not_a_title() -> None:
    assert own_title("KT. CHỦ TỊCH") is None
    assert own_title("TM. ỦY BAN NHÂN DÂN CHỦ TỊCH") == "Chủ tịch"


def test_header_with_parent_body_and_notice() -> None:
    got = parse(HEADER + "Nơi nhận:\n- Như trên;\n- Lưu: VT.\nTRƯỞNG BAN\n(Đã ký)\nTrần Văn Bình")
    assert got["issuer"] == "Ban Thi đua - Khen thưởng Trung ương"
    assert got["doc_type"] == "Thông báo"
    assert got["number"] == "12/TB-BTĐKT"
    assert got["issued_date"] == "2019-03-03"
    assert got["subject"] == "Kết quả bình xét thi đua năm 2018"
    assert got["recipients"] == ["Như trên", "Lưu: VT"]
    assert (got["signer"], got["signer_title"]) == ("Trần Văn Bình", "Trưởng ban")


def test_header_in_merged_table_rows_and_official_letter() -> None:
    text = (
        "UBND HUYỆN PHONG THỔ | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "PHÒNG NỘI VỤ | Độc lập - Tự do - Hạnh phúc\n"
        "Số: 45/PNV-TĐKT | Phong Thổ, ngày 2 tháng 6 năm 2021\n"
        "V/v đề nghị khen thưởng năm 2021\n"
        "Kính gửi: Ủy ban nhân dân huyện\n"
    )
    got = parse(text)
    assert got["issuer"] == "Phòng Nội vụ huyện Phong Thổ"
    assert got["doc_type"] == "Công văn"
    assert got["subject"] == "V/v đề nghị khen thưởng năm 2021"  # filed as printed
    assert got["place"] == "Phong Thổ"
    assert got["recipients"] is None


def test_references_exclude_own_number_and_duplicates() -> None:
    text = HEADER + (
        "Căn cứ Nghị định số 91/2017/NĐ-CP ngày 31 tháng 7 năm 2017 của Chính phủ;\n"
        "Thực hiện Kế hoạch 05/KH-BTĐKT ngày 2/1/2019 và Nghị định số 91/2017/NĐ-CP;\n"
        "Thông báo số 12/TB-BTĐKT này thay thế Công văn số 77/BTĐKT-VP.\n"
    )
    refs = parse(text)["references"]
    assert refs == [
        {"doc_type": "Nghị định", "number": "91/2017/NĐ-CP", "issued_date": "2017-07-31"},
        {"doc_type": "Kế hoạch", "number": "05/KH-BTĐKT", "issued_date": "2019-01-02"},
        {"doc_type": "Công văn", "number": "77/BTĐKT-VP", "issued_date": None},
    ]


def test_document_without_header_has_no_number_or_date() -> None:
    got = parse(
        "QUYẾT ĐỊNH\nVề việc khen thưởng\nCăn cứ Luật Thi đua, Khen thưởng ngày 26/11/2003;"
    )
    assert got["doc_type"] == "Quyết định"
    assert got["number"] is None and got["issued_date"] is None
    assert got["recipients"] is None and got["awards"] == []
