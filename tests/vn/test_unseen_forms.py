"""Forms outside the modern Decree 30 layout, each rule with a constructed example.

Every example here is written for the rule it checks (names, numbers and places are
illustrative); none is a copy of a corpus document.
"""

from __future__ import annotations

import pytest

from archive.vn import clean_text, parse, read
from archive.vn.awards import is_table_header
from archive.vn.hygiene import join_spaced_letters, split_glued_syllables
from archive.vn.legacy import convert
from archive.vn.numbers import find_numbers, tidy, type_of_number
from archive.vn.parser import tidy_field

MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"


# --- signature blocks -----------------------------------------------------------------


def test_president_order_signed_with_mark_and_name_below() -> None:
    text = (
        "CHỦ TỊCH NƯỚC | " + MOTTO + "\nSố: 31/L-CTN | Hà Nội, ngày 4 tháng 5 năm 1967\n"
        "LỆNH\nVề việc công bố Pháp lệnh thưởng huân chương\n"
        "Căn cứ vào Điều 63 của Hiến pháp;\nNay công bố Pháp lệnh.\n"
        "CHỦ TỊCH NƯỚC\n(Đã ký)\nHồ Văn Minh\n"
    )
    got = parse(text)
    assert (got["signer"], got["signer_title"]) == ("Hồ Văn Minh", "Chủ tịch nước")
    assert got["doc_type"] == "Lệnh"


def test_acting_title_is_kept() -> None:
    text = "QUYẾT ĐỊNH\nCăn cứ Hiến pháp;\nQUYỀN CHỦ TỊCH NƯỚC\n(Đã ký)\nLê Văn Tâm\n"
    assert parse(text)["signer_title"] == "Quyền Chủ tịch nước"


def test_chained_capacity_lines_lead_to_the_own_title() -> None:
    text = (
        "QUYẾT ĐỊNH\nĐiều 2. Bộ Nội vụ thi hành quyết định này.\n"
        "K.T. HỘI ĐỒNG CHÍNH PHỦ\nK.T. THỦ TƯỚNG CHÍNH PHỦ\nPHÓ THỦ TƯỚNG\n\nĐào Văn Lâm\n"
    )
    got = parse(text)
    assert (got["signer"], got["signer_title"]) == ("Đào Văn Lâm", "Phó Thủ tướng")


def test_standing_vice_head_signs_for_the_head() -> None:
    text = (
        "Nơi nhận: | KT. TRƯỞNG BAN\n- Như trên; | PHÓ TRƯỞNG BAN THƯỜNG TRỰC\n"
        "- Lưu: VT. | Vi Thị Hạnh\n"
    )
    got = parse(text)
    assert (got["signer"], got["signer_title"]) == ("Vi Thị Hạnh", "Phó Trưởng ban Thường trực")


def test_name_typed_above_the_signed_mark() -> None:
    text = "QUYẾT ĐỊNH\nĐiều 2. Quyết định này có hiệu lực từ ngày ký.\nCầm Bá Long\n(Đã ký)\n"
    assert parse(text)["signer"] == "Cầm Bá Long"


def test_name_on_the_title_line() -> None:
    text = "Nơi nhận:\n- Lưu VT.\nTM. HỘI ĐỒNG NHÀ NƯỚC\nCHỦ TỊCH Trương Văn Hiển\n"
    got = parse(text)
    assert (got["signer"], got["signer_title"]) == ("Trương Văn Hiển", "Chủ tịch")


# --- subjects -------------------------------------------------------------------------


def test_letter_subject_on_two_lines_beside_the_date() -> None:
    text = (
        "UBND HUYỆN MƯỜNG TÈ          " + MOTTO + "\n"
        "PHÒNG NỘI VỤ          Độc lập - Tự do - Hạnh phúc\nSố: 45/PNV\n"
        "V/v đề nghị khen thưởng các tập thể          Mường Tè, ngày 2 tháng 6 năm 2021\n"
        "Trường học năm học 2020 - 2021\nKính gửi: Ủy ban nhân dân huyện\n"
    )
    got = parse(text)
    assert got["subject"] == "V/v đề nghị khen thưởng các tập thể Trường học năm học 2020 - 2021"
    assert (got["place"], got["issued_date"]) == ("Mường Tè", "2021-06-02")


