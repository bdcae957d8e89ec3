"""Initial library schema: episodes, speakers, turns, words, highlights, tags, meta.

Revision ID: 0001_initial
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_initial"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "episodes",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("audio_path", sa.Text),
        sa.Column("duration_ms", sa.Integer),
        sa.Column("position_ms", sa.Integer, nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.Column("metadata", sa.JSON, nullable=False),
        sa.Column("timing", sa.String(16), nullable=False),
        sa.Column("timing_estimated", sa.Boolean, nullable=False),
    )
    op.create_table(
        "speakers",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("episode_id", sa.Integer, sa.ForeignKey("episodes.id", ondelete="CASCADE"), nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("color", sa.String(16), nullable=False),
        sa.UniqueConstraint("episode_id", "name"),
    )
    op.create_table(
        "turns",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("episode_id", sa.Integer, sa.ForeignKey("episodes.id", ondelete="CASCADE"), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("speaker_id", sa.Integer, sa.ForeignKey("speakers.id", ondelete="CASCADE"), nullable=False),
        sa.Column("start_ms", sa.Integer),
        sa.Column("end_ms", sa.Integer),
        sa.Column("text", sa.Text, nullable=False),
        sa.UniqueConstraint("episode_id", "position"),
    )
    op.create_index("ix_turns_speaker_id", "turns", ["speaker_id"])
    op.create_table(
        "words",
        sa.Column("turn_id", sa.Integer, sa.ForeignKey("turns.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("position", sa.Integer, primary_key=True),
        sa.Column("start_ms", sa.Integer),
        sa.Column("end_ms", sa.Integer),
        sa.Column("confidence", sa.Float),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "highlights",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("episode_id", sa.Integer, sa.ForeignKey("episodes.id", ondelete="CASCADE"), nullable=False),
        sa.Column("start_turn", sa.Integer, nullable=False),
        sa.Column("start_word", sa.Integer, nullable=False),
        sa.Column("end_turn", sa.Integer, nullable=False),
        sa.Column("end_word", sa.Integer, nullable=False),
        sa.Column("quote", sa.Text, nullable=False),
        sa.Column("prefix", sa.Text, nullable=False),
        sa.Column("suffix", sa.Text, nullable=False),
        sa.Column("color", sa.String(32), nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_highlights_episode", "highlights", ["episode_id", "start_turn", "start_word"])
    op.create_table(
        "tags",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.Text(collation="NOCASE"), nullable=False, unique=True),
        sa.Column("color", sa.String(32), nullable=False),
    )
    op.create_table(
        "highlight_tags",
        sa.Column(
            "highlight_id", sa.Integer, sa.ForeignKey("highlights.id", ondelete="CASCADE"), primary_key=True
        ),
        sa.Column("tag_id", sa.Integer, sa.ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True),
    )
    op.create_index("ix_highlight_tags_tag", "highlight_tags", ["tag_id"])
    op.create_table(
        "meta",
        sa.Column("key", sa.Text, primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )


def downgrade() -> None:
    for table in ("meta", "highlight_tags", "tags", "highlights", "words", "turns", "speakers", "episodes"):
        op.drop_table(table)
