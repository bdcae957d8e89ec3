"""Timed cues (SRT/WebVTT cues, JSON segments, labels) folded into speaker turns.

Every timed reader produces :class:`Cue` objects and calls :func:`cues_to_turns`, so they all follow
the same rules: a cue without a speaker continues the current speaker; consecutive cues of one named
speaker merge into one turn unless a paragraph break separates them; unnamed cues stay separate turns.
A cue's start/end become its first word's start and last word's end (unless the word already has a
time, e.g. from a WebVTT inline timestamp), so cue boundaries survive as word timing information.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from podplayer.core.formats.timecode import parse_clock
from podplayer.core.model import TranscriptParseError, Turn, Word


@dataclass(slots=True)
class Cue:
    words: list[Word]
    start_ms: int | None
    end_ms: int | None
    speaker: str | None = None  # None: carry the previous cue's speaker
    break_before: bool = False  # a paragraph ends before this cue
    break_after: bool = False  # a paragraph ends after this cue


def cues_to_turns(cues: list[Cue]) -> list[Turn]:
    turns: list[Turn] = []
    speaker = ""
    pending_break = False
    for cue in cues:
        if cue.speaker is not None:
            speaker = cue.speaker
        pending_break = pending_break or cue.break_before
        if not cue.words:
            pending_break = pending_break or cue.break_after
            continue
        words = list(cue.words)
        if words[0].start_ms is None:
            words[0].start_ms = cue.start_ms
        if words[-1].end_ms is None:
            words[-1].end_ms = cue.end_ms
        last = turns[-1] if turns else None
        if last is not None and speaker and last.speaker == speaker and not pending_break:
            last.words.extend(words)
            last.end_ms = _later(last.end_ms, cue.end_ms)
            if last.start_ms is None:
                last.start_ms = cue.start_ms
        else:
            turns.append(Turn(speaker, words, cue.start_ms, cue.end_ms))
        pending_break = cue.break_after
    return turns


def _later(a: int | None, b: int | None) -> int | None:
    if a is None:
        return b
    if b is None:
        return a
    return max(a, b)


def cue_timing(line: str, timing: re.Pattern[str], number: int, path: str, fmt: str, lineno: int) -> tuple[int, int]:
    """A cue's ``start --> end`` line (``timing``: the format's pattern, start and end as its two groups)
    as start and end in ms; an end before the start is taken as the start. Raises TranscriptParseError."""
    m = timing.fullmatch(line)
    start = parse_clock(m.group(1)) if m else None
    end = parse_clock(m.group(2)) if m else None
    if start is None or end is None:
        raise TranscriptParseError(
            f"cue {number}: bad timing line {line.strip()[:60]!r}", path=path, fmt=fmt, line=lineno
        )
    return start, max(start, end)


@dataclass(frozen=True, slots=True)
class CueLines:
    """A subtitle cue as read from its lines: its times, its text lines, and the line after it."""

    start_ms: int
    end_ms: int
    payload: list[str]
    next_line: int


def read_cue_block(
    lines: list[str], i: int, timing: re.Pattern[str], number: int, path: str, fmt: str,
    starts_cue: Callable[[int], bool],
) -> CueLines:  # fmt: skip
    """The cue whose timing line is ``lines[i]``: its text runs to a blank line, the end, or a line where
    ``starts_cue`` says the next cue begins (SRT and WebVTT differ there)."""
    start, end = cue_timing(lines[i], timing, number, path, fmt, i + 1)
    i += 1
    payload: list[str] = []
    while i < len(lines) and lines[i].strip() and not starts_cue(i):
        payload.append(lines[i])
        i += 1
    return CueLines(start, end, payload, i)
