"""Catalog tables: a derived, queryable copy of what storage holds."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    Index,
    Integer,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class UTCDateTime(TypeDecorator[datetime]):
    """A UTC timestamp, time-zone aware when read back even where SQLite drops the zone."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_result_value(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value


class Base(DeclarativeBase):
    """Declarative base of every catalog table."""


class RecordRow(Base):
    """One visible record: written last in a commit, so its presence means 'complete'."""

    __tablename__ = "records"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    size: Mapped[int] = mapped_column(BigInteger)
    mime_type: Mapped[str] = mapped_column(String(128))
    filename: Mapped[str] = mapped_column(String(512))
    pages: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    version: Mapped[int] = mapped_column(Integer)
    doc_type: Mapped[str | None] = mapped_column(String(64), index=True)
    number: Mapped[str | None] = mapped_column(String(128), index=True)
    # The number as compared: accents, case, spaces and O/0 confusions ignored.
    number_key: Mapped[str | None] = mapped_column(String(128), index=True)
    # Number and issuer folded together: a second registration of one number is one lookup.
    register_key: Mapped[str | None] = mapped_column(String(400), index=True)
    issued_date: Mapped[date | None] = mapped_column(Date, index=True)
    year: Mapped[int | None] = mapped_column(Integer, index=True)
    issuer: Mapped[str | None] = mapped_column(String(512))
    confidentiality: Mapped[str | None] = mapped_column(String(32))
    title: Mapped[str | None] = mapped_column(Text)
    # "done", or "ocr_pending" while pages wait for recognition.
    text_state: Mapped[str] = mapped_column(String(16), default="done")
    # Lowest mean word confidence of any recognised page (0-100), None when not OCR'd.
    ocr_confidence: Mapped[float | None] = mapped_column(Float, index=True)
    metadata_json: Mapped[dict[str, Any]] = mapped_column(JSON)
    provenance_json: Mapped[dict[str, Any]] = mapped_column(JSON)
    # "active"; "disposed" or "transferred" once an approved disposition ran.
    state: Mapped[str] = mapped_column(String(16), default="active", index=True)
    disposal_due: Mapped[date | None] = mapped_column(Date, index=True)
    held: Mapped[bool] = mapped_column(default=False)


class UserRow(Base):
    """A person who signs in; the password is stored only as a salted hash."""

    __tablename__ = "users"

    username: Mapped[str] = mapped_column(String(64), primary_key=True)
    full_name: Mapped[str] = mapped_column(String(256))
    role: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str] = mapped_column(String(256))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # Raised by a password change or a lock: sessions and tokens of an older epoch end.
    auth_version: Mapped[int] = mapped_column(Integer, default=0)


class TokenRow(Base):
    """An API token; only its SHA-256 is kept, the token itself is shown once."""

    __tablename__ = "api_tokens"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    username: Mapped[str] = mapped_column(String(64), index=True)
    label: Mapped[str] = mapped_column(String(128))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    read_only: Mapped[bool] = mapped_column(Boolean, default=False)
    # The owner's auth_version when the token was made; a later one ends the token.
    auth_version: Mapped[int] = mapped_column(Integer, default=0)


class CounterRow(Base):
    """A counter with a time window, shared by every web process through the catalog:
    failed sign-ins per account and per address, audit events written per actor and kind."""

    __tablename__ = "counters"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    count: Mapped[int] = mapped_column(Integer, default=0)
    suppressed: Mapped[int] = mapped_column(Integer, default=0)
    window_start: Mapped[datetime] = mapped_column(UTCDateTime())
    blocked_until: Mapped[datetime | None] = mapped_column(UTCDateTime())


