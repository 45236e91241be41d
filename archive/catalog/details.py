"""Rows derived from a record's metadata: the documents it cites and its award entries."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from archive.catalog.flagging import detect
from archive.catalog.models import AwardRow, DossierItemRow, ReferenceRow
from archive.vn.folding import key
from archive.vn.numbers import number_key


def sync_details(session: Session, record_id: str, metadata: dict[str, Any]) -> None:
    """Replace the record's reference and award rows with what its metadata says now, and flag
    each award another archived decision already gave (archive.award_flags)."""
    session.execute(delete(ReferenceRow).where(ReferenceRow.record_id == record_id))
    session.execute(delete(AwardRow).where(AwardRow.record_id == record_id))
    references = [
        {
            "record_id": record_id,
            "number_key": number_key(ref["number"]),
            "number": ref["number"],
            "doc_type": ref.get("doc_type"),
            "issued_date": ref.get("issued_date"),
        }
        for ref in metadata.get("references") or []
        if isinstance(ref, dict) and ref.get("number")
    ]
    awards = [
        _award_row(record_id, award)
        for award in metadata.get("awards") or []
        if isinstance(award, dict) and award.get("recipient")
    ]
    # The record's own row first (foreign keys), then each kind in one executemany: an
    # annexed list of hundreds of awards is one statement, not hundreds of ORM objects.
    session.flush()
    if references:
        session.execute(insert(ReferenceRow), references)
    if awards:
        session.execute(insert(AwardRow), awards)
    detect(session, record_id, metadata)
    _sync_dossier(session, record_id, metadata.get("dossier_id"))


def _sync_dossier(session: Session, record_id: str, code: Any) -> None:
    item = session.get(DossierItemRow, record_id)
    if not code:
        if item is not None:
            session.delete(item)
        return
    if item is not None and item.dossier_code == code:
        return
    last = session.scalar(
        select(func.max(DossierItemRow.position)).where(DossierItemRow.dossier_code == code)
    )
    if item is None:
        session.add(
            DossierItemRow(record_id=record_id, dossier_code=code, position=(last or 0) + 1)
        )
    else:
        item.dossier_code = code
        item.position = (last or 0) + 1


def _award_row(record_id: str, award: dict[str, Any]) -> dict[str, Any]:
    form = award.get("award_form")
    year = award.get("year")
    return {
        "record_id": record_id,
        "recipient": award["recipient"],
        "recipient_key": key(award["recipient"]),
        "recipient_kind": award.get("recipient_kind"),
        "unit": award.get("unit"),
        "unit_key": key(str(award["unit"])) if award.get("unit") else None,
        "award_form": form,
        "form_key": key(form) if form else None,
        "year": int(year) if isinstance(year, int | str) and str(year).isdigit() else None,
    }
