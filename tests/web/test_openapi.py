"""The OpenAPI document matches the API: same routes, and every documented answer happens."""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from archive.accounts import create_token
from archive.settings import Settings
from tests.web.conftest import make_app

Call = Callable[[FlaskClient, "Context"], Any]
TYPES = {
    "object": dict,
    "array": list,
    "string": str,
    "integer": int,
    "number": (int, float),
    "null": type(None),
}


class Context:
    """Tokens and an archived record for the scenarios."""

    def __init__(self, client: FlaskClient, tokens: dict[str, str], body: bytes) -> None:
        self.tokens, self.body = tokens, body
        created = client.post("/api/v1/records", data=self.form(), headers=self.auth())
        self.id = created.get_json()["id"]

    def auth(self, role: str = "archivist") -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[role]}"}

    def form(self, body: bytes | None = None, **fields: str) -> dict[str, Any]:
        return {"file": (io.BytesIO(self.body if body is None else body), "a.txt"), **fields}


def patch(version: int = 1, reason: str = "Sửa ngày ban hành") -> dict[str, Any]:
    return {"metadata": {"issued_date": "20/12/2015"}, "reason": reason, "version": version}


SCENARIOS: dict[tuple[str, str, str], Call] = {
    ("/records", "post", "201"): lambda c, x: c.post("/api/v1/records", data=x.form(b"new text"), headers=x.auth()),
    ("/records", "post", "200"): lambda c, x: c.post("/api/v1/records", data=x.form(), headers=x.auth()),
    ("/records", "post", "400"): lambda c, x: c.post("/api/v1/records", headers=x.auth()),
    ("/records", "post", "401"): lambda c, x: c.post("/api/v1/records"),
    ("/records", "post", "403"): lambda c, x: c.post("/api/v1/records", data=x.form(), headers=x.auth("viewer")),
    ("/records", "post", "413"): lambda c, x: c.post("/api/v1/records", data=x.form(b"a" * 6000), headers=x.auth()),
    ("/records", "post", "422"): lambda c, x: c.post("/api/v1/records", data=x.form(b""), headers=x.auth()),
    ("/records/{record_id}", "get", "200"): lambda c, x: c.get(f"/api/v1/records/{x.id}", headers=x.auth()),
    ("/records/{record_id}", "get", "401"): lambda c, x: c.get(f"/api/v1/records/{x.id}"),
    ("/records/{record_id}", "get", "404"): lambda c, x: c.get("/api/v1/records/nope", headers=x.auth()),
    ("/records/{record_id}", "patch", "200"): lambda c, x: c.patch(f"/api/v1/records/{x.id}", json=patch(), headers=x.auth()),
    ("/records/{record_id}", "patch", "400"): lambda c, x: c.patch(f"/api/v1/records/{x.id}", json=patch(reason=""), headers=x.auth()),
    ("/records/{record_id}", "patch", "401"): lambda c, x: c.patch(f"/api/v1/records/{x.id}", json=patch()),
    ("/records/{record_id}", "patch", "403"): lambda c, x: c.patch(f"/api/v1/records/{x.id}", json=patch(), headers=x.auth("viewer")),
    ("/records/{record_id}", "patch", "404"): lambda c, x: c.patch("/api/v1/records/nope", json=patch(), headers=x.auth()),
    ("/records/{record_id}", "patch", "422"): lambda c, x: c.patch(f"/api/v1/records/{x.id}", json={"metadata": {"confidentiality": "Bí mật"}, "reason": "Đổi độ mật"}, headers=x.auth()),
    ("/records/{record_id}", "patch", "409"): lambda c, x: c.patch(f"/api/v1/records/{x.id}", json=patch(version=7), headers=x.auth()),
    ("/records/{record_id}/file", "get", "200"): lambda c, x: c.get(f"/api/v1/records/{x.id}/file", headers=x.auth()),
    ("/records/{record_id}/file", "get", "401"): lambda c, x: c.get(f"/api/v1/records/{x.id}/file"),
    ("/records/{record_id}/file", "get", "404"): lambda c, x: c.get("/api/v1/records/nope/file", headers=x.auth()),
    ("/search", "get", "200"): lambda c, x: c.get("/api/v1/search?q=khen+thuong&year=2015", headers=x.auth()),
    ("/search", "get", "400"): lambda c, x: c.get("/api/v1/search?q=(khen", headers=x.auth()),
    ("/search", "get", "401"): lambda c, x: c.get("/api/v1/search"),
    ("/search/export", "get", "200"): lambda c, x: c.get("/api/v1/search/export?q=khen+thuong&format=xlsx", headers=x.auth("viewer")),
    ("/search/export", "get", "400"): lambda c, x: c.get("/api/v1/search/export?format=pdf", headers=x.auth()),
    ("/search/export", "get", "401"): lambda c, x: c.get("/api/v1/search/export"),
    ("/awards", "get", "200"): lambda c, x: c.get("/api/v1/awards?person=lo+thi+huong&year=2015", headers=x.auth()),
    ("/awards", "get", "400"): lambda c, x: c.get("/api/v1/awards?year=hai", headers=x.auth()),
    ("/awards", "get", "401"): lambda c, x: c.get("/api/v1/awards"),
    ("/reports/awards", "get", "200"): lambda c, x: c.get("/api/v1/reports/awards?from=2014&to=2015", headers=x.auth("viewer")),
    ("/reports/awards", "get", "400"): lambda c, x: c.get("/api/v1/reports/awards?from=2015&to=1990", headers=x.auth()),
    ("/reports/awards", "get", "401"): lambda c, x: c.get("/api/v1/reports/awards?year=2015"),
    ("/openapi.json", "get", "200"): lambda c, x: c.get("/api/v1/openapi.json"),
}  # fmt: skip


