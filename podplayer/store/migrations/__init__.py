"""Schema migrations (Alembic), run programmatically at start-up; no alembic.ini needed.

``HEAD_REVISION`` lets start-up skip importing Alembic when the file is already current
(a test checks it equals the script directory's head).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parent
HEAD_REVISION = "0010_soundbites"


def _config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def known_revisions() -> set[str]:
    """Every revision id this podplayer knows how to read."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(str(MIGRATIONS_DIR))
    return {rev.revision for rev in script.walk_revisions()}


def script_head() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory(str(MIGRATIONS_DIR)).get_current_head()
    assert head is not None
    return head


def upgrade(connection: Connection, target: str = "head") -> None:
    """Upgrade the database on ``connection`` (inside the caller's transaction) to ``target``."""
    from alembic import command

    config = _config()
    config.attributes["connection"] = connection
    command.upgrade(config, target)
