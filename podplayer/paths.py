"""Where podplayer finds its shipped files and keeps the user's data."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent
RESOURCES_DIR = PROJECT_DIR / "resources"
SEEDS_DIR = PROJECT_DIR / "seeds"
SEED_EPISODE = SEEDS_DIR / "000_fdc395beffb6dda9.txt"
DEMO_DIR = RESOURCES_DIR / "demo"

APP_NAME = "podplayer"


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def cache_dir() -> Path:
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def default_db_path() -> Path:
    """``$PODPLAYER_DB`` if set, else ``library.sqlite3`` in the user data folder."""
    env = os.environ.get("PODPLAYER_DB")
    return Path(env) if env else data_dir() / "library.sqlite3"
