"""Records management: dossiers, holds, disposals, fixity, alerts; record state and due date.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("records") as batch:
        batch.add_column(sa.Column("state", sa.String(16), nullable=False, server_default="active"))
        batch.add_column(sa.Column("disposal_due", sa.Date))
        batch.add_column(sa.Column("held", sa.Boolean, nullable=False, server_default=sa.false()))
        batch.create_index("ix_records_state", ["state"])
        batch.create_index("ix_records_disposal_due", ["disposal_due"])
    op.create_table(
        "dossiers",
        sa.Column("code", sa.String(64), primary_key=True),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("start_date", sa.Date),
        sa.Column("end_date", sa.Date),
        sa.Column("confidentiality", sa.String(32)),
        sa.Column("retention_json", sa.JSON, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "dossier_items",
        sa.Column("record_id", sa.String(32), primary_key=True),
        sa.Column("dossier_code", sa.String(64), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
    )
    op.create_index("ix_dossier_items_dossier_code", "dossier_items", ["dossier_code"])
    op.create_table(
        "holds",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("target_kind", sa.String(16), nullable=False),
        sa.Column("target_id", sa.String(64), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("placed_by", sa.String(64), nullable=False),
        sa.Column("placed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("lifted_by", sa.String(64)),
        sa.Column("lifted_at", sa.DateTime(timezone=True)),
        sa.Column("lift_reason", sa.Text),
    )
    op.create_index("ix_holds_target_id", "holds", ["target_id"])
    op.create_table(
        "disposals",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("record_ids", sa.JSON, nullable=False),
        sa.Column("proposed_by", sa.String(64), nullable=False),
        sa.Column("proposed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_by", sa.String(64)),
        sa.Column("decided_at", sa.DateTime(timezone=True)),
        sa.Column("decision_reason", sa.Text),
        sa.Column("report_key", sa.String(256)),
        sa.Column("package_path", sa.Text),
    )
    op.create_index("ix_disposals_state", "disposals", ["state"])
    op.create_table(
        "fixity",
        sa.Column("record_id", sa.String(32), primary_key=True),
        sa.Column("checked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ok", sa.Boolean, nullable=False),
        sa.Column("detail", sa.Text),
    )
    op.create_index("ix_fixity_checked_at", "fixity", ["checked_at"])
    op.create_table(
        "alerts",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("record_id", sa.String(32)),
        sa.Column("message", sa.Text, nullable=False),
        sa.Column("resolved_by", sa.String(64)),
        sa.Column("resolved_at", sa.DateTime(timezone=True)),
    )
    op.create_index("ix_alerts_at", "alerts", ["at"])


def downgrade() -> None:
    for table in ("alerts", "fixity", "disposals", "holds", "dossier_items", "dossiers"):
        op.drop_table(table)
    with op.batch_alter_table("records") as batch:
        batch.drop_index("ix_records_disposal_due")
        batch.drop_index("ix_records_state")
        batch.drop_column("held")
        batch.drop_column("disposal_due")
        batch.drop_column("state")
