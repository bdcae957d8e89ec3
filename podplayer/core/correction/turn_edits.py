"""The edits a user makes to turns while listening, as the corrected turns they produce.

Each function returns the turns that take the place of the ones edited; the words keep their Word
objects (so their times) where they stay, and typed text becomes new, untimed words. Applying the
result is a correction like any other (word_diff.py decides what keeps its time).
"""

from __future__ import annotations

from podplayer.core.model import Turn, Word


def _copy(turn: Turn, words: list[Word], speaker: str | None = None) -> Turn:
    start = words[0].start_ms if words and words[0].start_ms is not None else turn.start_ms
    end = words[-1].end_ms if words and words[-1].end_ms is not None else turn.end_ms
    return Turn(speaker or turn.speaker, list(words), start, end)


def retyped(turn: Turn, text: str) -> list[Turn]:
    """The turn's text as typed: words separated by spaces; each further line starts a new turn of
    the same speaker (a split where the line breaks). No words at all: the turn is deleted."""
    lines = [line.split() for line in text.splitlines()]
    return [Turn(turn.speaker, [Word(w) for w in words]) for words in lines if words]


def split_at(turn: Turn, word: int) -> list[Turn]:
    """The turn cut before ``word`` into two turns of the same speaker (nothing to cut at its ends)."""
    if not 0 < word < len(turn.words):
        return [turn]
    return [_copy(turn, turn.words[:word]), _copy(turn, turn.words[word:])]


def merged(previous: Turn, turn: Turn) -> list[Turn]:
    """``turn`` joined to the end of ``previous``, which keeps its speaker."""
    return [_copy(previous, previous.words + turn.words)]


def with_speaker(turn: Turn, first: int, last: int, speaker: str) -> list[Turn]:
    """Words ``first``..``last`` of the turn given to ``speaker``: the turn splits around them."""
    first, last = max(0, first), min(len(turn.words) - 1, last)
    parts = [
        _copy(turn, turn.words[:first]),
        _copy(turn, turn.words[first : last + 1], speaker),
        _copy(turn, turn.words[last + 1 :]),
    ]
    return [p for p in parts if p.words]
