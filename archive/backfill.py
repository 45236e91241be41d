"""Copy to storage what only the catalog holds, before a rebuild replaces the catalog.

An archive made before accounts, tokens, disposal lists and the audit trail were kept
in storage has them in its catalog alone; so may a lift of a hold or an audit event
whose copy a crash interrupted. ``hoso rebuild`` calls this first, so rebuilding
never loses them.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from archive import audit_bucket
from archive.account_store import save_account, save_token, stored_names
from archive.catalog.models import DisposalRow, HoldRow, TokenRow, UserRow
from archive.disposal_store import decision_key, proposal_key, save_decision, save_proposal
from archive.disposition import disposal_of
from archive.facade import Archive
from archive.holds import hold_bytes, hold_of


def backfill(archive: Archive) -> None:
    """Write every account, token, list, hold lift and event the bucket lacks."""
    audit_bucket.flush(archive, grace=timedelta(0))
    store = archive.store
    accounts, tokens = stored_names(store)
    with archive.sessions() as session:
        for user in session.scalars(select(UserRow)):
            if user.username not in accounts:
                save_account(store, user, "chép từ CSDL danh mục")
        for token in session.scalars(select(TokenRow)):
            if token.token_hash not in tokens:
                save_token(store, token)
        for row in session.scalars(select(DisposalRow)):
            listed = disposal_of(row).to_json()
            if not store.exists(proposal_key(row.id)):
                save_proposal(store, listed)
            if row.state != "proposed" and not store.exists(decision_key(row.id)):
                save_decision(store, listed)
        for hold in session.scalars(select(HoldRow).where(HoldRow.lifted_at.is_not(None))):
            key = f"holds/{hold.id}-lifted.json"
            if not store.exists(key):
                store.put_bytes(key, hold_bytes(hold_of(hold)))
