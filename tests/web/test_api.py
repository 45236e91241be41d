"""The JSON API: bearer tokens, roles, the one error shape, each route's answers."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from archive import audit
from archive.facade import Archive


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def upload(client: FlaskClient, token: str, body: bytes, name: str = "a.txt", **meta: str):  # type: ignore[no-untyped-def]
    data = {"file": (io.BytesIO(body), name), **meta}
    return client.post("/api/v1/records", data=data, headers=bearer(token))


def assert_error(response, status: int, code: str) -> None:  # type: ignore[no-untyped-def]
    assert response.status_code == status, response.get_data(as_text=True)
    body = response.get_json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
    assert body["error"]["code"] == code and body["error"]["message"]


@pytest.mark.parametrize(
    ("method", "path"),
    [("get", "/api/v1/search"), ("get", "/api/v1/records/x"), ("post", "/api/v1/records"),
     ("patch", "/api/v1/records/x"), ("get", "/api/v1/records/x/file")],
)  # fmt: skip
def test_no_or_bad_token_is_401(client: FlaskClient, method: str, path: str) -> None:
    response = getattr(client, method)(path)
    assert_error(response, 401, "unauthorized")
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert_error(getattr(client, method)(path, headers=bearer("hoso_sai")), 401, "unauthorized")


def test_session_does_not_open_the_api(client: FlaskClient, auth, tokens) -> None:  # type: ignore[no-untyped-def]
    auth.signin("admin")
    assert_error(client.get("/api/v1/search"), 401, "unauthorized")


def test_create_duplicate_reject(
    client: FlaskClient, tokens: dict[str, str], corpus_doc: Path, archive: Archive
) -> None:
    body = corpus_doc.read_bytes()
    created = upload(client, tokens["archivist"], body, number="1268/QĐ-UBND")
    assert created.status_code == 201
    record = created.get_json()
    assert record["status"] == "created" and record["metadata"]["number"] == "1268/QĐ-UBND"
    assert created.headers["Location"] == f"/api/v1/records/{record['id']}"
    duplicate = upload(client, tokens["archivist"], body, "b.txt")
    assert duplicate.status_code == 200 and duplicate.get_json()["id"] == record["id"]
    rejected = upload(client, tokens["archivist"], b"", "rong.txt")
    assert rejected.status_code == 422
    assert rejected.get_json()["error"]["code"] == "empty_file"
    assert "rỗng" in rejected.get_json()["error"]["message"]
    english = client.post(
        "/api/v1/records",
        data={"file": (io.BytesIO(b""), "e.txt")},
        headers={**bearer(tokens["archivist"]), "Accept-Language": "en"},
    )
    assert "is empty" in english.get_json()["error"]["message"]
    actions = [e.action for e in audit.events(archive, record_id=record["id"])]
    assert actions.count("upload") == 2


def test_create_errors(client: FlaskClient, tokens: dict[str, str], corpus_doc: Path) -> None:
    assert_error(upload(client, tokens["viewer"], b"x"), 403, "forbidden")
    missing = client.post("/api/v1/records", headers=bearer(tokens["archivist"]))
    assert_error(missing, 400, "bad_request")
    unknown = upload(client, tokens["archivist"], corpus_doc.read_bytes(), sohieu="1")
    assert_error(unknown, 400, "invalid_metadata")


def test_read_and_file(client: FlaskClient, tokens: dict[str, str], corpus_doc: Path) -> None:
    record_id = upload(client, tokens["archivist"], corpus_doc.read_bytes()).get_json()["id"]
    got = client.get(f"/api/v1/records/{record_id}", headers=bearer(tokens["viewer"]))
    assert got.status_code == 200 and got.get_json()["metadata"]["doc_type"] == "Quyết định"
    with client.get(f"/api/v1/records/{record_id}/file", headers=bearer(tokens["viewer"])) as f:
        assert f.data == corpus_doc.read_bytes()
        assert f.headers["Content-Disposition"].startswith("attachment")
    assert_error(
        client.get("/api/v1/records/nope", headers=bearer(tokens["viewer"])), 404, "not_found"
    )


def test_confidential_is_404_for_viewer(
    client: FlaskClient, tokens: dict[str, str], corpus_doc: Path
) -> None:
    secret = upload(client, tokens["archivist"], corpus_doc.read_bytes(), confidentiality="Mật")
    record_id = secret.get_json()["id"]
    viewer = bearer(tokens["viewer"])
    assert_error(client.get(f"/api/v1/records/{record_id}", headers=viewer), 404, "not_found")
    assert client.get("/api/v1/search?q=khen", headers=viewer).get_json()["total"] == 0
    auditor = client.get("/api/v1/search?q=khen", headers=bearer(tokens["auditor"]))
    assert auditor.get_json()["hits"][0]["id"] == record_id


def test_patch(client: FlaskClient, tokens: dict[str, str], corpus_doc: Path) -> None:
    record_id = upload(client, tokens["archivist"], corpus_doc.read_bytes()).get_json()["id"]
    url, head = f"/api/v1/records/{record_id}", bearer(tokens["archivist"])
    change = {"metadata": {"issued_date": "19/12/2015"}, "reason": "Sửa ngày", "version": 1}
    done = client.patch(url, json=change, headers=head)
    assert done.status_code == 200
    assert done.get_json()["version"] == 2
    assert done.get_json()["metadata"]["issued_date"] == "2015-12-19"
    assert_error(client.patch(url, json=change, headers=head), 409, "conflict")
    no_reason = {"metadata": {"place": "Hà Nội"}, "reason": ""}
    assert_error(client.patch(url, json=no_reason, headers=head), 400, "invalid_edit")
    bad = {"metadata": {"nope": 1}, "reason": "Lý do đủ dài"}
    assert_error(client.patch(url, json=bad, headers=head), 400, "invalid_metadata")
    assert_error(client.patch(url, data="{", headers=head), 400, "bad_request")
    assert_error(
        client.patch(url, json={**change, "version": "1"}, headers=head), 400, "bad_request"
    )
    viewer = bearer(tokens["viewer"])
    assert_error(client.patch(url, json=change, headers=viewer), 403, "forbidden")
    assert_error(client.patch("/api/v1/records/nope", json=change, headers=head), 404, "not_found")


def test_search(client: FlaskClient, tokens: dict[str, str], corpus_doc: Path) -> None:
    record_id = upload(client, tokens["archivist"], corpus_doc.read_bytes()).get_json()["id"]
    head = bearer(tokens["viewer"])
    found = client.get("/api/v1/search?q=khen+thuong&per_page=5", headers=head).get_json()
    assert found["total"] == 1 and found["page"] == 1 and found["per_page"] == 5
    assert found["hits"][0]["id"] == record_id and "<mark>" in found["hits"][0]["snippet"]
    assert found["facets"]["year"] == {"2015": 1}
    assert_error(client.get("/api/v1/search?q=(a", headers=head), 400, "bad_query")
    assert_error(client.get("/api/v1/search?per_page=1000", headers=head), 400, "bad_request")


def test_unknown_route_and_method_are_json(client: FlaskClient, tokens: dict[str, str]) -> None:
    head = bearer(tokens["viewer"])
    assert_error(client.get("/api/v1/khong-co", headers=head), 404, "not_found")
    assert_error(client.delete("/api/v1/records/x", headers=head), 405, "method_not_allowed")
