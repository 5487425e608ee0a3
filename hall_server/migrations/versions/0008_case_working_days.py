"""At 办结: the working days promised (with extensions) and the working days used (stops left
out), so reports average both per item from the database.

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.add_column(sa.Column("days_promised", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("days_used", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_column("days_used")
        batch_op.drop_column("days_promised")
