"""Configuration defaults for the web app, and the persisted session-signing key."""

from __future__ import annotations

import contextlib
import os
import secrets
import tempfile
from datetime import timedelta
from pathlib import Path
from typing import Any

from archive.settings import Settings

# Room for the form fields and multipart framing around one original at the size limit.
UPLOAD_MARGIN = 1024 * 1024
KEY_FILE = "secret_key"


def defaults(settings: Settings) -> dict[str, Any]:
    """Flask's configuration, derived from the archive's settings (declared once, in
    ``archive/settings.py``; nothing else reads ``HOSO_*``). Tests may override it."""
    return {
        "SECRET_KEY": settings.secret_key,
        "MAX_CONTENT_LENGTH": settings.max_upload_bytes + UPLOAD_MARGIN,
        "SESSION_COOKIE_NAME": "hoso_session",
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        # Behind HTTPS (HOSO_COOKIE_SECURE=true) the cookie never travels in clear text.
        "SESSION_COOKIE_SECURE": settings.cookie_secure,
        "HSTS_SECONDS": settings.hsts_seconds,
        "PROXY_HOPS": settings.proxy_hops,
        "TOKEN_DAYS": settings.token_days,
        # A working day; the archivist signs in again the next morning.
        "PERMANENT_SESSION_LIFETIME": timedelta(hours=10),
        # Forms stay open for hours while documents are read; the session bounds the token.
        "WTF_CSRF_TIME_LIMIT": None,
        "OFFICE_NAME": settings.office_name,
        "TIMEZONE": settings.timezone,
        "PER_PAGE": 20,
    }


def secret_key(data_dir: Path) -> str:
    """Read the key kept in the data dir, creating it (mode 600) on first start.

    Written whole under a temporary name, then linked into place, so processes starting
    together (``hoso serve --processes``) never read a half-written key: the first link
    wins and every other process reads that one.
    """
    path = data_dir / KEY_FILE
    if path.exists():
        return path.read_text().strip()
    fd, tmp = tempfile.mkstemp(dir=data_dir, prefix=".secret-")
    try:
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(48))
        os.chmod(tmp, 0o600)
        with contextlib.suppress(FileExistsError):  # another process won: read its key
            os.link(tmp, path)
    finally:
        os.unlink(tmp)
    return path.read_text().strip()
