"""A blob store on any S3-compatible server (SeaweedFS, MinIO, Ceph RGW, AWS S3).

Endpoint, credentials and region come from the variables boto3 itself reads
(``AWS_ENDPOINT_URL``, ``AWS_ACCESS_KEY_ID``, ``AWS_SECRET_ACCESS_KEY``,
``AWS_DEFAULT_REGION``), so nothing of them is configured twice.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import datetime
from typing import BinaryIO

import boto3
from boto3.s3.transfer import TransferConfig
from botocore.config import Config
from botocore.exceptions import ClientError

from storage.base import check_key
from storage.errors import NotFound, StorageError

# Multipart above 16 MiB in 16 MiB parts: large originals stream, never whole in memory.
_TRANSFER = TransferConfig(
    multipart_threshold=16 * 1024 * 1024,
    multipart_chunksize=16 * 1024 * 1024,
    max_concurrency=4,
)
_MISSING = {"NoSuchKey", "404", "NotFound"}


class S3Store:
    """Objects in ``bucket`` under ``prefix``."""

    def __init__(self, bucket: str, prefix: str = "", *, create_bucket: bool = False) -> None:
        self.bucket = bucket
        self.prefix = prefix.strip("/") + "/" if prefix.strip("/") else ""
        self.url = f"s3://{bucket}/{self.prefix}"
        config = Config(retries={"max_attempts": 5, "mode": "standard"})
        self.client = boto3.client("s3", config=config)
        if create_bucket:
            self._ensure_bucket()
        self._locked: bool | None = None

    @property
    def object_lock(self) -> bool:
        """Whether the bucket has Object Lock (write-once) enabled."""
        if self._locked is None:
            try:
                config = self.client.get_object_lock_configuration(Bucket=self.bucket)
                state = config.get("ObjectLockConfiguration", {}).get("ObjectLockEnabled")
                self._locked = state == "Enabled"
            except ClientError:
                self._locked = False
        return self._locked

    def _ensure_bucket(self) -> None:
        try:
            self.client.head_bucket(Bucket=self.bucket)
        except ClientError:
            self.client.create_bucket(Bucket=self.bucket)

    def _key(self, key: str) -> str:
        return self.prefix + check_key(key)

    def put(self, key: str, stream: BinaryIO, *, durable: bool = True) -> int:
        """Store the stream's bytes under ``key``; S3 makes each PUT atomic and durable."""
        counter = _CountingReader(stream)
        self.client.upload_fileobj(counter, self.bucket, self._key(key), Config=_TRANSFER)
        return counter.count

    def put_bytes(self, key: str, data: bytes, *, durable: bool = True) -> None:
        """Store a small object under ``key``."""
        self.client.put_object(Bucket=self.bucket, Key=self._key(key), Body=data)

    def sync(self) -> None:
        """Nothing to do: the server has made each PUT durable before it answered."""

    def open(self, key: str) -> BinaryIO:
        """Open the object for streaming reads; raise NotFound if absent."""
        try:
            response = self.client.get_object(Bucket=self.bucket, Key=self._key(key))
        except ClientError as exc:
            raise _translate(exc, key) from exc
        return response["Body"]

    def get_bytes(self, key: str) -> bytes:
        """Return a small object's bytes; raise NotFound if absent."""
        body = self.open(key)
        try:
            return body.read()
        finally:
            body.close()

    def exists(self, key: str) -> bool:
        """Tell whether an object is stored under ``key``."""
        try:
            self.client.head_object(Bucket=self.bucket, Key=self._key(key))
        except ClientError as exc:
            if isinstance(_translate(exc, key), NotFound):
                return False
            raise
        return True

    def delete(self, key: str) -> None:
        """Remove the object (every version, in a write-once bucket); absent is not an error."""
        full = self._key(key)
        if not self.object_lock:
            self.client.delete_object(Bucket=self.bucket, Key=full)
            return
        # In a versioned bucket a plain delete only hides the bytes behind a marker.
        listing = self.client.list_object_versions(Bucket=self.bucket, Prefix=full)
        versions = listing.get("Versions", []) + listing.get("DeleteMarkers", [])
        for version in (v for v in versions if v["Key"] == full):
            try:
                self.client.delete_object(
                    Bucket=self.bucket, Key=full, VersionId=version["VersionId"]
                )
            except ClientError as exc:
                raise StorageError(
                    f"{key} được khóa ghi một lần (Object Lock) hoặc đang bị giữ: chưa xóa được"
                ) from exc

    def protect(
        self, key: str, *, retain_until: datetime | None = None, legal_hold: bool | None = None
    ) -> bool:
        """Set COMPLIANCE retention (never shortened) and/or the legal hold of an object."""
        if not self.object_lock:
            return False
        full = self._key(key)
        if retain_until is not None:
            retention = {"Mode": "COMPLIANCE", "RetainUntilDate": retain_until}
            try:
                self.client.put_object_retention(Bucket=self.bucket, Key=full, Retention=retention)
            except ClientError as exc:
                # A shorter date is refused by design: the longer lock stands.
                if _code(exc) not in ("AccessDenied", "InvalidRequest"):
                    raise
        if legal_hold is not None:
            status = {"Status": "ON" if legal_hold else "OFF"}
            self.client.put_object_legal_hold(Bucket=self.bucket, Key=full, LegalHold=status)
        return True

    def list(self, prefix: str = "") -> Iterator[str]:
        """Yield every key under ``prefix`` (order unspecified)."""
        paginator = self.client.get_paginator("list_objects_v2")
        for page in paginator.paginate(Bucket=self.bucket, Prefix=self.prefix + prefix):
            for item in page.get("Contents", []):
                yield item["Key"][len(self.prefix) :]


class _CountingReader(io.RawIOBase):
    """Wrap a stream to count the bytes boto3 reads from it."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream
        self.count = 0

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        data = self.stream.read(size)
        self.count += len(data)
        return data


def _code(exc: ClientError) -> str:
    return str(exc.response.get("Error", {}).get("Code", ""))


def _translate(exc: ClientError, key: str) -> StorageError:
    code = _code(exc)
    if code in _MISSING:
        return NotFound(key)
    return StorageError(f"lỗi máy chủ lưu trữ S3 ({code}) với {key}: {exc}")
