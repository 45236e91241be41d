"""Disposal lists in storage: the proposal, then the decision, each written once.

``disposals/<n>/proposal.json`` is written when a list is proposed and
``disposals/<n>/decision.json`` when it is approved (after it was carried out, with
its report and package) or rejected. List numbers are taken past every number the
catalog or the bucket has seen, so a number is never given twice.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from archive.catalog.models import DisposalRow
from archive.ledger import put_new, read
from storage import BlobStore, NotFound

PREFIX = "disposals/"
_DECIDED = ("decided_by", "decided_at", "decision_reason", "report_key", "package_path")


def proposal_key(number: int) -> str:
    """Where the list as proposed is kept."""
    return f"{PREFIX}{number}/proposal.json"


def decision_key(number: int) -> str:
    """Where the decision on the list is kept."""
    return f"{PREFIX}{number}/decision.json"


def stored_numbers(store: BlobStore) -> set[int]:
    """Every list number the bucket holds anything of."""
    parts = (key[len(PREFIX) :].split("/", 1)[0] for key in store.list(PREFIX))
    return {int(part) for part in parts if part.isdigit()}


def next_number(store: BlobStore, session: Session) -> int:
    """A list number neither the catalog nor the bucket has used."""
    in_catalog = session.scalar(select(func.max(DisposalRow.id))) or 0
    return max(in_catalog, *stored_numbers(store), 0) + 1


def save_proposal(store: BlobStore, listed: dict[str, Any]) -> None:
    """Write the list as proposed (nothing decided yet)."""
    body = {**listed, "state": "proposed", **dict.fromkeys(_DECIDED)}
    put_new(store, proposal_key(listed["id"]), body)


def save_decision(store: BlobStore, decided: dict[str, Any]) -> None:
    """Write the decision: the whole list as approved or rejected."""
    put_new(store, decision_key(decided["id"]), decided)


def stored_lists(store: BlobStore) -> Iterator[dict[str, Any]]:
    """Every list in storage as it now stands (its decision laid over its proposal)."""
    for number in sorted(stored_numbers(store)):
        listed: dict[str, Any] = {}
        for key in (proposal_key(number), decision_key(number)):
            try:
                listed.update(read(store, key))
            except NotFound:
                continue
        if not listed:
            # Lists approved before proposals were kept: the report's manifest says it all.
            try:
                listed = read(store, f"{PREFIX}{number}/manifest.json")
            except NotFound:
                continue
            listed.pop("items", None)
        yield listed
