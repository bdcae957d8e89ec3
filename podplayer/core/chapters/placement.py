"""Where chapters meet a transcript: the turn each chapter heading belongs above."""

from __future__ import annotations

from collections.abc import Sequence

from podplayer.core.chapters.model import Chapter
from podplayer.core.timeline import Timeline


def chapter_turns(timeline: Timeline, chapters: Sequence[Chapter]) -> dict[int, list[int]]:
    """Turn index -> indexes of the chapters headed above that turn (in chapter order).

    A chapter heads the turn playing at its start, or the next turn when that one starts closer to
    the chapter (a chapter marked a moment before a speaker begins belongs to what follows). A
    chapter before the first turn heads the first turn. An untimed transcript gets no headings.
    """
    if not timeline.is_timed or len(timeline) == 0:
        return {}
    placed: dict[int, list[int]] = {}
    for index, chapter in enumerate(chapters):
        start = chapter.start_ms
        turn = timeline.turn_at(start)
        if turn is None:
            turn = 0
        elif turn + 1 < len(timeline) and (
            timeline.turn_start(turn + 1) - start < start - timeline.turn_start(turn)
        ):
            turn += 1
        placed.setdefault(turn, []).append(index)
    return placed
