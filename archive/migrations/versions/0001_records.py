"""Records table.

Revision ID: 0001
Revises:
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "records",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("size", sa.BigInteger, nullable=False),
        sa.Column("mime_type", sa.String(128), nullable=False),
        sa.Column("filename", sa.String(512), nullable=False),
        sa.Column("pages", sa.Integer, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("doc_type", sa.String(64)),
        sa.Column("number", sa.String(128)),
        sa.Column("issued_date", sa.Date),
        sa.Column("year", sa.Integer),
        sa.Column("issuer", sa.String(512)),
        sa.Column("title", sa.Text),
        sa.Column("metadata_json", sa.JSON, nullable=False),
        sa.Column("provenance_json", sa.JSON, nullable=False),
    )
    op.create_index("ix_records_sha256", "records", ["sha256"], unique=True)
    op.create_index("ix_records_created_at", "records", ["created_at"])
    op.create_index("ix_records_doc_type", "records", ["doc_type"])
    op.create_index("ix_records_number", "records", ["number"])
    op.create_index("ix_records_issued_date", "records", ["issued_date"])
    op.create_index("ix_records_year", "records", ["year"])


def downgrade() -> None:
    op.drop_table("records")
