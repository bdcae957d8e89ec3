"""Tags become a codebook: each tag gets a description (its memo).

Existing tags keep their names, colours and highlights; their description starts empty. A "/" in a
name already meant nothing special and now places the tag in the codebook's tree (``Theme/Subtheme``).

Revision ID: 0007_tag_descriptions
Revises: 0006_item_fingerprints
"""

from __future__ import annotations

from alembic import op

revision = "0007_tag_descriptions"
down_revision = "0006_item_fingerprints"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("ALTER TABLE tags ADD COLUMN description TEXT NOT NULL DEFAULT ''")


def downgrade() -> None:
    op.execute("ALTER TABLE tags DROP COLUMN description")
