"""Awards look-up, related documents and their API: the page, the JSON, confidentiality."""

from __future__ import annotations

import io
from pathlib import Path

from flask.testing import FlaskClient

from tests.web.conftest import Auth

JSON = {"Accept": "application/json"}
DIRECTIVE = """BAN CHẤP HÀNH TRUNG ƯƠNG
-----
ĐẢNG CỘNG SẢN VIỆT NAM
Số: 34-CT/TW
Hà Nội, ngày 07 tháng 4 năm 2014

CHỈ THỊ
về tiếp tục đổi mới công tác thi đua, khen thưởng

Công tác thi đua, khen thưởng thời gian qua đã đạt được nhiều kết quả.

T/M BAN BÍ THƯ
Lê Hồng Anh
"""


def upload(client: FlaskClient, body: bytes, name: str, **meta: str) -> str:
    data = {"file": (io.BytesIO(body), name), **meta}
    response = client.post("/upload/file", data=data, headers=JSON)
    assert response.status_code == 201, response.get_data(as_text=True)
    return str(response.get_json()["id"])


def test_awards_page_filters_and_pages(client: FlaskClient, auth: Auth, record_id: str) -> None:
    auth.signin("viewer")
    page = client.get("/awards").get_data(as_text=True)
    assert "Tra cứu khen thưởng" in page and "Lò Thị Hương" in page
    found = client.get("/awards?person=lo+thi+huong&year=2015").get_data(as_text=True)
    assert "1 lượt khen thưởng" in found and "Số 1268/QĐ-UBND" in found
    assert "18/12/2015" in found and f"/records/{record_id}" in found
    assert "Không có lượt khen thưởng nào" in client.get("/awards?year=1999").get_data(True)
    paged = client.get("/awards?per_page=2&page=2").get_data(as_text=True)
    assert 'rel="prev"' in paged and "trang 2/" in paged
    assert client.get("/awards?year=hai").status_code == 400


def test_confidential_awards_are_hidden(client: FlaskClient, auth: Auth, corpus_doc: Path) -> None:
    auth.signin("archivist")
    upload(client, corpus_doc.read_bytes(), "mat.txt", confidentiality="Mật")
    auth.signin("viewer")
    assert "Lò Thị Hương" not in client.get("/awards?person=huong").get_data(as_text=True)
    auth.signin("auditor")
    assert "Lò Thị Hương" in client.get("/awards?person=huong").get_data(as_text=True)


def test_related_documents_both_ways(
    client: FlaskClient, auth: Auth, tokens: dict[str, str], sample_dir: Path
) -> None:
    auth.signin("archivist")
    plan = upload(client, (sample_dir / "r00_kh_vanphong_laichau_ct34.txt").read_bytes(), "kh.txt")
    directive = upload(client, DIRECTIVE.encode(), "ct34.txt")
    page = client.get(f"/records/{plan}").get_data(as_text=True)
    assert "Văn bản liên quan" in page and "Viện dẫn" in page
    assert f'href="/records/{directive}"' in page and "34-CT/TW" in page
    back = client.get(f"/records/{directive}").get_data(as_text=True)
    assert "Được viện dẫn bởi" in back and f'href="/records/{plan}"' in back
    head = {"Authorization": f"Bearer {tokens['viewer']}"}
    body = client.get(f"/api/v1/records/{plan}", headers=head).get_json()
    assert [link["record_id"] for link in body["links"]["cites"]] == [directive]
    assert body["links"]["cited_by"] == []
    # A confidential citing record is not revealed to a viewer.
    client.post(f"/records/{plan}/edit", data={"confidentiality": "Mật", "reason": "Phân loại"})
    body = client.get(f"/api/v1/records/{directive}", headers=head).get_json()
    assert body["links"]["cited_by"] == []


def test_awards_api(client: FlaskClient, tokens: dict[str, str], record_id: str) -> None:
    head = {"Authorization": f"Bearer {tokens['viewer']}"}
    body = client.get("/api/v1/awards?person=lo thi huong", headers=head).get_json()
    assert body["total"] == 1 and body["page"] == 1 and body["per_page"] == 20
    (entry,) = body["awards"]
    assert entry["recipient"] == "Lò Thị Hương"
    assert entry["decision"] == {
        "id": record_id,
        "number": "1268/QĐ-UBND",
        "issued_date": "2015-12-18",
        "issuer": entry["decision"]["issuer"],
    }
    two = client.get("/api/v1/awards?per_page=2&page=2", headers=head).get_json()
    assert two["page"] == 2 and len(two["awards"]) <= 2 and two["total"] > 2
    bad = client.get("/api/v1/awards?per_page=0", headers=head)
    assert bad.status_code == 400 and bad.get_json()["error"]["code"] == "bad_request"
    assert client.get("/api/v1/awards").status_code == 401


def test_syntax_help_names_the_award_fields(client: FlaskClient, auth: Auth) -> None:
    auth.signin("viewer")
    page = client.get("/search").get_data(as_text=True)
    for example in ("hinhthuc:", "nguoinhan:", "namkhen:2015", "hoso:"):
        assert example in page
