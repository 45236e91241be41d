"""The OpenAPI 3.1 description of /api/v1, written as data (a test checks it against the app)."""

from __future__ import annotations

from typing import Any

from archive import urgency
from archive.classification import LEVELS, NOT_SECRET
from archive.metadata import ENTERABLE
from archive.records import METADATA_FIELDS
from search import FACETS
from web.core.params import MAX_PAGE, MAX_PER_PAGE

JSON = "application/json"
REASONS = {
    "200": "Thành công",
    "201": "Đã tạo tài liệu mới",
    "400": "Yêu cầu không hợp lệ",
    "401": "Thiếu hoặc sai mã truy cập",
    "403": "Vai trò không được phép",
    "404": "Không có tài liệu này (hoặc bạn không được xem)",
    "409": "Xung đột phiên bản",
    "413": "Tệp quá lớn",
    "422": "Tệp hoặc giá trị bị từ chối (độ mật ngoài danh mục)",
}


def ref(name: str) -> dict[str, str]:
    """A reference to a component schema."""
    return {"$ref": f"#/components/schemas/{name}"}


def answer(status: str, schema: str = "Error", media: str = JSON) -> dict[str, Any]:
    """One response: its description and body schema."""
    body = {"type": "string", "format": "binary"} if media != JSON else ref(schema)
    return {status: {"description": REASONS[status], "content": {media: {"schema": body}}}}


def answers(*statuses: str, ok: str = "", media: str = JSON) -> dict[str, Any]:
    """Responses: the success ones with ``ok`` schema, every other as an Error."""
    out: dict[str, Any] = {}
    for status in statuses:
        out.update(answer(status, ok if status < "300" else "Error", media))
    return out


