"""One palette for store, window and exports: same names, same speaker colours, readable fills."""

from __future__ import annotations

import re

import pytest

from podplayer.core import palette
from podplayer.core.export.bundle import HIGHLIGHT_COLORS as EXPORT_HIGHLIGHTS
from podplayer.core.export.bundle import safe_css_color, speaker_colors
from podplayer.core.model import Episode, Transcript, Turn

HEX = re.compile(r"#[0-9a-f]{6}")


def _luminance(color: str) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(int(color[i : i + 2], 16) / 255) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_colours_are_lowercase_hex_and_distinct() -> None:
    assert all(HEX.fullmatch(c) for c in (*palette.SPEAKER_PALETTE, *palette.HIGHLIGHT_COLORS.values()))
    assert len(set(palette.SPEAKER_PALETTE)) == len(palette.SPEAKER_PALETTE)
    assert len(set(palette.HIGHLIGHT_COLORS.values())) == len(palette.HIGHLIGHT_COLORS)
    assert palette.DEFAULT_HIGHLIGHT_COLOR in palette.HIGHLIGHT_COLORS


def test_black_text_stays_readable_on_every_exported_highlight_fill() -> None:
    for name, fill in EXPORT_HIGHLIGHTS.items():
        assert _contrast("#000000", fill) >= 12.0, (name, fill)
        assert fill != "#ffffff"


def test_fill_on_white_blends_towards_white() -> None:
    assert palette.highlight_fill_on_white("#000000", alpha=255) == "#000000"
    assert palette.highlight_fill_on_white("#000000", alpha=0) == "#ffffff"
    assert palette.highlight_fill_on_white("#204060", alpha=51) == "#d2d9df"  # 255 - (255 - c) * 0.2 per channel
    assert palette.highlight_fill_on_white("chartreuse") is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [("Yellow", palette.HIGHLIGHT_COLORS["yellow"]), (" #ABCDEF ", "#abcdef"), ("#abc", None), ("url(x)", None)],
)
def test_highlight_hex(value: str, expected: str | None) -> None:
    assert palette.highlight_hex(value) == expected


def test_every_front_end_knows_the_same_highlight_names() -> None:
    from podplayer.cli.highlight_commands import HIGHLIGHT_COLOR_NAMES
    from podplayer.ui import theme

    assert list(HIGHLIGHT_COLOR_NAMES) == list(palette.HIGHLIGHT_COLORS)
    assert {n: theme.highlight_color(n, 255).name() for n in palette.HIGHLIGHT_COLORS} == palette.HIGHLIGHT_COLORS
    assert list(EXPORT_HIGHLIGHTS) == list(palette.HIGHLIGHT_COLORS)
    assert safe_css_color("pink", "#000000") == EXPORT_HIGHLIGHTS["pink"]


def test_speakers_without_a_colour_get_palette_colours_everywhere() -> None:
    from podplayer.ui.theme import speaker_color

    names = [f"Speaker {i}" for i in range(12)]
    for name in names:
        assert speaker_color(name).name() == palette.speaker_color_for_name(name)
        assert palette.speaker_color_for_name(name) == palette.speaker_color_for_name(name)
    assert len({palette.speaker_color_for_name(n) for n in names}) > 3
    episode = Episode(title="t", transcript=Transcript(turns=[Turn.from_text(n, "hi") for n in names]))
    assert list(speaker_colors(episode).values()) == [palette.palette_color(i) for i in range(12)]


def test_next_free_colour_skips_used_ones_then_cycles() -> None:
    first, second = palette.SPEAKER_PALETTE[:2]
    assert palette.next_free_color(set()) == first
    assert palette.next_free_color({first.upper()}) == second
    every = set(palette.SPEAKER_PALETTE)
    assert palette.next_free_color(every) == palette.palette_color(len(every))
