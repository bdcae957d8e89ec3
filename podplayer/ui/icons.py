"""Icons shipped in resources/icons (SVG), looked up by name."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon

from podplayer.paths import RESOURCES_DIR

ICONS_DIR = RESOURCES_DIR / "icons"


@cache
def icon(name: str) -> QIcon:
    """``resources/icons/<name>.svg`` as a QIcon (an empty icon if the file is missing)."""
    path = ICONS_DIR / f"{name}.svg"
    return QIcon(str(path)) if path.exists() else QIcon()


def app_icon() -> QIcon:
    return icon("podplayer")
