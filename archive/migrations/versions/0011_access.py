"""Cutting access: a session epoch per account, token expiry, revocation and scope,
and shared counters for sign-in throttling and rate-limited audit of denials.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("auth_version", sa.Integer, nullable=False, server_default="0"))
    with op.batch_alter_table("api_tokens") as batch:
        batch.add_column(sa.Column("expires_at", sa.DateTime(timezone=True)))
        batch.add_column(sa.Column("revoked_at", sa.DateTime(timezone=True)))
        batch.add_column(
            sa.Column("read_only", sa.Boolean, nullable=False, server_default=sa.false())
        )
        batch.add_column(sa.Column("auth_version", sa.Integer, nullable=False, server_default="0"))
    op.create_table(
        "counters",
        sa.Column("key", sa.String(200), primary_key=True),
        sa.Column("count", sa.Integer, nullable=False),
        sa.Column("suppressed", sa.Integer, nullable=False),
        sa.Column("window_start", sa.DateTime(timezone=True), nullable=False),
        sa.Column("blocked_until", sa.DateTime(timezone=True)),
    )


def downgrade() -> None:
    op.drop_table("counters")
    with op.batch_alter_table("api_tokens") as batch:
        for name in ("auth_version", "read_only", "revoked_at", "expires_at"):
            batch.drop_column(name)
    with op.batch_alter_table("users") as batch:
        batch.drop_column("auth_version")
