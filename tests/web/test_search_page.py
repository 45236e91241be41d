"""The search page: accent-free queries, facets, filters, sorting, errors, empty states."""

from __future__ import annotations

import io

from flask.testing import FlaskClient

from tests.web.conftest import Auth

JSON = {"Accept": "application/json"}


def test_accent_free_query_finds_and_highlights(
    client: FlaskClient, auth: Auth, record_id: str
) -> None:
    auth.signin("viewer")
    page = client.get("/search?q=khen+thuong").get_data(as_text=True)
    assert "Tìm thấy 1 tài liệu" in page
    assert "<mark>thưởng</mark>" in page or "<mark>Thưởng</mark>" in page
    assert f"/records/{record_id}" in page


def test_facets_and_filters(client: FlaskClient, auth: Auth, record_id: str) -> None:
    auth.signin("viewer")
    page = client.get("/search?q=khen").get_data(as_text=True)
    assert "Ủy ban nhân dân tỉnh Lai Châu" in page and "Quyết định" in page
    assert "doc_type=Quy%E1%BA%BFt+%C4%91%E1%BB%8Bnh" in page  # a facet link
    hit = client.get("/search?q=khen&year=2015&doc_type=Quyết định").get_data(as_text=True)
    assert "Tìm thấy 1 tài liệu" in hit and "Bỏ tất cả bộ lọc" in hit
    form = {"q": "khen", "award_form": "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"}
    assert "Tìm thấy 1 tài liệu" in client.get("/search", query_string=form).get_data(True)
    miss = client.get("/search?q=khen&year=1999").get_data(as_text=True)
    assert "Không tìm thấy tài liệu nào" in miss and "gõ không dấu" in miss


def test_query_language(client: FlaskClient, auth: Auth, record_id: str) -> None:
    auth.signin("viewer")
    for query in ("so:1268/QĐ-UBND", 'loai:"quyết định"', "nam:2010..2015", "coquan:lai chau"):
        page = client.get("/search", query_string={"q": query}).get_data(as_text=True)
        assert "Tìm thấy 1 tài liệu" in page, query
    none = client.get("/search", query_string={"q": "khen -thuong"}).get_data(as_text=True)
    assert "Không tìm thấy tài liệu nào" in none


def test_malformed_query_is_a_friendly_400(client: FlaskClient, auth: Auth) -> None:
    auth.signin("viewer")
    response = client.get("/search", query_string={"q": "(khen"})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Chưa hiểu câu tìm kiếm" in page and "Thiếu dấu ngoặc đóng" in page


def test_bad_parameters_are_400(client: FlaskClient, auth: Auth) -> None:
    auth.signin("viewer")
    assert client.get("/search?page=abc").status_code == 400
    assert client.get("/search?sort=random").status_code == 400
    assert client.get("/search?year=hai").status_code == 400


def test_empty_query_lists_everything_with_help(
    client: FlaskClient, auth: Auth, record_id: str
) -> None:
    auth.signin("viewer")
    page = client.get("/search").get_data(as_text=True)
    assert "Kho có 1 tài liệu" in page and "Cách tìm kiếm" in page and "khen thuong" in page


def test_sort_and_pages(client: FlaskClient, auth: Auth, sample_files: list) -> None:
    auth.signin("archivist")
    for path in sample_files[:5]:
        data = {"file": (io.BytesIO(path.read_bytes()), path.name)}
        assert client.post("/upload/file", data=data, headers=JSON).status_code == 201
    page = client.get("/search?per_page=2&sort=date").get_data(as_text=True)
    assert "trang 1/3" in page and 'rel="next"' in page
    last = client.get("/search?per_page=2&sort=date&page=3").get_data(as_text=True)
    assert 'rel="prev"' in last and 'rel="next"' not in last
    assert last.count('class="hit"') == 1


def test_search_before_the_first_upload(client: FlaskClient, auth: Auth, corpus_doc) -> None:  # type: ignore[no-untyped-def]
    auth.signin("archivist")
    assert "Kho có 0 tài liệu" in client.get("/search").get_data(as_text=True)
    data = {"file": (io.BytesIO(corpus_doc.read_bytes()), "a.txt")}
    assert client.post("/upload/file", data=data, headers=JSON).status_code == 201
    assert "Tìm thấy 1 tài liệu" in client.get("/search?q=khen").get_data(as_text=True)


def test_no_placeholder_year_in_facets(client: FlaskClient, auth: Auth, tokens) -> None:  # type: ignore[no-untyped-def]
    auth.signin("archivist")
    note = "Ghi chép về phong trào thi đua của cơ quan, không ghi ngày tháng.".encode()
    data = {"file": (io.BytesIO(note), "ghi-chep.txt")}
    assert client.post("/upload/file", data=data, headers=JSON).status_code == 201
    page = client.get("/search?q=thi+dua").get_data(as_text=True)
    assert "Tìm thấy 1 tài liệu" in page and "4294967295" not in page
    head = {"Authorization": f"Bearer {tokens['viewer']}"}
    facets = client.get("/api/v1/search?q=thi+dua", headers=head).get_json()["facets"]
    assert all(len(year) == 4 for year in facets["year"])
