"""Timed cues (SRT/WebVTT cues, JSON segments, labels) folded into speaker turns.

Every timed reader produces :class:`Cue` objects and calls :func:`cues_to_turns`, so they all follow
the same rules: a cue without a speaker continues the current speaker; consecutive cues of one named
speaker merge into one turn unless a paragraph break separates them; unnamed cues stay separate turns.
A cue's start/end become its first word's start and last word's end (unless the word already has a
time, e.g. from a WebVTT inline timestamp), so cue boundaries survive as word timing information.
"""

from __future__ import annotations

from dataclasses import dataclass

from podplayer.core.model import Turn, Word


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