# The bounds web/core/params.py applies, so a request the document allows is not refused.
YEAR = {"type": "integer", "minimum": 1, "maximum": 9999}
ID = {"name": "record_id", "in": "path", "required": True, "schema": {"type": "string"}}
QUERY = [
    {"name": "q", "in": "query", "schema": {"type": "string"}, "description": "Câu tìm kiếm"},
    *(
        {"name": name, "in": "query", "schema": YEAR if name == "year" else {"type": "string"}}
        for name in FACETS
    ),
    {
        "name": "page",
        "in": "query",
        "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE},
    },
    {
        "name": "per_page",
        "in": "query",
        "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE},
    },
    {"name": "sort", "in": "query", "schema": {"enum": ["relevance", "date", "-date"]}},
]
REPORT_QUERY = [
    {"name": "year", "in": "query", "schema": {"type": "integer"}, "description": "Năm thống kê"},
    {"name": "from", "in": "query", "schema": {"type": "integer"}, "description": "Từ năm"},
    {"name": "to", "in": "query", "schema": {"type": "integer"}, "description": "Đến năm"},
    {"name": "by", "in": "query", "schema": {"enum": ["form", "level", "unit", "kind"]}},
]
AWARD_QUERY = [
    *(
        {"name": name, "in": "query", "schema": {"type": "string"}, "description": text}
        for name, text in (
            ("person", "Tên cá nhân, tập thể (có dấu hoặc không dấu)"),
            ("form", "Hình thức khen thưởng"),
            ("unit", "Đơn vị"),
        )
    ),
    {"name": "year", "in": "query", "schema": YEAR},
    *QUERY[-3:-1],
]
LEVELS_NOTE = (
    f"Độ mật: {NOT_SECRET} (hoặc để trống), {', '.join(LEVELS)}; viết hoa, không dấu hay "
    "có dấu chấm cuối vẫn nhận; giá trị khác bị từ chối (422)"
)
URGENCY_NOTE = (
    f"Độ khẩn: {urgency.NOT_URGENT} (hoặc để trống), {', '.join(urgency.LEVELS)}; viết hoa, "
    "không dấu vẫn nhận; giá trị khác bị từ chối (422)"
)
UPLOAD = {
    "type": "object",
    "required": ["file"],
    "properties": {
        "file": {"type": "string", "format": "binary"},
        **{name: {"type": "string"} for name in sorted(ENTERABLE)},
        "confidentiality": {"type": "string", "description": LEVELS_NOTE},
        "urgency": {"type": "string", "description": URGENCY_NOTE},
    },
}
PATHS: dict[str, Any] = {
    "/records": {
        "post": {
            "summary": "Tiếp nhận một tệp",
            "requestBody": {
                "required": True,
                "content": {"multipart/form-data": {"schema": UPLOAD}},
            },
            "responses": {
                **answers("201", "200", ok="IngestResult"),
                **answers("400", "401", "403", "413"),
                "422": {
                    "description": REASONS["422"],
                    # A refused file is an IngestResult that also carries the error: anyOf,
                    # since such a body is valid under both.
                    "content": {JSON: {"schema": {"anyOf": [ref("IngestResult"), ref("Error")]}}},
                },
            },
        }
    },
    "/records/{record_id}": {
        "parameters": [ID],
        "get": {
            "summary": "Một tài liệu, kèm văn bản viện dẫn và được viện dẫn",
            "responses": answers("200", "401", "404", ok="RecordView"),
        },
        "patch": {
            "summary": "Sửa siêu dữ liệu (tạo phiên bản mới)",
            "requestBody": {"required": True, "content": {JSON: {"schema": ref("Change")}}},
            "responses": answers("200", "400", "401", "403", "404", "409", "422", ok="Record"),
        },
    },
    "/records/{record_id}/file": {
        "parameters": [ID],
        "get": {
            "summary": "Bản gốc",
            "responses": {
                **answer("200", media="application/octet-stream"),
                **answers("401", "404"),
            },
        },
    },
    "/search": {
        "get": {
            "summary": "Tìm kiếm",
            "parameters": QUERY,
            "responses": answers("200", "400", "401", ok="SearchResults"),
        }
    },
    "/search/export": {
        "get": {
            "summary": "Xuất mọi kết quả tìm kiếm (mọi trang, tối đa 10.000 tài liệu) ra CSV/XLSX",
            "parameters": [
                *QUERY[: len(FACETS) + 1],
                QUERY[-1],
                {"name": "format", "in": "query", "schema": {"enum": ["csv", "xlsx"]}},
            ],
            "responses": {
                "200": {
                    "description": REASONS["200"],
                    "content": {
                        media: {"schema": {"type": "string", "format": "binary"}}
                        for media in (
                            "text/csv",
                            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        )
                    },
                },
                **answers("400", "401"),
            },
        }
    },
    "/awards": {
        "get": {
            "summary": "Tra cứu khen thưởng",
            "parameters": AWARD_QUERY,
            "responses": answers("200", "400", "401", ok="AwardResults"),
        }
    },
    "/reports/awards": {
        "get": {
            "summary": "Thống kê khen thưởng theo hình thức và cấp, một năm hoặc nhiều năm",
            "parameters": REPORT_QUERY,
            "responses": answers("200", "400", "401", ok="AwardReport"),
        }
    },
    "/openapi.json": {
        "get": {
            "summary": "Tài liệu OpenAPI này",
            "security": [],
            "responses": {
                "200": {
                    "description": REASONS["200"],
                    "content": {JSON: {"schema": {"type": "object"}}},
                }
            },
        }
    },
}


def document() -> dict[str, Any]:
    """The whole OpenAPI document."""
    from web.api.schemas import SCHEMAS

    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Hoso API",
            "version": "1",
            "description": "Kho lưu trữ hồ sơ thi đua, khen thưởng",
        },
        "servers": [{"url": "/api/v1"}],
        "security": [{"bearer": []}],
        "paths": PATHS,
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": SCHEMAS,
        },
        "x-metadata-fields": list(METADATA_FIELDS),
    }
