"""Corrections: the transcript as it was first kept, and highlights detached from deleted words.

``original_transcripts`` holds an episode's transcript as it stood before its first correction (the
words as imported or transcribed), as JSON, so "Revert to original" can bring it back. A highlight
whose words a correction deleted is *detached*: it points at turn -1 and keeps the times and speaker
it had in ``detached_start_ms``, ``detached_end_ms`` and ``detached_speaker``.

Revision ID: 0008_corrections
Revises: 0007_tag_descriptions
"""

from __future__ import annotations

from alembic import op

revision = "0008_corrections"
down_revision = "0007_tag_descriptions"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        "CREATE TABLE original_transcripts ("
        " episode_id INTEGER NOT NULL PRIMARY KEY REFERENCES episodes(id) ON DELETE CASCADE,"
        " transcript JSON NOT NULL,"
        " kept_at DATETIME NOT NULL)"
    )
    op.execute("ALTER TABLE highlights ADD COLUMN detached_start_ms INTEGER")
    op.execute("ALTER TABLE highlights ADD COLUMN detached_end_ms INTEGER")
    op.execute("ALTER TABLE highlights ADD COLUMN detached_speaker TEXT NOT NULL DEFAULT ''")


def downgrade() -> None:
    op.execute("ALTER TABLE highlights DROP COLUMN detached_speaker")
    op.execute("ALTER TABLE highlights DROP COLUMN detached_end_ms")
    op.execute("ALTER TABLE highlights DROP COLUMN detached_start_ms")
    op.execute("DROP TABLE original_transcripts")
