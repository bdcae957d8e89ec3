"""Where podplayer finds its shipped files and keeps the user's data.

The shipped files live at the top of the repository (``resources/``, ``seeds/``). Inside the package,
``podplayer/resources`` and ``podplayer/seeds`` are links to them, so a checkout and an editable install
see them as package data, and the wheel build copies their contents into the package. Code reads them
through :mod:`importlib.resources`, never through a path relative to the source tree.
"""

from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path

import platformdirs

APP_NAME = "podplayer"


def shipped(*parts: str) -> Path:
    """A file or folder shipped inside the package, as a file-system path.

    A path, not just a readable resource: the demo episode's audio is stored in the library by path,
    and Qt and ffmpeg open files by name. Every supported install (checkout, editable, wheel) keeps the
    package on disk; a zipped install is refused with a clear message.
    """
    root = files(APP_NAME)
    if not isinstance(root, Path):
        raise RuntimeError(f"{APP_NAME} must be installed as files on disk, not inside {root}")
    return root.joinpath(*parts)


PACKAGE_DIR = shipped()
RESOURCES_DIR = shipped("resources")
SEEDS_DIR = shipped("seeds")
SEED_EPISODE = SEEDS_DIR / "000_fdc395beffb6dda9.txt"
DEMO_DIR = RESOURCES_DIR / "demo"
TEMPLATES_DIR = RESOURCES_DIR / "templates"
ICONS_DIR = RESOURCES_DIR / "icons"
DESKTOP_ENTRY = RESOURCES_DIR / "podplayer.desktop"
MARK_SOUND = RESOURCES_DIR / "sounds" / "mark.wav"


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def cache_dir() -> Path:
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def default_db_path() -> Path:
    """``$PODPLAYER_DB`` if set, else ``library.sqlite3`` in the user data folder."""
    env = os.environ.get("PODPLAYER_DB")
    return Path(env) if env else data_dir() / "library.sqlite3"
