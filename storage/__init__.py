"""Blob storage: the archive's source of truth, on a local folder or an S3 server."""

from storage.base import BlobStore, check_key
from storage.errors import InvalidKey, NotFound, StorageError
from storage.filestore import FileStore
from storage.s3store import S3Store
from storage.url import open_store

__all__ = [
    "BlobStore",
    "FileStore",
    "InvalidKey",
    "NotFound",
    "S3Store",
    "StorageError",
    "check_key",
    "open_store",
]
