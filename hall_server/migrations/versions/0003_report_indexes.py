"""report indexes: the period scans of the daily and monthly reports

Revision ID: 0003
Revises: 0002
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("case_events", schema=None) as batch_op:
        batch_op.create_index("ix_case_events_at", ["at"], unique=False)
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.create_index("ix_cases_accepted_on", ["accepted_on"], unique=False)
    with op.batch_alter_table("consults", schema=None) as batch_op:
        batch_op.create_index("ix_consults_created", ["created_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("consults", schema=None) as batch_op:
        batch_op.drop_index("ix_consults_created")
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_index("ix_cases_accepted_on")
    with op.batch_alter_table("case_events", schema=None) as batch_op:
        batch_op.drop_index("ix_case_events_at")
