"""Icons shipped in resources/icons (SVG), looked up by name and tinted to the palette.

Monochrome icons use ``currentColor`` in their SVG; :func:`icon` substitutes the palette's text
colour so the same files read well in light and dark themes.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPalette, QPixmap

from podplayer.paths import ICONS_DIR

RENDER_SIZES = (16, 24, 32, 48)


def _default_color() -> QColor:
    return QGuiApplication.palette().color(QPalette.ColorRole.ButtonText)


@cache
def _tinted(name: str, color_name: str) -> QIcon:
    path = ICONS_DIR / f"{name}.svg"
    if not path.exists():
        return QIcon()
    svg = path.read_text(encoding="utf-8")
    if "currentColor" not in svg:
        return QIcon(str(path))
    data = QByteArray(svg.replace("currentColor", color_name).encode("utf-8"))
    result = QIcon()
    for size in RENDER_SIZES:
        pixmap = QPixmap(size, size)
        if pixmap.loadFromData(data, "SVG"):
            result.addPixmap(pixmap.scaled(size, size))
    return result


def icon(name: str, color: QColor | None = None) -> QIcon:
    """``resources/icons/<name>.svg`` as a QIcon, tinted with ``color`` (default: the palette's text)."""
    return _tinted(name, (color or _default_color()).name())


def app_icon() -> QIcon:
    return icon("podplayer")
