"""Dates, document numbers and the types their symbols show."""

from __future__ import annotations

import pytest

from archive.vn.dates import parse_date, place_and_date
from archive.vn.numbers import find_numbers, number_key, tidy, type_of_number


@pytest.mark.parametrize(
    ("cell", "place", "iso"),
    [
        ("Lai Châu, ngày 07 tháng 4 năm 2014", "Lai Châu", "2014-04-07"),
        ("Hà Nội, ngày 7/4/2014", "Hà Nội", "2014-04-07"),
        ("ngày 0 7 tháng 4 năm 2 014", None, "2014-04-07"),
        ("Tuyên Quang, ngay 27 thang 9 nam 2010", "Tuyên Quang", "2010-09-27"),
        ("HÀ NỘI, ngày 15.6.2022", "Hà Nội", "2022-06-15"),
        ("Số: 85/QĐ-SNV Lai Châu, ngày 05 tháng 01 năm 2016", "Lai Châu", "2016-01-05"),
    ],
)
def test_place_and_date(cell: str, place: str | None, iso: str) -> None:
    assert place_and_date(cell) == (place, iso)


def test_impossible_dates_are_rejected() -> None:
    assert parse_date("ngày 31 tháng 2 năm 2015") is None
    assert parse_date("ngày 12/13/2015") is None


@pytest.mark.parametrize(
    ("text", "number", "doc_type"),
    [
        ("Số: 123/QĐ-UBND", "123/QĐ-UBND", "Quyết định"),
        ("Chỉ thị số 34-CT/TW ngày", "34-CT/TW", "Chỉ thị"),
        ("Số: 22/2010/QĐ-UBND", "22/2010/QĐ-UBND", "Quyết định"),
        ("Số: 05/KH-VP", "05/KH-VP", "Kế hoạch"),
        ("Số: 123/UBND-VP", "123/UBND-VP", "Công văn"),
        ("Tờ trình số 245/TTr-BTĐKT", "245/TTr-BTĐKT", "Tờ trình"),
        ("Số: 20 /HD-SNV", "20/HD-SNV", "Hướng dẫn"),
        ("Số: 12/CTr-UBND", "12/CTr-UBND", "Chương trình"),
        ("Luật số: 06/2022/QH15", "06/2022/QH15", None),
    ],
)
def test_numbers_and_symbol_types(text: str, number: str, doc_type: str | None) -> None:
    found = [tidy(m) for m in find_numbers(text)]
    assert found == [number]
    assert type_of_number(number) == doc_type


@pytest.mark.parametrize("text", ["ngày 10/12/2014", "(2021 - 2025)", "1.150.000 đồng", "Điều 88"])
def test_dates_and_amounts_are_not_numbers(text: str) -> None:
    assert find_numbers(text) == []


def test_number_key_ignores_ocr_slips() -> None:
    assert number_key("1268/QD-UBND") == number_key("1268/QĐ-UBND")
    assert number_key("2O15/QĐ-UBND") == number_key("2015/QĐ-UBND")