def test_subject_continues_on_a_second_line_across_blank_lines() -> None:
    lines = [
        "ỦY BAN NHÂN DÂN TỈNH", "Số: 7/KH-UBND", "Bắc Ninh, ngày 3 tháng 1 năm 2022",
        "KẾ HOẠCH", "Tổ chức phong trào thi đua yêu nước trên địa bàn", "tỉnh Bắc Ninh",
        "Căn cứ Luật Thi đua, Khen thưởng;", "Thực hiện Chỉ thị số 34-CT/TW;",
        "I. MỤC ĐÍCH", "Động viên cán bộ.",
    ]  # fmt: skip
    got = parse("\n\n".join(lines))  # a web page: a blank line after every line
    assert got["subject"] == "Tổ chức phong trào thi đua yêu nước trên địa bàn tỉnh Bắc Ninh"


def test_old_title_carries_its_own_number_and_date_before_the_subject() -> None:
    text = (
        "HỘI ĐỒNG BỘ TRƯỞNG\nSố: 51-HĐBT\nQUYẾT ĐỊNH\n"
        "CỦA HỘI ĐỒNG BỘ TRƯỞNG SỐ 51-HĐBT NGÀY 3-5-1984 ĐIỀU CHỈNH ĐỊA GIỚI HUYỆN\n"
        "HỘI ĐỒNG BỘ TRƯỞNG\nCăn cứ Luật tổ chức;\n"
    )
    assert parse(text)["subject"] == "Điều chỉnh địa giới huyện"


def test_subject_keeps_vv_as_printed_and_loses_quotes() -> None:
    text = "QUYẾT ĐỊNH\n“V/v phân công nhiệm vụ năm học 2019 - 2020”\nCăn cứ Điều lệ trường;\n"
    assert parse(text)["subject"] == "V/v phân công nhiệm vụ năm học 2019 - 2020"


# --- line repair ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("broken", "whole"),
    [
        ("Về việc tặng danh hiệu Chiến sĩ thi đua\ncơ sở", "Về việc tặng danh hiệu Chiến sĩ thi đua cơ sở"),
        ("Truy tặng Huân chương Kháng chiến hạng\nnhất cho ông", "Truy tặng Huân chương Kháng chiến hạng nhất cho ông"),
        ("Tặng danh hiệu Tập thể lao động xuất sắc cho Trường Tiểu-\nhọc Hòa Bình", "Tặng danh hiệu Tập thể lao động xuất sắc cho Trường Tiểu-học Hòa Bình"),
    ],
)  # fmt: skip
def test_joining_lines_never_glues_two_syllables(broken: str, whole: str) -> None:
    assert clean_text(broken) == whole


def test_syllables_glued_by_a_lost_space_are_parted() -> None:
    assert (
        split_glued_syllables("Vềviệc Truytặng Tặngdanh hiệu") == "Về việc Truy tặng Tặng danh hiệu"
    )
    assert split_glued_syllables("QUY ĐỊNH CHITIẾT") == "QUY ĐỊNH CHI TIẾT"
    for kept in ("Internet", "HĐND", "Đắk Lắk", "Nguyễn Thị Thủy", "nghiêng", "BGDĐT"):
        assert split_glued_syllables(kept) == kept


def test_date_wrapped_before_its_year_is_rejoined() -> None:
    text = (
        "UBND XÃ TÂN LẬP\nSố: 3/TB-UBND\nTân Lập, ngày 9 tháng 9 năm\n2016\nTHÔNG BÁO\nLịch trực\n"
    )
    assert parse(text)["issued_date"] == "2016-09-09"


# --- issuers --------------------------------------------------------------------------


def test_two_level_header_names_the_lower_body_with_the_province() -> None:
    text = (
        "UBND TỈNH SƠN LA | " + MOTTO + "\nSỞ GIÁO DỤC VÀ ĐÀO TẠO | Độc lập - Tự do - Hạnh phúc\n"
        "Số: 88/SGDĐT-VP | Sơn La, ngày 3 tháng 4 năm 2019\nV/v tổng kết thi đua\n"
        "Kính gửi: Các trường\n"
    )
    assert parse(text)["issuer"] == "Sở Giáo dục và Đào tạo tỉnh Sơn La"


