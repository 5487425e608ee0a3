"""Initial schema: catalogue, calendar, cases, notices, history, audit, outbox, counters.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("device_code", sa.String(length=12), nullable=False),
        sa.Column("clerk", sa.String(length=100), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("object_type", sa.String(length=30), nullable=False),
        sa.Column("object_id", sa.String(length=60), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "calendar_years",
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("holidays", sa.JSON(), nullable=False),
        sa.Column("workdays", sa.JSON(), nullable=False),
        sa.Column("source", sa.String(length=40), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("year"),
    )
    op.create_table(
        "cases",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("case_number", sa.String(length=40), nullable=True),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("item_code", sa.String(length=40), nullable=False),
        sa.Column("item_version", sa.Integer(), nullable=False),
        sa.Column("item_name", sa.String(length=300), nullable=False),
        sa.Column("item_class", sa.String(length=20), nullable=False),
        sa.Column("department", sa.String(length=40), nullable=False),
        sa.Column("item_snapshot", sa.JSON(), nullable=False),
        sa.Column("service_mode", sa.String(length=20), nullable=False),
        sa.Column("applicant", sa.JSON(), nullable=False),
        sa.Column("applicant_name", sa.String(length=200), nullable=False),
        sa.Column("applicant_id_number", sa.String(length=40), nullable=False),
        sa.Column("applicant_phone", sa.String(length=20), nullable=False),
        sa.Column("agent", sa.JSON(), nullable=True),
        sa.Column("materials", sa.JSON(), nullable=False),
        sa.Column("window_code", sa.String(length=40), nullable=False),
        sa.Column("device_code", sa.String(length=12), nullable=False),
        sa.Column("clerk", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("accepted_on", sa.Date(), nullable=True),
        sa.Column("promised_due", sa.Date(), nullable=True),
        sa.Column("legal_due", sa.Date(), nullable=True),
        sa.Column("deadline_provisional", sa.Boolean(), nullable=False),
        sa.Column("completed_at", sa.DateTime(), nullable=True),
        sa.Column("refusal", sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("case_number"),
    )
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.create_index("ix_cases_applicant_id", ["applicant_id_number"], unique=False)
        batch_op.create_index("ix_cases_applicant_name", ["applicant_name"], unique=False)
        batch_op.create_index("ix_cases_applicant_phone", ["applicant_phone"], unique=False)
        batch_op.create_index("ix_cases_created_at", ["created_at"], unique=False)
        batch_op.create_index("ix_cases_provisional", ["deadline_provisional"], unique=False)

    op.create_table(
        "departments",
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("short_name", sa.String(length=50), nullable=False),
        sa.PrimaryKeyConstraint("code"),
    )
    op.create_table(
        "outbox",
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("op_id", sa.String(length=36), nullable=False),
        sa.Column("op_type", sa.String(length=40), nullable=False),
        sa.Column("schema_version", sa.Integer(), nullable=False),
        sa.Column("device_code", sa.String(length=12), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("result", sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint("seq"),
        sa.UniqueConstraint("op_id"),
    )
    op.create_table(
        "sequences",
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("name"),
    )
    op.create_table(
        "service_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("department", sa.String(length=40), nullable=False),
        sa.Column("item_class", sa.String(length=20), nullable=False),
        sa.Column("search_key", sa.Text(), nullable=False),
        sa.Column("is_current", sa.Boolean(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("service_items", schema=None) as batch_op:
        batch_op.create_index("ix_service_items_current", ["is_current"], unique=False)
        batch_op.create_index("ux_service_items_code_version", ["code", "version"], unique=True)

    op.create_table(
        "windows",
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("departments", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("code"),
    )
    op.create_table(
        "case_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.String(length=36), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("from_state", sa.String(length=20), nullable=True),
        sa.Column("to_state", sa.String(length=20), nullable=True),
        sa.Column("clerk", sa.String(length=100), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["cases.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("case_events", schema=None) as batch_op:
        batch_op.create_index("ix_case_events_case", ["case_id"], unique=False)

    op.create_table(
        "notices",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("number", sa.String(length=60), nullable=False),
        sa.Column("case_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("print_count", sa.Integer(), nullable=False),
        sa.Column("last_printed_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["cases.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("notices", schema=None) as batch_op:
        batch_op.create_index("ix_notices_case", ["case_id"], unique=False)
        batch_op.create_index("ux_notices_number_kind", ["number", "kind"], unique=True)
