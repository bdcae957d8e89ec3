"""Feed episodes remember the fingerprint of the feed item they were last stored from.

A refresh hands the stored fingerprints to the feed reader, which then skips the items that did
not change instead of parsing them again (see podplayer.core.feeds.known_items). NULL (episodes
opened from files, and feed episodes stored before this revision) matches no item: the next refresh
parses and stores those items once more and fills it in.

Revision ID: 0006_item_fingerprints
Revises: 0005_podcasts
"""

from __future__ import annotations

from alembic import op

revision = "0006_item_fingerprints"
down_revision = "0005_podcasts"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("ALTER TABLE episodes ADD COLUMN item_fingerprint TEXT")
    # Covers the refresh's look-up of every podcast's fingerprints (no read of the episode rows).
    op.create_index("ix_episodes_item_fingerprint", "episodes", ["podcast_id", "item_fingerprint"])


def downgrade() -> None:
    op.drop_index("ix_episodes_item_fingerprint", "episodes")
    op.execute("ALTER TABLE episodes DROP COLUMN item_fingerprint")
