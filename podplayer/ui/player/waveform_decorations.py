"""What the waveform draws over the audio: the speaker strip, highlight spans and search-match ticks."""

from __future__ import annotations

from PySide6.QtGui import QColor

from podplayer.core.model import Episode, Highlight
from podplayer.core.timeline import Timeline
from podplayer.ui import theme


def speaker_strip(episode: Episode | None, timeline: Timeline) -> list[tuple[int, int, QColor]]:
    """(start_ms, end_ms, speaker colour) per turn; empty when the episode has no times."""
    if episode is None or not timeline.is_timed:
        return []
    colors = episode.speaker_colors
    by_speaker: dict[str, QColor] = {}  # one colour per speaker, not one per turn (3,000 on a long episode)
    turns = []
    for i, turn in enumerate(episode.transcript.turns):
        start, end = timeline.turn_span(i)
        color = by_speaker.get(turn.speaker)
        if color is None:
            color = by_speaker[turn.speaker] = theme.speaker_color(turn.speaker, colors)
        turns.append((start, end, color))
    return turns


def highlight_spans(highlights: list[Highlight], timeline: Timeline) -> list[tuple[int, int, QColor]]:
    """(start_ms, end_ms, colour) per highlight that has a time, from its words when it stores none
    (a detached highlight is on no word, so it has no mark)."""
    spans = []
    for h in highlights:
        if h.detached:
            continue
        start, end = h.start_ms, h.end_ms
        if start is None and timeline.is_timed:
            start = timeline.word_start(h.start)
            end = timeline.word_end(h.end)
        if start is not None:
            spans.append((start, end if end is not None else start, theme.highlight_color(h.color, 255)))
    return spans


def search_ticks(matches: list[tuple[int, int, int]], timeline: Timeline) -> list[int]:
    """The start of each matching turn, for (turn, first char, last char) search matches."""
    if not timeline.is_timed:
        return []
    return [timeline.turn_start(turn) for turn, _c0, _c1 in matches if 0 <= turn < len(timeline)]
