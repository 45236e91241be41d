"""Speak to a running ``hoso serve`` over HTTP: the JSON API with a token, pages as a person."""

from __future__ import annotations

import json
import re
from typing import Any

import urllib3

SESSION = "hoso_session"
_CSRF = re.compile(r'<meta name="csrf-token" content="([^"]+)"')


class Web:
    """One web process, reached by its address."""

    def __init__(self, base: str, token: str = "") -> None:
        self.base = base
        self.token = token
        self.http = urllib3.PoolManager(maxsize=32, retries=False, timeout=60.0)
        self.cookie = ""

    # -- the JSON API ----------------------------------------------------------

    def api(self, method: str, path: str, **kwargs: Any) -> tuple[int, Any]:
        headers = {"Authorization": f"Bearer {self.token}", "Accept-Language": "vi"}
        if "json" in kwargs:
            kwargs["body"] = json.dumps(kwargs.pop("json")).encode()
            headers["Content-Type"] = "application/json"
        response = self.http.request(
            method, self.base + "/api/v1" + path, headers=headers, redirect=False, **kwargs
        )
        body = response.data
        kind = response.headers.get("Content-Type", "")
        return response.status, json.loads(body) if "json" in kind else body

    def upload(self, name: str, data: bytes, **fields: str) -> tuple[int, Any]:
        return self.api("POST", "/records", fields={"file": (name, data), **fields})

    def search(self, query: str, **params: str) -> dict[str, Any]:
        status, body = self.api("GET", "/search", fields={"q": query, **params})
        assert status == 200, body
        return dict(body)

    # -- pages, signed in as a person ------------------------------------------

    def page(self, method: str, path: str, **kwargs: Any) -> urllib3.BaseHTTPResponse:
        headers = {"Cookie": self.cookie} if self.cookie else {}
        response = self.http.request(
            method, self.base + path, headers=headers, redirect=False, **kwargs
        )
        for cookie in response.headers.getlist("Set-Cookie"):
            if cookie.startswith(f"{SESSION}="):
                self.cookie = cookie.split(";", 1)[0]
        return response

    def csrf(self, path: str = "/signin") -> str:
        found = _CSRF.search(self.page("GET", path).data.decode())
        assert found, f"no CSRF token on {path}"
        return found.group(1)

    def signin(self, username: str, password: str) -> None:
        self.cookie = ""
        token = self.csrf()
        response = self.page(
            "POST",
            "/signin",
            fields={"username": username, "password": password, "csrf_token": token},
            encode_multipart=False,
        )
        assert response.status == 302, response.data.decode()[:500]

    def form(self, path: str, fields: dict[str, Any], *, multipart: bool = False) -> Any:
        """Post a form as the signed-in person, with the CSRF token of a page they see."""
        token = self.csrf("/")
        return self.page(
            "POST", path, fields={**fields, "csrf_token": token}, encode_multipart=multipart
        )
