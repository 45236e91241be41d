"""Audit events remember whether their copy is in storage yet.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Events written before this revision have no copy in storage: the next write copies them.
    with op.batch_alter_table("audit_events") as batch:
        batch.add_column(sa.Column("stored", sa.Boolean, nullable=False, server_default=sa.false()))
        batch.create_index("ix_audit_events_stored", ["stored"])


def downgrade() -> None:
    with op.batch_alter_table("audit_events") as batch:
        batch.drop_index("ix_audit_events_stored")
        batch.drop_column("stored")