@pytest.fixture
def small_app(tmp_path: Path) -> Iterator[Flask]:
    # A small request limit, so that the 413 answer can be produced cheaply.
    app = make_app(Settings(data_dir=tmp_path / "api"), MAX_CONTENT_LENGTH=5000)
    yield app
    app.extensions["hoso.archive"].close()


def documented(doc: dict[str, Any]) -> set[tuple[str, str, str]]:
    return {
        (path, method, status)
        for path, item in doc["paths"].items()
        for method, operation in item.items()
        if method != "parameters"
        for status in operation["responses"]
    }


def check(value: Any, schema: dict[str, Any], doc: dict[str, Any], where: str = "$") -> None:
    """A small JSON Schema check: $ref, type, enum, required, properties, items."""
    if "$ref" in schema:
        schema = doc["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    if "enum" in schema:
        assert value in schema["enum"], where
    if "type" in schema:
        kinds = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        wanted = tuple(TYPES[kind] for kind in kinds)
        assert isinstance(value, wanted) and not isinstance(value, bool), f"{where}: {value!r}"
    for name in schema.get("required", []):
        assert name in value, f"{where}: missing {name}"
    for name, sub in schema.get("properties", {}).items():
        if isinstance(value, dict) and name in value:
            check(value[name], sub, doc, f"{where}.{name}")
    if "items" in schema:
        for index, item in enumerate(value):
            check(item, schema["items"], doc, f"{where}[{index}]")
    if isinstance(schema.get("additionalProperties"), dict):
        for key, item in value.items():
            check(item, schema["additionalProperties"], doc, f"{where}.{key}")


def test_routes_match_the_document(small_app: Flask) -> None:
    doc = small_app.test_client().get("/api/v1/openapi.json").get_json()
    assert doc["openapi"].startswith("3.1")
    routes = {
        (re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule.removeprefix("/api/v1")), method.lower())
        for rule in small_app.url_map.iter_rules()
        if rule.rule.startswith("/api/v1/")
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }
    assert routes == {(path, method) for path, method, _ in documented(doc)}


def test_every_documented_answer(small_app: Flask, tokens_for: Any, corpus_doc: Path) -> None:
    client = small_app.test_client()
    doc = client.get("/api/v1/openapi.json").get_json()
    assert set(SCENARIOS) == documented(doc), "each documented answer needs a scenario here"
    context = Context(client, tokens_for(small_app), corpus_doc.read_bytes())
    for (path, method, status), call in SCENARIOS.items():
        response = call(client, context)
        assert response.status_code == int(status), (path, method, response.get_data(True))
        content = doc["paths"][path][method]["responses"][status]["content"]
        media, spec = next(iter(content.items()))
        if media == "application/json":
            check(response.get_json(), spec["schema"], doc, f"{method} {path} {status}")
        response.close()


@pytest.fixture
def tokens_for() -> Callable[[Flask], dict[str, str]]:
    def make(app: Flask) -> dict[str, str]:
        archive = app.extensions["hoso.archive"]
        return {role: create_token(archive, role) for role in ("viewer", "archivist")}

    return make