@pytest.mark.parametrize(
    ("header", "issuer"),
    [
        ("LIÊN ĐOÀN LAO ĐỘNG TỈNH LÀO CAI\nCÔNG ĐOÀN NGÀNH Y TẾ", "Công đoàn ngành Y tế tỉnh Lào Cai"),
        ("UBND HUYỆN KỲ SƠN\nTRƯỜNG MN HOA SEN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT", "Trường Mầm non Hoa Sen huyện Kỳ Sơn"),
        ("PHÒNG GD & ĐT ĐÔNG HỶ\nTRƯỜNG THCS MINH LẬP", "Trường Trung học cơ sở Minh Lập"),
        ("VĂN PHÒNG UBND TỈNH LAI CHÂU", "Văn phòng Ủy ban nhân dân tỉnh Lai Châu"),
        ("HỘI ĐỒNG CHÍNH PHỦ\nVIỆT NAM DÂN CHỦ CỘNG HÒA", "Hội đồng Chính phủ"),
        ("T H Ủ  T Ư Ớ N G  C H Í N H  P H Ủ", "Thủ tướng Chính phủ"),
        ("ỦY BAN THƯỜNG VỤ QUỐC HỘI", "Ủy ban Thường vụ Quốc hội"),
        ("ĐẠI HỘI THI ĐUA YÊU NƯỚC TỈNH HÀ NAM LẦN THỨ V\nTIỂU BAN THI ĐUA - KHEN THƯỞNG", "Tiểu ban Thi đua - Khen thưởng tỉnh Hà Nam"),
    ],
)  # fmt: skip
def test_issuer_of_headers_outside_the_modern_form(header: str, issuer: str) -> None:
    text = header + "\nSố: 5/QĐ-X\nQUYẾT ĐỊNH\nVề việc khen thưởng\nCăn cứ Luật;\n"
    assert parse(text)["issuer"] == issuer


def test_blank_number_is_no_part_of_the_issuer() -> None:
    text = (
        "VĂN PHÒNG CHÍNH PHỦ\nSố:\n/TTr-VPCP\nHà Nội, ngày\ntháng\nnăm 2016\nTỜ TRÌNH\nVề dự thảo\n"
    )
    got = parse(text)
    assert (got["issuer"], got["number"], got["place"]) == ("Văn phòng Chính phủ", None, "Hà Nội")


def test_authority_line_completes_a_council_without_its_province() -> None:
    text = (
        "HỘI ĐỒNG NHÂN DÂN | " + MOTTO + "\nSố: 9/2012/NQ-HĐND | Phú Yên, ngày 3 tháng 7 năm 2012\n"
        "NGHỊ QUYẾT\nVề nhiệm vụ năm 2013\nHỘI ĐỒNG NHÂN DÂN TỈNH PHÚ YÊN\nKHÓA VI, KỲ HỌP THỨ 4\n"
        "Căn cứ Luật;\n"
    )
    assert parse(text)["issuer"] == "Hội đồng nhân dân tỉnh Phú Yên"


def test_place_unit_word_is_lower_case() -> None:
    text = "TRƯỜNG TIỂU HỌC A\nSố: 2/QĐ-TH\nThị Trấn Phố Lu, ngày 6 tháng 9 năm 2018\nQUYẾT ĐỊNH\n"
    assert parse(text)["place"] == "Thị trấn Phố Lu"


# --- awards ---------------------------------------------------------------------------

AWARD_DECISION = """ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TỈNH YÊN BÁI | Độc lập - Tự do - Hạnh phúc
Số: 512/QĐ-UBND | Yên Bái, ngày 14 tháng 3 năm 2019
QUYẾT ĐỊNH
Về việc công nhận danh hiệu Chiến sĩ thi đua cấp tỉnh
CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH YÊN BÁI
Căn cứ Luật Thi đua, Khen thưởng ngày 26/11/2003;
QUYẾT ĐỊNH:
Điều 1. Công nhận danh hiệu Chiến sĩ thi đua cấp tỉnh đối với 03 cá nhân (có danh sách kèm theo).
Điều 2. Chánh Văn phòng chịu trách nhiệm thi hành Quyết định này./.
Nơi nhận: | KT. CHỦ TỊCH
- Như Điều 2; | PHÓ CHỦ TỊCH
- Lưu: VT. | Đỗ Minh Tâm
DANH SÁCH
CÁ NHÂN ĐƯỢC CÔNG NHẬN DANH HIỆU CHIẾN SĨ THI ĐUA CẤP TỈNH
STT Họ và tên Chức vụ
* HUYỆN VĂN CHẤN: 02 cá nhân
1. Bà Lò Thị Hoa - Giáo viên Trường Tiểu học Kim Đồng, huyện Văn Chấn
2. Ông Hà Văn Sơn - Hiệu trưởng Trường THCS Lê Lợi
* SỞ Y TẾ: 01 cá nhân
3. Bà Vàng Thị Dung - Kế toán Phòng Tài chính - Kế toán
(Danh sách ấn định 03 cá nhân)
"""


