"""Cited documents and award entries, for links and award search.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("records") as batch:
        batch.add_column(sa.Column("number_key", sa.String(128)))
        batch.add_column(sa.Column("confidentiality", sa.String(32)))
        batch.create_index("ix_records_number_key", ["number_key"])
    op.create_table(
        "record_refs",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("record_id", sa.String(32), nullable=False),
        sa.Column("number_key", sa.String(128), nullable=False),
        sa.Column("number", sa.String(128), nullable=False),
        sa.Column("doc_type", sa.String(64)),
        sa.Column("issued_date", sa.String(10)),
    )
    op.create_index("ix_record_refs_record_id", "record_refs", ["record_id"])
    op.create_index("ix_record_refs_number_key", "record_refs", ["number_key"])
    op.create_table(
        "awards",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("record_id", sa.String(32), nullable=False),
        sa.Column("recipient", sa.String(512), nullable=False),
        sa.Column("recipient_key", sa.String(512), nullable=False),
        sa.Column("recipient_kind", sa.String(16)),
        sa.Column("unit", sa.Text),
        sa.Column("award_form", sa.String(256)),
        sa.Column("form_key", sa.String(256)),
        sa.Column("year", sa.Integer),
    )
    op.create_index("ix_awards_record_id", "awards", ["record_id"])
    op.create_index("ix_awards_recipient_key", "awards", ["recipient_key"])
    op.create_index("ix_awards_award_form", "awards", ["award_form"])
    op.create_index("ix_awards_form_key", "awards", ["form_key"])
    op.create_index("ix_awards_year", "awards", ["year"])


def downgrade() -> None:
    op.drop_table("awards")
    op.drop_table("record_refs")
    with op.batch_alter_table("records") as batch:
        batch.drop_index("ix_records_number_key")
        batch.drop_column("confidentiality")
        batch.drop_column("number_key")
