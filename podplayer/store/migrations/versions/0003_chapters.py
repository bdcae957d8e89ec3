"""Chapters: an episode's chapters (from a feed's JSON or Podlove chapters, or embedded in its audio).

Revision ID: 0003_chapters
Revises: 0002_search
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_chapters"
down_revision = "0002_search"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "chapters",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("episode_id", sa.Integer, sa.ForeignKey("episodes.id", ondelete="CASCADE"), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("start_ms", sa.Integer, nullable=False),
        sa.Column("end_ms", sa.Integer),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("url", sa.Text),
        sa.Column("image", sa.Text),
        sa.Column("source", sa.String(16), nullable=False),
        sa.UniqueConstraint("episode_id", "position"),
    )


def downgrade() -> None:
    op.drop_table("chapters")
