"""Bulk import journal.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "import_items",
        sa.Column("box_key", sa.String(64), primary_key=True),
        sa.Column("relpath", sa.String(1024), primary_key=True),
        sa.Column("stamp", sa.String(128), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("record_id", sa.String(32)),
        sa.Column("message", sa.Text),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("import_items")
