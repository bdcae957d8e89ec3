"""Full-text search: FTS5 indexes over turn text, highlight quotes/notes and episode notes.

External-content FTS5 tables (the text lives once, in the base tables) kept in sync by triggers.
Existing rows are indexed by a 'rebuild' inside the migration transaction.

Revision ID: 0002_search
Revises: 0001_initial
"""

from __future__ import annotations

from alembic import op

revision = "0002_search"
down_revision = "0001_initial"
branch_labels = None
depends_on = None

TOKENIZE = "unicode61 remove_diacritics 2"

# (fts table, base table, indexed columns)
INDEXES = (
    ("turns_fts", "turns", ("text",)),
    ("highlights_fts", "highlights", ("quote", "note")),
    ("episodes_fts", "episodes", ("note",)),
)


def upgrade() -> None:
    for fts, base, columns in INDEXES:
        cols = ", ".join(columns)
        new_vals = ", ".join(f"new.{c}" for c in columns)
        old_vals = ", ".join(f"old.{c}" for c in columns)
        op.execute(
            f"CREATE VIRTUAL TABLE {fts} USING fts5({cols}, content='{base}', content_rowid='id', "
            f"tokenize='{TOKENIZE}', prefix='2 3')"
        )
        op.execute(
            f"CREATE TRIGGER {base}_fts_insert AFTER INSERT ON {base} BEGIN "
            f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.id, {new_vals}); END"
        )
        op.execute(
            f"CREATE TRIGGER {base}_fts_delete AFTER DELETE ON {base} BEGIN "
            f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.id, {old_vals}); END"
        )
        op.execute(
            f"CREATE TRIGGER {base}_fts_update AFTER UPDATE OF {cols} ON {base} BEGIN "
            f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.id, {old_vals}); "
            f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.id, {new_vals}); END"
        )
        op.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")


def downgrade() -> None:
    for fts, base, _columns in INDEXES:
        for event in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER IF EXISTS {base}_fts_{event}")
        op.execute(f"DROP TABLE IF EXISTS {fts}")
