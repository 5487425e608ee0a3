"""one device code, one PC: replacement codes, every number registered, collisions kept

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("devices", schema=None) as batch_op:
        batch_op.add_column(sa.Column("replaced_at", sa.DateTime(), nullable=True))
    with op.batch_alter_table("enrollment_codes", schema=None) as batch_op:
        batch_op.add_column(sa.Column("replaces", sa.Boolean(), nullable=False, server_default=sa.false()))
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.add_column(sa.Column("receipt_number", sa.String(length=40), nullable=True))
    with op.batch_alter_table("consults", schema=None) as batch_op:
        batch_op.add_column(sa.Column("receipt_number", sa.String(length=40), nullable=True))
    with op.batch_alter_table("number_collisions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("kind", sa.String(length=10), nullable=False, server_default="case"))
        batch_op.add_column(sa.Column("alias", sa.String(length=40), nullable=True))
        batch_op.create_index("ix_number_collisions_at", ["at"], unique=False)
    op.create_table(
        "notice_numbers",
        sa.Column("number", sa.String(length=40), nullable=False),
        sa.Column("case_id", sa.String(length=36), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("number"),
    )


def downgrade() -> None:
    op.drop_table("notice_numbers")
    with op.batch_alter_table("number_collisions", schema=None) as batch_op:
        batch_op.drop_index("ix_number_collisions_at")
        batch_op.drop_column("alias")
        batch_op.drop_column("kind")
    with op.batch_alter_table("consults", schema=None) as batch_op:
        batch_op.drop_column("receipt_number")
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_column("receipt_number")
    with op.batch_alter_table("enrollment_codes", schema=None) as batch_op:
        batch_op.drop_column("replaces")
    with op.batch_alter_table("devices", schema=None) as batch_op:
        batch_op.drop_column("replaced_at")
