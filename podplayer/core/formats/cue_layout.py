"""Splitting turns into subtitle cues for the SRT and WebVTT writers.

Hand-written (pysubs2 has no line-length-aware splitter): greedy lines of at most ``LINE_CHARS``
characters, at most two lines per cue, a new cue at every turn. Cue times come from word times
where words are timed; elsewhere the turn's span is split in proportion to characters, interpolating
between the nearest known times. The first cue of a turn starts at the turn's start and the last one
ends at the turn's end, so turn times survive a round trip to the millisecond.
"""

from __future__ import annotations

from dataclasses import dataclass

from podplayer.core.formats.errors import TranscriptWriteError
from podplayer.core.formats.speakers import MAX_NAME_LENGTH, split_speaker
from podplayer.core.model import Transcript, Turn, Word

LINE_CHARS = 42
LINES_PER_CUE = 2
# A turn with neither an end time nor a following turn is given this much time per word.
FALLBACK_MS_PER_WORD = 300


@dataclass(slots=True)
class CueBlock:
    speaker: str
    prefix: str  # "Name:" written before the first line (SRT), or ""
    lines: list[list[Word]]
    start_ms: int
    end_ms: int
    first_of_turn: bool

    @property
    def words(self) -> list[Word]:
        return [w for line in self.lines for w in line]


def turn_span(turns: list[Turn], index: int, fmt: str) -> tuple[int, int]:
    """A turn's (start, end) for timed output; raises TranscriptWriteError for an untimed turn."""
    turn = turns[index]
    start = turn.start_ms if turn.start_ms is not None else turn.words[0].start_ms if turn.words else None
    if start is None:
        raise TranscriptWriteError(
            f"cannot write {fmt}: turn {index + 1} has no start time (untimed transcript; align it first)"
        )
    end = turn.end_ms
    if end is None:
        known = [t for w in turn.words for t in (w.start_ms, w.end_ms) if t is not None]
        following = next((t.start_ms for t in turns[index + 1 :] if t.start_ms is not None), None)
        if following is not None and following > start:
            end = following
        elif known and max(known) > start:
            end = max(known)
        else:
            end = start + FALLBACK_MS_PER_WORD * max(1, len(turn.words))
    return start, max(start, end)


def layout_cues(transcript: Transcript, fmt: str, srt_prefix: bool = True) -> list[CueBlock]:
    """Cue blocks for every turn with words, in order."""
    blocks: list[CueBlock] = []
    for index, turn in enumerate(transcript.turns):
        if turn.words:
            start, end = turn_span(transcript.turns, index, fmt)
            blocks.extend(_turn_blocks(turn, start, end, srt_prefix))
    return blocks


def _turn_blocks(turn: Turn, start: int, end: int, srt_prefix: bool) -> list[CueBlock]:
    clock = _Interpolator(turn, start, end)
    chunks: list[tuple[str, list[list[Word]], int]] = []  # (prefix, lines, index of first word)
    i = 0
    while i < len(turn.words):
        prefix = ""
        if srt_prefix and turn.speaker and (i == 0 or _looks_like_prefix(turn.words[i:])):
            prefix = f"{turn.speaker}:"
        lines, used = _fill_lines(turn.words[i:], len(prefix) + 1 if prefix else 0)
        chunks.append((prefix, lines, i))
        i += used
    blocks: list[CueBlock] = []
    for n, (prefix, lines, first) in enumerate(chunks):
        last_word = lines[-1][-1]
        cue_start = start if n == 0 else clock.at(first)
        if n == len(chunks) - 1:
            cue_end = end
        elif last_word.end_ms is not None:
            cue_end = last_word.end_ms
        else:
            cue_end = clock.at(chunks[n + 1][2])
        blocks.append(CueBlock(turn.speaker, prefix, lines, cue_start, max(cue_start, cue_end), n == 0))
    return blocks


def _looks_like_prefix(words: list[Word]) -> bool:
    """Would a continuation cue starting with these words be read as a new speaker?"""
    head: list[str] = []
    for word in words:  # enough words to cover the span split_speaker looks at
        head.append(word.text)
        if sum(len(h) + 1 for h in head) > MAX_NAME_LENGTH + 2:
            break
    return split_speaker(" ".join(head))[0] is not None


def _fill_lines(words: list[Word], first_indent: int) -> tuple[list[list[Word]], int]:
    """Greedy lines of at most LINE_CHARS, at most LINES_PER_CUE lines; returns (lines, words used)."""
    lines: list[list[Word]] = []
    used = 0
    width = first_indent
    current: list[Word] = []
    for word in words:
        extra = len(word.text) + (1 if current else 0)
        if current and width + extra > LINE_CHARS:
            lines.append(current)
            if len(lines) == LINES_PER_CUE:
                return lines, used
            current, width, extra = [], 0, len(word.text)
        current.append(word)
        width += extra
        used += 1
    if current:
        lines.append(current)
    return lines, used


class _Interpolator:
    """Time at a word index: its own start if timed, else linear in characters between known times."""

    def __init__(self, turn: Turn, start: int, end: int) -> None:
        self.turn = turn
        spans = turn.word_char_spans()
        self.offsets = [s for s, _ in spans]
        total = spans[-1][1] if spans else 0
        anchors = [(0, start)]
        anchors += [(self.offsets[k], w.start_ms) for k, w in enumerate(turn.words) if w.start_ms is not None]
        anchors.append((total, end))
        self.anchors = anchors

    def at(self, index: int) -> int:
        own = self.turn.words[index].start_ms
        if own is not None:
            return own
        offset = self.offsets[index]
        before = max((a for a in self.anchors if a[0] <= offset), key=lambda a: a[0])
        after = min((a for a in self.anchors if a[0] >= offset), key=lambda a: a[0])
        if after[0] == before[0]:
            return before[1]
        fraction = (offset - before[0]) / (after[0] - before[0])
        return round(before[1] + fraction * (after[1] - before[1]))
