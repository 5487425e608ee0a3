"""Whole cases in the change feed refer to their item snapshot (~3 KB, three quarters of a
case) by content address; each snapshot is stored once. Rows written before keep theirs inline
and go out as they are.

Revision ID: 0013
Revises: 0012
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "item_snapshots",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("data", sa.JSON(), nullable=False),
    )
    op.add_column("change_log", sa.Column("snapshot_key", sa.String(64), nullable=True))


def downgrade() -> None:
    """The rows that refer to a snapshot get it back inline, as the code before reads them."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "UPDATE change_log SET data = (change_log.data::jsonb || jsonb_build_object('item_snapshot', s.data::jsonb))::json"
            " FROM item_snapshots s WHERE s.key = change_log.snapshot_key"
        )
    else:
        op.execute(
            "UPDATE change_log SET data = json_set(data, '$.item_snapshot', json("
            "(SELECT data FROM item_snapshots s WHERE s.key = change_log.snapshot_key)))"
            " WHERE snapshot_key IS NOT NULL"
        )
    op.drop_column("change_log", "snapshot_key")
    op.drop_table("item_snapshots")
