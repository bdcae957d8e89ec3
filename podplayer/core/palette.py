"""The one palette of podplayer: default speaker colours and the named highlight colours.

The store gives new speakers :func:`next_free_color`, the window falls back to
:func:`speaker_color_for_name`, and exports use the same hex values, so a speaker or a highlight has
the same colour in the library, on screen and in an exported page.

Speaker colours have a WCAG contrast ratio of at least 3:1 against both white and #1e1e1e
(tests/store/test_errors.py and tests/core/test_palette.py check this), so labels stay legible in
light and dark themes. Highlight colours are fills: the window paints them translucent
(:data:`HIGHLIGHT_FILL_ALPHA`) under the text; :func:`highlight_fill_on_white` gives the same look
as an opaque colour for pages and print.
"""

from __future__ import annotations

import hashlib
import re

__all__ = [
    "DEFAULT_HIGHLIGHT_COLOR",
    "HIGHLIGHT_COLORS",
    "HIGHLIGHT_FILL_ALPHA",
    "SPEAKER_PALETTE",
    "highlight_fill_on_white",
    "highlight_hex",
    "next_free_color",
    "palette_color",
    "speaker_color_for_name",
]

SPEAKER_PALETTE: tuple[str, ...] = (
    "#2b7bd6",  # blue
    "#d1495b",  # red
    "#2a9d5c",  # green
    "#9b59d0",  # purple
    "#d9730d",  # orange
    "#1b98a8",  # teal
    "#c2478f",  # magenta
    "#8a6d3b",  # brown
    "#6b7a8f",  # slate
    "#5a8f29",  # olive
)

# Named highlight colours, in the order pickers show them (the store keeps the name or "#rrggbb").
HIGHLIGHT_COLORS: dict[str, str] = {
    "yellow": "#f5d547",
    "green": "#7ed08a",
    "blue": "#7fb3f0",
    "pink": "#f08fb8",
    "orange": "#f4a556",
    "purple": "#b79cf0",
    "red": "#ee7b74",
}
DEFAULT_HIGHLIGHT_COLOR = "yellow"
# Opacity (0-255) of a highlight fill painted under text.
HIGHLIGHT_FILL_ALPHA = 110

_HEX = re.compile(r"#[0-9a-fA-F]{6}")


def palette_color(index: int) -> str:
    """The ``index``-th default speaker colour (cycling after the palette runs out)."""
    return SPEAKER_PALETTE[index % len(SPEAKER_PALETTE)]


def next_free_color(used: set[str]) -> str:
    """The first palette colour not in ``used`` (case-insensitive), else cycle by count."""
    lowered = {c.lower() for c in used}
    for color in SPEAKER_PALETTE:
        if color not in lowered:
            return color
    return palette_color(len(used))


def speaker_color_for_name(name: str) -> str:
    """A stable palette colour derived from a speaker's name (for speakers without a stored colour)."""
    digest = hashlib.sha1(name.encode("utf-8")).digest()
    return SPEAKER_PALETTE[digest[0] % len(SPEAKER_PALETTE)]


def highlight_hex(name: str) -> str | None:
    """``#rrggbb`` for a highlight colour name (case-insensitive) or a ``#rrggbb`` string, else None."""
    value = name.strip().lower()
    if value in HIGHLIGHT_COLORS:
        return HIGHLIGHT_COLORS[value]
    return value if _HEX.fullmatch(value) else None


def highlight_fill_on_white(name: str, alpha: int = HIGHLIGHT_FILL_ALPHA) -> str | None:
    """The opaque colour a highlight fill shows over white (what the light theme paints), or None."""
    hex_color = highlight_hex(name)
    if hex_color is None:
        return None
    share = alpha / 255
    channels = (int(hex_color[i : i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{round(255 - (255 - c) * share):02x}" for c in channels)
