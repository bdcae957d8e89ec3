"""Feed episodes keep their item's ``<podcast:soundbite>``s: moments the podcast suggests as highlights.

A JSON list of ``{"start_ms", "duration_ms", "title"}`` (NULL: none, or an episode not from a feed).
Items stored before this revision get theirs at the next refresh that reads them.

Revision ID: 0010_soundbites
Revises: 0009_voices
"""

from __future__ import annotations

from alembic import op

revision = "0010_soundbites"
down_revision = "0009_voices"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("ALTER TABLE episodes ADD COLUMN soundbites JSON")


def downgrade() -> None:
    op.execute("ALTER TABLE episodes DROP COLUMN soundbites")