def test_recognised_titles_listed_with_dashes_groups_and_a_closing_count() -> None:
    got = parse(AWARD_DECISION)["awards"]
    assert [(a["recipient"], a["unit"]) for a in got] == [
        ("Lò Thị Hoa", "Giáo viên Trường Tiểu học Kim Đồng, huyện Văn Chấn"),
        ("Hà Văn Sơn", "Hiệu trưởng Trường THCS Lê Lợi"),
        ("Vàng Thị Dung", "Kế toán Phòng Tài chính - Kế toán"),
    ]
    assert {a["award_form"] for a in got} == {"Chiến sĩ thi đua cấp tỉnh"}
    assert {a["recipient_kind"] for a in got} == {"individual"}


def test_article_that_names_the_form_after_its_subject() -> None:
    text = (
        "QUYẾT ĐỊNH\nQUYẾT ĐỊNH:\n"
        "Điều 1. Các cá nhân có tên sau được công nhận danh hiệu Lao động tiên tiến năm 2020:\n"
        "1. Ông Phạm Văn Tú, Tổ trưởng tổ Toán\n2. Bà Đinh Thị Mai, Giáo viên\n"
        "Điều 2. Các cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành./.\n"
    )
    got = parse(text)["awards"]
    assert [(a["recipient"], a["award_form"], a["year"]) for a in got] == [
        ("Phạm Văn Tú", "Lao động tiên tiến", 2020),
        ("Đinh Thị Mai", "Lao động tiên tiến", 2020),
    ]


@pytest.mark.parametrize(
    "row", ["STT Họ và tên Chức vụ", "Số TT | Họ tên | Đơn vị công tác | Ghi chú", "TT Tên tập thể"]
)
def test_table_header_rows_are_never_recipients(row: str) -> None:
    assert is_table_header(row)
    text = (
        "QUYẾT ĐỊNH\nĐiều 1. Tặng Giấy khen cho các cá nhân sau:\n"
        f"{row}\n1. Ông Lê Văn An, Tổ Văn\nĐiều 2. Thi hành./.\n"
    )
    assert [a["recipient"] for a in parse(text)["awards"]] == ["Lê Văn An"]


def test_a_recipient_line_is_not_a_table_header() -> None:
    assert not is_table_header("Ông Nguyễn Văn Tâm, Trưởng phòng")


# --- numbers and types ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("printed", "number", "doc_type"),
    [
        ("Số: 1855/BTĐKT-Vụ II", "1855/BTĐKT-Vụ II", "Công văn"),
        ("Số: 424/SGDĐT-TĐKT", "424/SGDĐT-TĐKT", "Công văn"),
        ("Số: 65B/SL", "65B/SL", "Sắc lệnh"),
        ("Số: 572 NQ/HĐNN7", "572 NQ/HĐNN7", "Nghị quyết"),
        ("Số: 10./QĐ- MN", "10/QĐ-MN", "Quyết định"),
        ("Số: 21TC/TCT", "21TC/TCT", None),
        ("Nghị định số14/2023/NĐ-CP", "14/2023/NĐ-CP", "Nghị định"),
    ],
)
def test_number_forms(printed: str, number: str, doc_type: str | None) -> None:
    found = [tidy(m) for m in find_numbers(printed)]
    assert found == [number]
    assert type_of_number(number) == doc_type


def test_capitalised_words_after_a_number_are_no_symbol() -> None:
    assert find_numbers("Điều 1. - Nay đặt ra huy chương") == []
    assert [tidy(m) for m in find_numbers("Quyết định 15/QĐ-TTg - Phạm Văn Hải")] == ["15/QĐ-TTg"]


def test_letter_without_a_type_line_is_a_cong_van() -> None:
    text = (
        "CÔNG ĐOÀN NGÀNH GIÁO DỤC | " + MOTTO + "\nSố: 17/CĐN | Lào Cai, ngày 8 tháng 11 năm 2017\n"
        "V/v góp ý dự thảo\nKính gửi: Các công đoàn cơ sở\nBÁO CÁO KẾT QUẢ\nNăm qua…\n"
    )
    assert parse(text)["doc_type"] == "Công văn"


def test_untitled_text_without_letter_marks_has_no_type() -> None:
    assert parse("Biên chép tay không rõ nguồn\nmột vài dòng ghi nhớ")["doc_type"] is None


