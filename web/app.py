"""The Flask application factory."""

from __future__ import annotations

from typing import Any

from flask import Flask, render_template_string

from archive.facade import Archive
from archive.settings import Settings
from archive.settings import from_env as settings_from_env

_HOME = """<!doctype html><html lang="vi"><meta charset="utf-8"><title>Hoso</title>
<body style="font-family:sans-serif;max-width:40rem;margin:3rem auto">
<h1>Hoso — kho lưu trữ hồ sơ thi đua, khen thưởng</h1>
<p>Kho đang lưu <strong>{{ stats.records }}</strong> tài liệu.</p>
<p>Giao diện web đầy đủ đang được xây dựng; hiện dùng lệnh <code>hoso</code>
(<code>hoso ingest</code>, <code>hoso search</code>, <code>hoso show</code>).</p>
</body></html>"""


def create_app(
    settings: Settings | None = None, test_config: dict[str, Any] | None = None
) -> Flask:
    """Build the web application over the archive that ``settings`` describe."""
    app = Flask(__name__)
    settings = settings or settings_from_env()
    app.config.from_mapping(SECRET_KEY=settings.secret_key or "dev")
    if test_config:
        app.config.from_mapping(test_config)
    app.extensions["hoso.archive"] = Archive.open(settings)

    @app.get("/")
    def home() -> str:
        return render_template_string(_HOME, stats=app.extensions["hoso.archive"].stats())

    return app