class AuditRow(Base):
    """One audit event; each carries the hash of the one before it (append-only chain)."""

    __tablename__ = "audit_events"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    username: Mapped[str] = mapped_column(String(64), index=True)
    action: Mapped[str] = mapped_column(String(32), index=True)
    record_id: Mapped[str | None] = mapped_column(String(32), index=True)
    address: Mapped[str | None] = mapped_column(String(64))
    details: Mapped[dict[str, Any]] = mapped_column(JSON)
    prev_hash: Mapped[str] = mapped_column(String(64), unique=True)
    hash: Mapped[str] = mapped_column(String(64), unique=True)
    # False between the catalog commit and the copy in storage (see archive/audit_bucket.py).
    stored: Mapped[bool] = mapped_column(default=False, index=True)


class JobRow(Base):
    """A slow step (OCR) run in the background; its state is what people see."""

    __tablename__ = "jobs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(32))
    record_id: Mapped[str] = mapped_column(String(32), index=True)
    state: Mapped[str] = mapped_column(String(16), index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(Text)
    worker: Mapped[str | None] = mapped_column(String(128))
    progress: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)


class ImportItemRow(Base):
    """What became of one file of a bulk import, so an interrupted import can resume."""

    __tablename__ = "import_items"

    box_key: Mapped[str] = mapped_column(String(64), primary_key=True)
    relpath: Mapped[str] = mapped_column(String(1024), primary_key=True)
    stamp: Mapped[str] = mapped_column(String(128))
    status: Mapped[str] = mapped_column(String(16))
    record_id: Mapped[str | None] = mapped_column(String(32))
    message: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class ImportRunRow(Base):
    """A bulk import started on the web: its progress while a worker runs it, then its outcome."""

    __tablename__ = "import_runs"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    username: Mapped[str] = mapped_column(String(64))
    box_name: Mapped[str] = mapped_column(String(255))
    manifest_name: Mapped[str | None] = mapped_column(String(255))
    folder: Mapped[str] = mapped_column(Text)
    dry_run: Mapped[bool] = mapped_column(Boolean)
    state: Mapped[str] = mapped_column(String(16))
    total: Mapped[int] = mapped_column(Integer, default=0)
    done: Mapped[int] = mapped_column(Integer, default=0)
    cancel_requested: Mapped[bool] = mapped_column(Boolean, default=False)
    error: Mapped[str | None] = mapped_column(Text)
    result_json: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class ReferenceRow(Base):
    """A document a record cites, by its number's comparison key."""

    __tablename__ = "record_refs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    record_id: Mapped[str] = mapped_column(String(32), index=True)
    number_key: Mapped[str] = mapped_column(String(128), index=True)
    number: Mapped[str] = mapped_column(String(128))
    doc_type: Mapped[str | None] = mapped_column(String(64))
    issued_date: Mapped[str | None] = mapped_column(String(10))


class AwardRow(Base):
    """One award entry of a decision: who received which award, for which year."""

    __tablename__ = "awards"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    record_id: Mapped[str] = mapped_column(String(32), index=True)
    recipient: Mapped[str] = mapped_column(String(512))
    # Indexed as the first column of ix_awards_recipient_form_year.
    recipient_key: Mapped[str] = mapped_column(String(512))
    recipient_kind: Mapped[str | None] = mapped_column(String(16))
    unit: Mapped[str | None] = mapped_column(Text)
    # The unit as compared: accents, case and spacing ignored.
    unit_key: Mapped[str | None] = mapped_column(Text)
    award_form: Mapped[str | None] = mapped_column(String(256), index=True)
    form_key: Mapped[str | None] = mapped_column(String(256), index=True)
    year: Mapped[int | None] = mapped_column(Integer, index=True)

    # Duplicate-award detection looks up recipient, form and year for every decision
    # written; a one-column index on the form alone matches a twelfth of the archive.
    __table_args__ = (Index("ix_awards_recipient_form_year", "recipient_key", "form_key", "year"),)


