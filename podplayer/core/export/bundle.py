"""What an export works on: episodes with the highlights chosen for export, plus tag colours.

The CLI and the GUI fill an :class:`ExportBundle` from the library (one episode, a selection, a tag or
everything); every exporter takes a bundle and never touches the database.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from podplayer.core import palette as _palette
from podplayer.core.chapters import Chapter, chapter_index_at
from podplayer.core.links import EpisodeIdentity, moment_url
from podplayer.core.model import Episode, Highlight, Tag, Turn, WordRef

# Highlight colour names as CSS colours for exported pages: the shared palette's fills as the window
# paints them over a light background (opaque, so they print).
HIGHLIGHT_COLORS: dict[str, str] = {
    name: fill for name in _palette.HIGHLIGHT_COLORS if (fill := _palette.highlight_fill_on_white(name))
}

_CSS_COLOR = re.compile(r"#[0-9a-fA-F]{3,8}|[a-zA-Z]{3,20}")


@dataclass(slots=True)
class EpisodeHighlights:
    """One episode (with its transcript) and the highlights of it that are being exported."""

    episode: Episode
    highlights: list[Highlight]
    # The episode's chapters (sorted by start); exports group highlights by chapter when there are any.
    chapters: list[Chapter] = field(default_factory=list)
    # What podplayer:// links call the episode (None: no GUID, enclosure or audio to name it by).
    identity: EpisodeIdentity | None = None

    def link(self, h: Highlight) -> str:
        """The ``podplayer://`` link to the start of ``h`` ("" when it cannot be linked)."""
        return moment_url(self.identity, highlight_span_ms(self.episode, h)[0])

    def chapter_of(self, h: Highlight) -> Chapter | None:
        """The chapter a highlight starts in (None before the first chapter, or when untimed)."""
        start, _ = highlight_span_ms(self.episode, h)
        if start is None or not self.chapters:
            return None
        index = chapter_index_at(self.chapters, start / 1000)
        return None if index is None else self.chapters[index]

    def by_chapter(self) -> list[tuple[Chapter | None, list[Highlight]]]:
        """The highlights grouped by the chapter they start in, chapters in time order; only chapters
        with highlights appear, and highlights before the first chapter come first (chapter None)."""
        groups: dict[Chapter | None, list[Highlight]] = {}
        for h in self.highlights:
            groups.setdefault(self.chapter_of(h), []).append(h)
        ordered: list[Chapter | None] = [None, *self.chapters]
        return [(c, groups[c]) for c in ordered if c in groups]


@dataclass(slots=True)
class ExportBundle:
    items: Sequence[EpisodeHighlights]
    # What was chosen, for titles: the episode title, "Tag: x" or "Library".
    title: str = ""
    tag_colors: dict[str, str] = field(default_factory=dict)
    # The library's whole codebook (every tag with colour and description), for REFI-QDA exports.
    codebook: list[Tag] = field(default_factory=list)

    @property
    def highlight_count(self) -> int:
        return sum(len(i.highlights) for i in self.items)

    @property
    def has_chapters(self) -> bool:
        return any(i.chapters for i in self.items)

    def tags(self) -> list[str]:
        """Every tag used by the exported highlights, in order of first use."""
        seen: dict[str, None] = {}
        for item in self.items:
            for h in item.highlights:
                for t in h.tags:
                    seen.setdefault(t, None)
        return list(seen)


def safe_css_color(value: str, fallback: str) -> str:
    """``value`` if it is a plain CSS colour (``#rgb[a]``, ``#rrggbb[aa]`` or a name), else ``fallback``."""
    value = value.strip()
    named = HIGHLIGHT_COLORS.get(value.lower())
    if named:
        return named
    return value if _CSS_COLOR.fullmatch(value) else fallback


def speaker_colors(episode: Episode) -> dict[str, str]:
    """A CSS colour for every speaker: the episode's own choice, else a palette colour."""
    colors: dict[str, str] = {}
    for i, name in enumerate(episode.transcript.speakers):
        fallback = _palette.palette_color(i)
        colors[name] = safe_css_color(episode.speaker_colors.get(name, ""), fallback)
    return colors


def _word_at(turns: list[Turn], ref: WordRef) -> tuple[Turn, int] | None:
    if 0 <= ref.turn < len(turns) and 0 <= ref.word < len(turns[ref.turn].words):
        return turns[ref.turn], ref.word
    return None


def highlight_span_ms(episode: Episode, h: Highlight) -> tuple[int | None, int | None]:
    """Start and end of a highlight in ms: the stored times, else derived from the word timings."""
    if h.start_ms is not None and h.end_ms is not None:
        return h.start_ms, h.end_ms
    turns = episode.transcript.turns
    start = end = None
    first = _word_at(turns, h.start)
    if first is not None:
        turn, i = first
        start = turn.words[i].start_ms if turn.words[i].start_ms is not None else turn.start_ms
    last = _word_at(turns, h.end)
    if last is not None:
        turn, i = last
        word = turn.words[i]
        if word.end_ms is not None:
            end = word.end_ms
        elif i + 1 < len(turn.words) and turn.words[i + 1].start_ms is not None:
            end = turn.words[i + 1].start_ms
        else:
            end = turn.end_ms
    if start is not None and end is None:
        end = start
    return start, end


def highlight_speaker(episode: Episode, h: Highlight) -> str:
    if h.speaker:
        return h.speaker
    turns = episode.transcript.turns
    return turns[h.start.turn].speaker if 0 <= h.start.turn < len(turns) else ""


def covered_words(turns: list[Turn], highlights: list[Highlight]) -> dict[WordRef, Highlight]:
    """Map every word covered by a highlight to that highlight (bookmarks cover nothing).

    Where highlights overlap, the later one in the list wins.
    """
    covered: dict[WordRef, Highlight] = {}
    for h in highlights:
        if h.is_bookmark:
            continue
        for t in range(max(h.start.turn, 0), min(h.end.turn + 1, len(turns))):
            first = h.start.word if t == h.start.turn else 0
            last = h.end.word if t == h.end.turn else len(turns[t].words) - 1
            for w in range(max(first, 0), min(last + 1, len(turns[t].words))):
                covered[WordRef(t, w)] = h
    return covered


def first_words(text: str, count: int = 8) -> str:
    return " ".join(text.split()[:count])
