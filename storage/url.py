"""Choose a blob store from a URL: ``file:///path`` or ``s3://bucket/prefix``."""

from __future__ import annotations

from urllib.parse import unquote, urlparse

from storage.base import BlobStore
from storage.errors import StorageError
from storage.filestore import FileStore
from storage.s3store import S3Store


def open_store(url: str, *, create_bucket: bool = True) -> BlobStore:
    """Open the blob store that ``url`` names."""
    parsed = urlparse(url)
    if parsed.scheme == "file":
        return FileStore(unquote(parsed.path))
    if parsed.scheme == "s3":
        if not parsed.netloc:
            raise StorageError(f"thiếu tên bucket trong {url!r}")
        return S3Store(parsed.netloc, parsed.path, create_bucket=create_bucket)
    raise StorageError(f"không hỗ trợ địa chỉ lưu trữ {url!r} (dùng file:// hoặc s3://)")
