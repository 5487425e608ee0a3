"""A whole case's item snapshot (~3 KB, three quarters of its row) is stored once in
``item_snapshots``, where the change feed already keeps it, and the case names it by
``item_snapshot_key``. Rows written before keep theirs inline in ``data``, and are read as they
are (hall_server/item_snapshots.py).

Revision ID: 0014
Revises: 0013
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("cases", sa.Column("item_snapshot_key", sa.String(64), nullable=True))


def downgrade() -> None:
    """The cases that name a snapshot get it back inline, as the code before reads them."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "UPDATE cases SET data = (cases.data::jsonb || jsonb_build_object('item_snapshot', s.data::jsonb))::json"
            " FROM item_snapshots s WHERE s.key = cases.item_snapshot_key"
        )
    else:
        op.execute(
            "UPDATE cases SET data = json_set(data, '$.item_snapshot', json("
            "(SELECT data FROM item_snapshots s WHERE s.key = cases.item_snapshot_key)))"
            " WHERE item_snapshot_key IS NOT NULL"
        )
    op.drop_column("cases", "item_snapshot_key")
