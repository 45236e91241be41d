"""The record page marks the fields the parser read with low confidence."""

from __future__ import annotations

import io

from flask.testing import FlaskClient

from archive.metadata import UNSURE, merge
from tests.web.conftest import Auth

JSON = {"Accept": "application/json"}
# A letter: no type line (so "Công văn" is inferred) and a number not printed after "Số".
LETTER = """PHÒNG NỘI VỤ HUYỆN BẢO YÊN
45/PNV-TĐKT
Bảo Yên, ngày 2 tháng 6 năm 2021
V/v đề nghị khen thưởng năm 2021
Kính gửi: Ủy ban nhân dân huyện
Phòng Nội vụ đề nghị xét khen thưởng các tập thể.
Nơi nhận:
- Như trên;
- Lưu: VT.
TRƯỞNG PHÒNG
Lý Văn Hải
"""


def test_merge_marks_unsure_fields_low_confidence() -> None:
    extracted = {
        "doc_type": "Công văn",
        "number": "45/PNV",
        "place": "Bảo Yên",
        UNSURE: ["doc_type"],
    }
    metadata, provenance = merge(extracted, {"place": "Bảo Yên"}, parser="p", user="u", at="t")
    assert UNSURE not in metadata and UNSURE not in provenance
    assert provenance["doc_type"]["confidence"] == "low"
    assert "confidence" not in provenance["number"]
    assert provenance["place"]["source"] == "entered"


def test_record_page_shows_which_fields_to_check(client: FlaskClient, auth: Auth) -> None:
    auth.signin("archivist")
    sent = client.post(
        "/upload/file",
        data={"file": (io.BytesIO(LETTER.encode()), "cong-van.txt")},
        headers=JSON,
    )
    assert sent.status_code == 201, sent.get_data(as_text=True)
    page = client.get(sent.get_json()["url"]).get_data(as_text=True)
    rows = page.split('class="meta-row"')
    flagged = [row for row in rows if "prov-check" in row]
    assert any("Công văn" in row for row in flagged)
    assert any("45/PNV-TĐKT" in row for row in flagged)
    assert not any("Lý Văn Hải" in row for row in flagged)  # a closed signature block is sure
    assert "cần kiểm tra" in page
