"""After acceptance: how each completed case kept its promise, and the fee it charged.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.add_column(sa.Column("timeliness", sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column("fee_fen", sa.BigInteger(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_column("fee_fen")
        batch_op.drop_column("timeliness")
