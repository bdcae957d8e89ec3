"""Default speaker colours: distinct hues of middle lightness, readable on light and dark themes.

Each colour has a WCAG contrast ratio of at least 3:1 against both white and #1e1e1e
(tests/store/test_palette.py checks this), so labels stay legible in either theme.
"""

from __future__ import annotations

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
