"""Podcasts: subscriptions, and episodes that come from a feed.

``podcasts`` keeps each subscription (feed URL, what the feed says about itself, the validators for
conditional requests, the last error, per-podcast preferences). ``episodes`` gains the feed item's
facts; every new column is nullable or has a default, so episodes opened from files are unchanged.
A feed episode that is not downloaded yet has no audio path and no turns.

Revision ID: 0005_podcasts
Revises: 0004_sync_checks
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_podcasts"
down_revision = "0004_sync_checks"
branch_labels = None
depends_on = None

EPISODE_COLUMNS = (
    # SQLite adds a column with a REFERENCES clause only through plain ALTER TABLE (NULL default).
    "podcast_id INTEGER REFERENCES podcasts (id) ON DELETE SET NULL",
    "guid TEXT",
    "published_at DATETIME",
    "description TEXT NOT NULL DEFAULT ''",
    "artwork TEXT NOT NULL DEFAULT ''",
    "link TEXT NOT NULL DEFAULT ''",
    "enclosure_url TEXT",
    "enclosure_type TEXT NOT NULL DEFAULT ''",
    "enclosure_length INTEGER",
    "transcript_links JSON",
    "chapters_url TEXT NOT NULL DEFAULT ''",
    "podlove_chapters TEXT NOT NULL DEFAULT ''",
    "is_new BOOLEAN NOT NULL DEFAULT 0",
    "transcript_format VARCHAR(16)",
)


def upgrade() -> None:
    op.create_table(
        "podcasts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("feed_url", sa.Text, nullable=False, unique=True),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("author", sa.Text, nullable=False, server_default=""),
        sa.Column("description", sa.Text, nullable=False, server_default=""),
        sa.Column("link", sa.Text, nullable=False, server_default=""),
        sa.Column("artwork", sa.Text, nullable=False, server_default=""),
        sa.Column("language", sa.Text, nullable=False, server_default=""),
        sa.Column("etag", sa.Text),
        sa.Column("last_modified", sa.Text),
        sa.Column("last_checked_at", sa.DateTime),
        sa.Column("last_error", sa.Text, nullable=False, server_default=""),
        sa.Column("preferences", sa.JSON, nullable=False, server_default="{}"),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    for column in EPISODE_COLUMNS:
        op.execute(f"ALTER TABLE episodes ADD COLUMN {column}")
    op.create_index("ix_episodes_podcast", "episodes", ["podcast_id", "published_at"])
    op.create_index("ix_episodes_podcast_guid", "episodes", ["podcast_id", "guid"], unique=True)


def downgrade() -> None:
    op.drop_index("ix_episodes_podcast_guid", "episodes")
    op.drop_index("ix_episodes_podcast", "episodes")
    for column in reversed(EPISODE_COLUMNS):
        op.execute(f"ALTER TABLE episodes DROP COLUMN {column.split()[0]}")
    op.drop_table("podcasts")
