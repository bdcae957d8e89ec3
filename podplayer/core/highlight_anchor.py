"""Building highlights from word ranges: quote with context, times, and "the last N seconds".

A highlight is anchored to words (ARCHITECTURE §7); this module turns a word range of a transcript
into a :class:`Highlight` with its quote, a little prefix/suffix context and the times derived from
the current word timings, and finds word ranges from playback positions (snapped to whole words).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from podplayer.core.model import Highlight, PodplayerError, Transcript, WordRef

CONTEXT_CHARS = 32
TURN_SEPARATOR = "\n"


class AnchorError(PodplayerError):
    """A highlight cannot be placed (empty transcript, no timings for a time-based range...)."""


def _check_ref(transcript: Transcript, ref: WordRef) -> None:
    if not 0 <= ref.turn < len(transcript.turns) or not 0 <= ref.word < len(transcript.turns[ref.turn].words):
        raise AnchorError(f"word {ref.turn}:{ref.word} is not in this transcript")


def range_text(transcript: Transcript, start: WordRef, end: WordRef) -> str:
    """The words from ``start`` to ``end`` inclusive; turns joined by a newline."""
    parts: list[str] = []
    for turn_index in range(start.turn, end.turn + 1):
        words = transcript.turns[turn_index].words
        first = start.word if turn_index == start.turn else 0
        last = end.word if turn_index == end.turn else len(words) - 1
        parts.append(" ".join(w.text for w in words[first : last + 1]))
    return TURN_SEPARATOR.join(parts)


def _prefix(transcript: Transcript, start: WordRef, chars: int) -> str:
    pieces: list[str] = []
    size = 0
    turn_index, word_index = start.turn, start.word
    while size < chars and turn_index >= 0:
        words = transcript.turns[turn_index].words[:word_index]
        text = " ".join(w.text for w in words)
        pieces.append(text)
        size += len(text) + 1
        turn_index -= 1
        word_index = len(transcript.turns[turn_index].words) if turn_index >= 0 else 0
    joined = TURN_SEPARATOR.join(reversed(pieces)).lstrip()
    return joined[-chars:]


def _suffix(transcript: Transcript, end: WordRef, chars: int) -> str:
    pieces: list[str] = []
    size = 0
    turn_index, word_index = end.turn, end.word + 1
    while size < chars and turn_index < len(transcript.turns):
        text = " ".join(w.text for w in transcript.turns[turn_index].words[word_index:])
        pieces.append(text)
        size += len(text) + 1
        turn_index += 1
        word_index = 0
    return TURN_SEPARATOR.join(pieces).rstrip()[:chars]


def word_start_ms(transcript: Transcript, ref: WordRef) -> int | None:
    """The word's start, falling back to its turn's start when the word is untimed."""
    turn = transcript.turns[ref.turn]
    word = turn.words[ref.word]
    return word.start_ms if word.start_ms is not None else turn.start_ms


def word_end_ms(transcript: Transcript, ref: WordRef) -> int | None:
    """The word's end, falling back to its start, then to its turn's end."""
    turn = transcript.turns[ref.turn]
    word = turn.words[ref.word]
    for value in (word.end_ms, word.start_ms, turn.end_ms, turn.start_ms):
        if value is not None:
            return value
    return None


def make_highlight(
    transcript: Transcript,
    start: WordRef,
    end: WordRef,
    *,
    color: str = "yellow",
    tags: list[str] | None = None,
    note: str = "",
    episode_id: int | None = None,
) -> Highlight:
    """A highlight over ``start``..``end`` (inclusive; swapped if given backwards)."""
    if end < start:
        start, end = end, start
    _check_ref(transcript, start)
    _check_ref(transcript, end)
    return Highlight(
        start=start,
        end=end,
        quote=range_text(transcript, start, end),
        prefix=_prefix(transcript, start, CONTEXT_CHARS),
        suffix=_suffix(transcript, end, CONTEXT_CHARS),
        color=color,
        tags=list(tags or []),
        note=note,
        episode_id=episode_id,
        start_ms=word_start_ms(transcript, start),
        end_ms=word_end_ms(transcript, end),
        speaker=transcript.turns[start.turn].speaker,
    )


def reanchor(transcript: Transcript, highlight: Highlight, start: WordRef, end: WordRef) -> Highlight:
    """The same highlight (id, colour, tags, note, creation) on ``start``..``end`` of ``transcript``:
    its quote, context, times and speaker read again from there (a bookmark stays a bookmark)."""
    moved = make_highlight(
        transcript, start, end, color=highlight.color, tags=highlight.tags, note=highlight.note,
        episode_id=highlight.episode_id,
    )
    moved.id = highlight.id
    moved.created_at = highlight.created_at
    if highlight.is_bookmark:
        moved.quote = ""
    return moved


@dataclass(frozen=True, slots=True)
class WordTimes:
    """Every word's address and start time in reading order, for position look-ups by bisect."""

    refs: tuple[WordRef, ...]
    starts: tuple[int, ...]

    @classmethod
    def of(cls, transcript: Transcript) -> WordTimes:
        refs: list[WordRef] = []
        starts: list[int] = []
        last = -1
        for ti, turn in enumerate(transcript.turns):
            for wi in range(len(turn.words)):
                ref = WordRef(ti, wi)
                start = word_start_ms(transcript, ref)
                if start is None or start < last:  # untimed or out of order: not addressable by time
                    continue
                refs.append(ref)
                starts.append(start)
                last = start
        return cls(tuple(refs), tuple(starts))

    def at(self, position_ms: int) -> int | None:
        """Index of the word playing at ``position_ms`` (the last one starting at or before it)."""
        index = bisect.bisect_right(self.starts, position_ms) - 1
        if index < 0:
            return 0 if self.starts else None
        return index


def last_seconds_range(transcript: Transcript, position_ms: int, seconds: float) -> tuple[WordRef, WordRef]:
    """The whole words spoken in the ``seconds`` before ``position_ms`` (at least the current word)."""
    times = WordTimes.of(transcript)
    end_index = times.at(position_ms)
    if end_index is None:
        raise AnchorError("this episode has no timings yet; select the words instead")
    start_ms = position_ms - int(seconds * 1000)
    start_index = bisect.bisect_left(times.starts, start_ms)
    start_index = min(start_index, end_index)
    return times.refs[start_index], times.refs[end_index]


def make_bookmark(transcript: Transcript, position_ms: int, *, note: str = "", color: str = "yellow") -> Highlight:
    """A point annotation at the word playing at ``position_ms`` (a highlight with an empty quote)."""
    times = WordTimes.of(transcript)
    index = times.at(position_ms)
    if index is None:
        if not transcript.turns or not transcript.turns[0].words:
            raise AnchorError("this episode has no words to bookmark")
        ref = WordRef(0, 0)
    else:
        ref = times.refs[index]
    bookmark = make_highlight(transcript, ref, ref, color=color, note=note)
    bookmark.quote = ""
    bookmark.start_ms = bookmark.end_ms = position_ms if index is not None else bookmark.start_ms
    return bookmark
