"""Where the playhead is in a transcript: position (ms) -> turn and word, by binary search.

A :class:`Timeline` is built once per transcript (O(n)) and answers each lookup in O(log n), so the
player can ask it on every position tick of a three-hour episode. Untimed turns and words are given
the time of the nearest earlier timed item, which keeps the start lists sorted and the answers sane
for partly timed transcripts.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from podplayer.core.model import Transcript, WordRef


@dataclass(frozen=True, slots=True)
class Location:
    """The turn (and word, when words are timed) playing at a position."""

    turn: int
    word: int | None


def _monotonic(values: list[int | None], floor: int) -> list[int]:
    """Replace missing values by the previous one and never let the sequence go backwards."""
    out: list[int] = []
    last = floor
    for v in values:
        if v is not None and v > last:
            last = v
        out.append(last)
    return out


class Timeline:
    """Binary-search index over a transcript's turn and word start times."""

    def __init__(self, transcript: Transcript) -> None:
        self.transcript = transcript
        turns = transcript.turns
        self._timed = bool(turns) and any(t.start_ms is not None for t in turns)
        self._turn_starts = _monotonic([t.start_ms for t in turns], 0)
        self._word_starts: list[list[int]] = []
        self._word_timed: list[bool] = []
        for i, turn in enumerate(turns):
            floor = self._turn_starts[i]
            self._word_starts.append(_monotonic([w.start_ms for w in turn.words], floor))
            self._word_timed.append(bool(turn.words) and all(w.start_ms is not None for w in turn.words))
        end = transcript.end_ms
        self._end_ms = end if end is not None else (self._turn_starts[-1] if turns else 0)

    def with_turns_changed(self, transcript: Transcript, first: int, count: int) -> Timeline:
        """The timeline of ``transcript``, which has as many turns as this one's and differs from it
        only in turns ``first``..``first + count - 1`` (a correction): only what changed is rebuilt."""
        new = Timeline.__new__(Timeline)
        new.transcript = transcript
        turns = transcript.turns
        new._timed = bool(turns) and any(t.start_ms is not None for t in turns)
        new._turn_starts = _monotonic([t.start_ms for t in turns], 0)
        new._word_starts = list(self._word_starts)
        new._word_timed = list(self._word_timed)
        changed = set(range(first, first + count)) | {
            i for i, (a, b) in enumerate(zip(self._turn_starts, new._turn_starts, strict=True)) if a != b
        }
        for i in changed:
            words = turns[i].words
            new._word_starts[i] = _monotonic([w.start_ms for w in words], new._turn_starts[i])
            new._word_timed[i] = bool(words) and all(w.start_ms is not None for w in words)
        end = transcript.end_ms
        new._end_ms = end if end is not None else (new._turn_starts[-1] if turns else 0)
        return new

    @property
    def is_timed(self) -> bool:
        return self._timed

    def __len__(self) -> int:
        return len(self._turn_starts)

    def turn_at(self, position_ms: int) -> int | None:
        """Index of the turn playing at ``position_ms`` (the last one started); None before the first."""
        if not self._timed:
            return None
        i = bisect_right(self._turn_starts, position_ms) - 1
        return i if i >= 0 else None

    def locate(self, position_ms: int) -> Location | None:
        """Turn and word at ``position_ms``; the word is None when that turn has no word timings."""
        turn = self.turn_at(position_ms)
        if turn is None:
            return None
        word: int | None = None
        if self._word_timed[turn]:
            j = bisect_right(self._word_starts[turn], position_ms) - 1
            word = max(j, 0)
        return Location(turn, word)

    def first_turn_from(self, position_ms: int) -> int | None:
        """The first turn starting at or after ``position_ms`` (None when none does, or untimed)."""
        if not self._timed:
            return None
        i = bisect_left(self._turn_starts, position_ms)
        return i if i < len(self._turn_starts) else None

    def first_word(self, turn: int) -> Location:
        """The start of ``turn``: its first word, or no word when the turn's words are untimed."""
        return Location(turn, 0 if self._word_timed[turn] else None)

    def turn_span(self, index: int) -> tuple[int, int]:
        """(start_ms, end_ms) of a turn: its own end, else the next turn's start, else the episode end."""
        turn = self.transcript.turns[index]
        start = self._turn_starts[index]
        if turn.end_ms is not None and turn.end_ms > start:
            return start, turn.end_ms
        if index + 1 < len(self._turn_starts):
            return start, max(start, self._turn_starts[index + 1])
        return start, max(start, self._end_ms)

    def turn_start(self, index: int) -> int:
        return self._turn_starts[index]

    def word_start(self, ref: WordRef) -> int:
        """Start time of a word (its turn's start when the word itself is untimed)."""
        starts = self._word_starts[ref.turn]
        if not starts:
            return self._turn_starts[ref.turn]
        return starts[min(max(ref.word, 0), len(starts) - 1)]

    def word_end(self, ref: WordRef) -> int:
        """End time of a word: its own end, else the next word's start, else the turn's end."""
        turn = self.transcript.turns[ref.turn]
        if 0 <= ref.word < len(turn.words):
            end = turn.words[ref.word].end_ms
            if end is not None:
                return end
            if ref.word + 1 < len(turn.words) and self._word_timed[ref.turn]:
                return self._word_starts[ref.turn][ref.word + 1]
        return self.turn_span(ref.turn)[1]

    def next_turn(self, position_ms: int) -> int | None:
        """The first turn starting strictly after ``position_ms``."""
        i = bisect_right(self._turn_starts, position_ms)
        return i if i < len(self._turn_starts) else None

    def previous_turn(self, position_ms: int, grace_ms: int = 1500) -> int | None:
        """The turn before the current one, or the current one's start if we are past its first moments."""
        current = self.turn_at(position_ms)
        if current is None:
            return None
        if position_ms - self._turn_starts[current] > grace_ms or current == 0:
            return current
        return current - 1

    def words_between(self, start_ms: int, end_ms: int) -> tuple[WordRef, WordRef] | None:
        """The words that [start_ms, end_ms] covers, snapped outward to whole words; None if it covers none.

        A turn at either edge that the range only grazes, with none of its words wholly inside, is left
        out: the next speaker's first word starting a few milliseconds before the end is not theirs to
        take. When the range grazes nothing more (it lies within one or two words), the turn it overlaps
        most is kept.
        """
        touched: dict[int, list[tuple[WordRef, int, bool]]] = {}  # turn -> (word, overlap ms, wholly inside)
        for t, turn in enumerate(self.transcript.turns):
            if self.turn_start(t) >= end_ms:
                break
            for w in range(len(turn.words)):
                ref = WordRef(t, w)
                word_start, word_end = self.word_start(ref), self.word_end(ref)
                if word_start >= end_ms or word_end <= start_ms:
                    continue
                overlap = min(word_end, end_ms) - max(word_start, start_ms)
                inside = word_start >= start_ms and word_end <= end_ms
                touched.setdefault(t, []).append((ref, overlap, inside))
        if not touched:
            return None
        order = sorted(touched)
        kept = [t for t in order if t not in (order[0], order[-1]) or any(inside for _, _, inside in touched[t])]
        if not kept:
            kept = [max(order, key=lambda t: sum(overlap for _, overlap, _ in touched[t]))]
        return touched[kept[0]][0][0], touched[kept[-1]][-1][0]
