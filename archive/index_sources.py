"""Search documents read from storage a chunk at a time, for ``hoso reindex``.

The rebuild hands chunks of manifest keys to ``stored_documents``, in worker
processes when there are many, so reading and parsing the manifests and texts is
shared between cores instead of done by the one process that writes the index.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from archive.indexdoc import index_document
from archive.records import Record, text_key
from search.sources import Sources
from storage import BlobStore, NotFound, open_store

log = logging.getLogger(__name__)

# One store per process and URL, opened on a worker's first chunk.
_STORES: dict[str, BlobStore] = {}


def index_sources(store: BlobStore, manifest_keys: list[str]) -> Sources:
    """The search documents of these current manifests (records disposed of left out)."""
    _STORES.setdefault(store.url, store)
    return Sources(manifest_keys, stored_documents, store.url)


def stored_documents(url: str, keys: list[str]) -> list[dict[str, Any]]:
    """The search document of each manifest key that is still kept, in order."""
    store = _STORES.get(url)
    if store is None:
        store = _STORES.setdefault(url, open_store(url, create_bucket=False))
    documents = []
    for key in keys:
        record = read_manifest(store, key)
        if record is None or record.metadata.get("disposition"):
            continue
        documents.append(index_document(record, _pages(store, record.sha256)))
    return documents


def read_manifest(store: BlobStore, key: str) -> Record | None:
    """The record a manifest holds; None, with a warning, for one that cannot be read.

    Only an ingest cut short by a power loss leaves such a manifest (its batch was never
    synced, so no catalog row points to it); a rebuild must not stop at it.
    """
    try:
        return Record.from_json(json.loads(store.get_bytes(key)))
    except (ValueError, KeyError, TypeError) as error:
        log.warning("manifest %s cannot be read, left out: %s", key, error)
        return None


def _pages(store: BlobStore, sha256: str) -> list[str]:
    try:
        return list(json.loads(store.get_bytes(text_key(sha256))).get("pages", []))
    except NotFound:
        return []