# --- OCR debris (issue 16) ------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "clean"),
    [("Thủ tướng Chính phủ _", "Thủ tướng Chính phủ"), ("Kế hoạch :", "Kế hoạch"),
     ("“Về việc khen thưởng”", "Về việc khen thưởng"), ("; Lê Văn An.", "Lê Văn An"), ("_", None)],
)  # fmt: skip
def test_fields_lose_trailing_ocr_punctuation(raw: str, clean: str | None) -> None:
    assert tidy_field(raw) == clean


def test_parsed_fields_have_no_ocr_debris() -> None:
    text = "THỦ TƯỚNG CHÍNH PHỦ _\nSố: 9/KH-TTg\nKẾ HOẠCH :\nTriển khai thi đua ._\nCăn cứ Luật;\n"
    got = parse(text)
    assert got["issuer"] == "Thủ tướng Chính phủ"
    assert got["subject"] == "Triển khai thi đua"


# --- legacy text mixed into Unicode ---------------------------------------------------


def test_a_legacy_line_inside_a_unicode_document_is_converted_alone() -> None:
    text = "phßng gi¸o dôc\nTRƯỜNG TIỂU HỌC AN BÌNH\nII. Cá nhân: 05 cá nhân"
    assert convert(text).split("\n") == [
        "phòng giáo dục", "TRƯỜNG TIỂU HỌC AN BÌNH", "II. Cá nhân: 05 cá nhân",
    ]  # fmt: skip


def test_letter_spaced_heading_needs_wide_gaps_between_words() -> None:
    assert join_spaced_letters("Q U Y Ế T  Đ Ị N H") == "QUYẾT ĐỊNH"
    assert join_spaced_letters("A B C") == "A B C"


# --- what a person should check -------------------------------------------------------


def test_fields_read_without_the_forms_marks_are_unsure() -> None:
    letter = (
        "PHÒNG NỘI VỤ HUYỆN BẢO YÊN\n45/PNV-TĐKT\nBảo Yên, ngày 2 tháng 6 năm 2021\n"
        "V/v đề nghị khen thưởng\nKính gửi: Ủy ban nhân dân huyện\nNội dung.\n"
        "TRƯỞNG PHÒNG\n(Đã ký)\nLý Văn Hải\n"
    )
    fields, unsure = read(letter)
    assert fields["doc_type"] == "Công văn"
    assert set(unsure) == {"doc_type", "number", "signer", "signer_title"}


def test_a_decision_in_the_official_form_is_sure() -> None:
    fields, unsure = read(AWARD_DECISION)
    assert fields["doc_type"] == "Quyết định" and fields["signer"] == "Đỗ Minh Tâm"
    assert unsure == []


def test_a_recipient_whose_achievement_ends_in_a_count_is_kept() -> None:
    text = (
        "QUYẾT ĐỊNH\nĐiều 1. Tặng Giấy khen cho các cá nhân sau:\n"
        "1. Ông Lê Văn An, Tổ Văn, đã có thành tích giúp đỡ 30 người\n"
        "* TỔ TOÁN: 01 cá nhân\n2. Bà Hà Thị Bình, Tổ Toán\nĐiều 2. Thi hành./.\n"
    )
    assert [a["recipient"] for a in parse(text)["awards"]] == ["Lê Văn An", "Hà Thị Bình"]


# --- recipients -----------------------------------------------------------------------


def test_recipient_entry_going_on_after_a_comma_is_one_entry() -> None:
    text = (
        "Nơi nhận:\n- Như Điều 3;\n- Văn phòng UBND tỉnh: PVP (NC, TH),\n"
        "  Trung tâm Công báo;\n- Lưu: VT.\n"
    )
    assert parse(text)["recipients"] == [
        "Như Điều 3", "Văn phòng UBND tỉnh: PVP (NC, TH), Trung tâm Công báo", "Lưu: VT",
    ]  # fmt: skip


def test_recipients_end_where_an_attached_part_begins() -> None:
    text = (
        "Nơi nhận:          HIỆU TRƯỞNG\n- Như Điều 3;          (Đã ký)\n- Lưu VT.\n"
        "PHÂN CÔNG NHIỆM VỤ CHO CÁN BỘ, GIÁO VIÊN NĂM HỌC 2019 - 2020          Ngô Văn Tùng\n"
        "(Kèm theo Quyết định số 12/QĐ-THCS ngày 5/9/2019)\n- Dạy Toán lớp 8;\n- Chủ nhiệm lớp 8A.\n"
    )
    assert parse(text)["recipients"] == ["Như Điều 3", "Lưu VT"]
