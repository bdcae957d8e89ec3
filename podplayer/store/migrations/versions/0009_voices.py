"""Known voices: a named speaker's voice (a CAM++ embedding) kept with the podcast it came from, so
later transcriptions and "Find speakers" can put the name on the same voice.

Nothing existing changes.

Revision ID: 0009_voices
Revises: 0008_corrections
"""

from __future__ import annotations

from alembic import op

revision = "0009_voices"
down_revision = "0008_corrections"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        """
        CREATE TABLE voices (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            podcast_id INTEGER REFERENCES podcasts(id) ON DELETE SET NULL,
            episode_id INTEGER REFERENCES episodes(id) ON DELETE SET NULL,
            embedding BLOB NOT NULL,
            seconds FLOAT NOT NULL,
            created_at DATETIME NOT NULL
        )
        """
    )
    op.execute("CREATE INDEX ix_voices_podcast ON voices (podcast_id)")


def downgrade() -> None:
    op.execute("DROP TABLE voices")