class DossierRow(Base):
    """A dossier (hồ sơ): records about one matter, kept together for one period."""

    __tablename__ = "dossiers"

    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    confidentiality: Mapped[str | None] = mapped_column(String(32))
    retention_json: Mapped[dict[str, Any]] = mapped_column(JSON)
    version: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class DossierItemRow(Base):
    """A record's place in its dossier (a record belongs to at most one)."""

    __tablename__ = "dossier_items"

    record_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    dossier_code: Mapped[str] = mapped_column(String(64), index=True)
    position: Mapped[int] = mapped_column(Integer)


class HoldRow(Base):
    """A hold on a record or dossier: nothing may remove or change it until lifted."""

    __tablename__ = "holds"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    target_kind: Mapped[str] = mapped_column(String(16))
    target_id: Mapped[str] = mapped_column(String(64), index=True)
    reason: Mapped[str] = mapped_column(Text)
    placed_by: Mapped[str] = mapped_column(String(64))
    placed_at: Mapped[datetime] = mapped_column(UTCDateTime())
    lifted_by: Mapped[str | None] = mapped_column(String(64))
    lifted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    lift_reason: Mapped[str | None] = mapped_column(Text)


class DisposalRow(Base):
    """A disposal list: proposed by one person, approved or rejected by another admin."""

    __tablename__ = "disposals"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    action: Mapped[str] = mapped_column(String(16))
    state: Mapped[str] = mapped_column(String(16), index=True)
    reason: Mapped[str] = mapped_column(Text)
    record_ids: Mapped[list[str]] = mapped_column(JSON)
    proposed_by: Mapped[str] = mapped_column(String(64))
    proposed_at: Mapped[datetime] = mapped_column(UTCDateTime())
    decided_by: Mapped[str | None] = mapped_column(String(64))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    decision_reason: Mapped[str | None] = mapped_column(Text)
    report_key: Mapped[str | None] = mapped_column(String(256))
    package_path: Mapped[str | None] = mapped_column(Text)


class FixityRow(Base):
    """When each original's bytes were last re-hashed, and how it went."""

    __tablename__ = "fixity"

    record_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    checked_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    ok: Mapped[bool] = mapped_column()
    detail: Mapped[str | None] = mapped_column(Text)


class AlertRow(Base):
    """Something people must look at (a failed fixity check); never resolved silently."""

    __tablename__ = "alerts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    record_id: Mapped[str | None] = mapped_column(String(32))
    message: Mapped[str] = mapped_column(Text)
    resolved_by: Mapped[str | None] = mapped_column(String(64))
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class AwardFlagRow(Base):
    """Two decisions giving one recipient the same award form for the same year.

    Working state, like alerts: a rebuild finds the pairs again from the award rows,
    and each dismissal is also an audit event with its reason.
    """

    __tablename__ = "award_flags"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    # SHA-256 of the recipient, form, year and the two decisions in sorted order.
    pair_key: Mapped[str] = mapped_column(String(64), unique=True)
    recipient: Mapped[str] = mapped_column(String(512))
    recipient_key: Mapped[str] = mapped_column(String(512), index=True)
    unit: Mapped[str | None] = mapped_column(Text)
    award_form: Mapped[str] = mapped_column(String(256))
    year: Mapped[int] = mapped_column(Integer, index=True)
    # The decision archived first, and the one whose archiving raised the flag.
    first_record_id: Mapped[str] = mapped_column(String(32), index=True)
    second_record_id: Mapped[str] = mapped_column(String(32), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    dismissed_by: Mapped[str | None] = mapped_column(String(64))
    dismissed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    dismiss_reason: Mapped[str | None] = mapped_column(Text)


class SavedSearchRow(Base):
    """A query with its filters that a person saved under a name, to run again."""

    __tablename__ = "saved_searches"
    __table_args__ = (UniqueConstraint("username", "name", name="uq_saved_searches_username_name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    username: Mapped[str] = mapped_column(String(64), index=True)
    name: Mapped[str] = mapped_column(String(120))
    query: Mapped[str] = mapped_column(Text)
    filters_json: Mapped[dict[str, Any]] = mapped_column(JSON)
    sort: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
