"""Sync checks: each episode's latest check of its transcript against its audio, and its outcome.

Revision ID: 0004_sync_checks
Revises: 0003_chapters
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_sync_checks"
down_revision = "0003_chapters"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sync_checks",
        sa.Column(
            "episode_id", sa.Integer, sa.ForeignKey("episodes.id", ondelete="CASCADE"), primary_key=True
        ),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("report", sa.JSON, nullable=False),
        sa.Column("checked_at", sa.DateTime, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("sync_checks")
