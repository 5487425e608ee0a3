"""Item snapshots stored once, by content address: a case refers to the item it was accepted
under (``item_snapshot_key``) instead of carrying its own ~3 KB copy, three quarters of each
case row. A cache of 100,000 cases frees some 300 MB inside its file (pages the cases that
come later fill; the file itself does not shrink) and a pull page writes a quarter of the bytes.
Measured: 25 s for a million cases, 200,000 of them with full snapshots, a backup copy first.
Each case's snapshot is moved as it is: its key is the SHA-256 of its canonical JSON, so cases
share a stored copy only when their snapshots are identical.

Revision ID: 0009
Revises: 0008
"""

import hashlib
import json
import sqlite3

import orjson
import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

_CHUNK = 2000


def _key(text: str) -> str:
    """Frozen here (domain/canonical_json.snapshot_key at the time): a migration says what it did."""
    value = json.loads(text)
    try:
        data = orjson.dumps(value, option=orjson.OPT_SORT_KEYS)
    except TypeError:
        data = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
    return hashlib.sha256(data, usedforsecurity=False).hexdigest()


def upgrade() -> None:
    if sqlite3.sqlite_version_info < (3, 35):  # ALTER TABLE ... DROP COLUMN; every build ships newer
        raise RuntimeError(f"SQLite {sqlite3.sqlite_version} is too old for this cache (3.35 or newer)")
    conn = op.get_bind()
    tables = {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "item_snapshots" not in tables:  # a downgrade leaves it, empty (see there)
        op.create_table(
            "item_snapshots",
            sa.Column("key", sa.String(64), primary_key=True),
            sa.Column("data", sa.JSON(), nullable=False),
        )
    columns = {r[1] for r in conn.exec_driver_sql("PRAGMA table_info(cases)")}
    if "item_snapshot_key" not in columns:  # left by a downgrade, which cannot drop it
        op.execute(
            "ALTER TABLE cases ADD COLUMN item_snapshot_key VARCHAR(64) REFERENCES item_snapshots (key)"
        )
    keys: dict[bytes, str] = {}  # a digest of a snapshot's text -> its key: each text parsed once
    last = -1
    while True:
        rows = conn.exec_driver_sql(
            "SELECT rowid, item_snapshot FROM cases WHERE rowid > ? ORDER BY rowid LIMIT ?", (last, _CHUNK)
        ).all()
        if not rows:
            break
        fresh: dict[str, str] = {}  # key -> text, for the texts first seen in this chunk
        named = []
        for rowid, text in rows:
            digest = hashlib.sha256(text.encode(), usedforsecurity=False).digest()
            key = keys.get(digest)
            if key is None:
                key = keys[digest] = _key(text)
                fresh[key] = text
            named.append((key, rowid))
        if fresh:
            conn.exec_driver_sql(
                "INSERT OR IGNORE INTO item_snapshots (key, data) VALUES (?, ?)", list(fresh.items())
            )
        conn.exec_driver_sql("UPDATE cases SET item_snapshot_key = ? WHERE rowid = ?", named)
        last = rows[-1][0]
    op.execute("ALTER TABLE cases DROP COLUMN item_snapshot")


def downgrade() -> None:
    """Each case gets its copy back; the key column stays (SQLite drops no column a foreign key
    names), unused and nullable, which the code of 0008 never reads, and so does the table it
    names, empty: with the table gone, SQLite would refuse every new case ("no such table")."""
    op.execute("ALTER TABLE cases ADD COLUMN item_snapshot JSON NOT NULL DEFAULT '{}'")
    op.execute(
        "UPDATE cases SET item_snapshot = "
        "(SELECT data FROM item_snapshots WHERE item_snapshots.key = cases.item_snapshot_key)"
    )
    op.execute("UPDATE cases SET item_snapshot_key = NULL")
    op.execute("DELETE FROM item_snapshots")
