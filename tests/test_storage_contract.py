"""One contract, every blob store: a local folder and a real SeaweedFS S3 server."""

from __future__ import annotations

import hashlib
import io
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from storage import BlobStore, FileStore, InvalidKey, NotFound, open_store


@pytest.fixture(params=["file", pytest.param("s3", marks=pytest.mark.s3)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[BlobStore]:
    if request.param == "file":
        yield open_store(tmp_path.as_uri())
    else:
        request.getfixturevalue("seaweed")
        yield open_store(f"s3://contract-{uuid.uuid4().hex[:12]}/some/prefix")


def test_round_trip_of_small_objects(store: BlobStore) -> None:
    store.put_bytes("records/a/manifest-000001.json", '{"tên": "hồ sơ"}'.encode())
    assert store.get_bytes("records/a/manifest-000001.json") == '{"tên": "hồ sơ"}'.encode()
    assert store.exists("records/a/manifest-000001.json")
    assert not store.exists("records/a/manifest-000002.json")


def test_missing_objects_raise_not_found(store: BlobStore) -> None:
    with pytest.raises(NotFound):
        store.get_bytes("nothing/here")
    with pytest.raises(NotFound):
        store.open("nothing/here")


def test_streamed_put_and_open_are_byte_identical(store: BlobStore) -> None:
    # Over the multipart threshold, so S3 uploads it in parts.
    data = os.urandom(20 * 1024 * 1024 + 123)
    assert store.put("blobs/big", io.BytesIO(data)) == len(data)
    digest = hashlib.sha256()
    with store.open("blobs/big") as stream:
        while chunk := stream.read(1 << 20):
            digest.update(chunk)
    assert digest.hexdigest() == hashlib.sha256(data).hexdigest()


def test_put_replaces_and_delete_is_idempotent(store: BlobStore) -> None:
    store.put_bytes("x/y", b"one")
    store.put_bytes("x/y", b"two")
    assert store.get_bytes("x/y") == b"two"
    store.delete("x/y")
    store.delete("x/y")
    assert not store.exists("x/y")


def test_list_yields_every_key_under_a_prefix(store: BlobStore) -> None:
    keys = {"records/a/manifest-000001.json", "records/a/manifest-000002.json", "records/b/m.json"}
    for key in keys | {"blobs/sha256/ab/cd/abcd"}:
        store.put_bytes(key, b"1")
    assert set(store.list("records/")) == keys
    assert set(store.list("records/a/")) == {k for k in keys if k.startswith("records/a/")}


@pytest.mark.parametrize("key", ["", "/etc/passwd", "../up", "a/../../b", "a//b", "a/./b", "a\\b"])
def test_unsafe_keys_are_refused(store: BlobStore, key: str) -> None:
    with pytest.raises(InvalidKey):
        store.put_bytes(key, b"x")


def test_file_store_write_is_atomic(tmp_path: Path) -> None:
    store = FileStore(tmp_path)
    store.put_bytes("a/b", b"old")

    class Exploding(io.RawIOBase):
        def __init__(self) -> None:
            self.sent = False

        def readable(self) -> bool:
            return True

        def read(self, size: int = -1) -> bytes:
            if self.sent:
                raise OSError("disk unplugged")
            self.sent = True
            return b"new partial"

    with pytest.raises(OSError):
        store.put("a/b", Exploding())  # type: ignore[arg-type]
    assert store.get_bytes("a/b") == b"old"
    assert [p.name for p in (tmp_path / "a").iterdir()] == ["b"]


def test_a_batch_of_deferred_writes_reads_back_and_syncs(store: BlobStore) -> None:
    for i in range(5):
        store.put_bytes(f"batch/{i}", f"object {i}".encode(), durable=False)
    store.put("batch/big", io.BytesIO(b"x" * 3_000_000), durable=False)
    # Readable at once, durable after sync; a second sync with nothing pending is a no-op.
    assert store.get_bytes("batch/3") == b"object 3"
    store.sync()
    store.sync()
    assert sorted(store.list("batch/")) == [
        "batch/0",
        "batch/1",
        "batch/2",
        "batch/3",
        "batch/4",
        "batch/big",
    ]
    assert len(store.get_bytes("batch/big")) == 3_000_000


def test_file_store_sync_falls_back_to_fsync_per_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from storage import filestore

    synced: list[str] = []
    real = filestore._fsync_file
    monkeypatch.setattr(filestore, "_syncfs", lambda root: False)
    monkeypatch.setattr(
        filestore, "_fsync_file", lambda path: (synced.append(path.name), real(path))
    )
    store = FileStore(tmp_path)
    store.put_bytes("a/one", b"1", durable=False)
    store.put_bytes("b/two", b"2", durable=False)
    store.put_bytes("a/three", b"3")  # durable at once: not pending
    store.sync()
    assert sorted(synced) == ["one", "two"]
    store.sync()
    assert len(synced) == 2


def test_open_store_refuses_unknown_schemes() -> None:
    from storage import StorageError

    with pytest.raises(StorageError, match="file://"):
        open_store("ftp://example/archive")
