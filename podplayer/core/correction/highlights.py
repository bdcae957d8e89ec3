"""Highlights follow their words through a correction; a highlight whose words are all gone is detached.

A highlight over old words s..e goes to the first and last new words those words became (an edit
inside it keeps it, with the new words in its quote). When every one of its words was deleted it is
*detached*: its quote, context, times, speaker, tags and note stay as they were, on no word, until it
is re-attached to a selection. A bookmark (a point) whose word was deleted goes to the next word that
is still there, else the last one. Detached highlights stay detached.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from itertools import accumulate

from podplayer.core.correction.word_diff import WordDiff
from podplayer.core.highlight_anchor import reanchor
from podplayer.core.model import DETACHED, Highlight, Transcript, WordRef


@dataclass(slots=True)
class FollowedHighlights:
    """Every highlight after the correction, and what happened to it."""

    highlights: list[Highlight] = field(default_factory=list)
    kept: list[int] = field(default_factory=list)  # same words, same place
    moved: list[int] = field(default_factory=list)  # same words, other turn/word numbers
    edited: list[int] = field(default_factory=list)  # words inside it were corrected (new quote)
    detached: list[int] = field(default_factory=list)  # all its words deleted

    def changed(self) -> list[Highlight]:
        """The highlights whose stored anchor must be written."""
        ids = set(self.moved) | set(self.edited) | set(self.detached)
        return [h for h in self.highlights if h.id in ids]


def _flat_index(transcript: Transcript) -> tuple[list[int], list[WordRef]]:
    """Each turn's first flat word index, and the WordRef of every flat word."""
    firsts = [0, *accumulate(len(t.words) for t in transcript.turns)][:-1]
    refs = [WordRef(ti, wi) for ti, turn in enumerate(transcript.turns) for wi in range(len(turn.words))]
    return firsts, refs


def follow_highlights(old: Transcript, diff: WordDiff, highlights: list[Highlight]) -> FollowedHighlights:
    old_firsts, _ = _flat_index(old)
    _, new_refs = _flat_index(diff.transcript)
    out = FollowedHighlights()
    for h in highlights:
        hid = h.id if h.id is not None else -1
        if h.detached:
            out.highlights.append(h)
            out.kept.append(hid)
            continue
        s = old_firsts[h.start.turn] + h.start.word
        e = old_firsts[h.end.turn] + h.end.word
        span = _new_span(diff, s, e, bookmark=h.is_bookmark)
        if span is None:
            out.highlights.append(replace(h, start=DETACHED, end=DETACHED, tags=list(h.tags)))
            out.detached.append(hid)
            continue
        moved = reanchor(diff.transcript, h, new_refs[span[0]], new_refs[span[1]])
        out.highlights.append(moved)
        if moved.quote != h.quote:
            out.edited.append(hid)
        elif (moved.start, moved.end) != (h.start, h.end) or (moved.prefix, moved.suffix) != (h.prefix, h.suffix):
            out.moved.append(hid)
        else:
            out.kept.append(hid)
    return out


def _new_span(diff: WordDiff, s: int, e: int, *, bookmark: bool) -> tuple[int, int] | None:
    survivors = [i for i in range(s, e + 1) if diff.old_lo[i] is not None]
    if survivors:
        lo, hi = diff.old_lo[survivors[0]], diff.old_hi[survivors[-1]]
        assert lo is not None and hi is not None
        return lo, hi
    if not bookmark:
        return None
    later = next((diff.old_lo[i] for i in range(e + 1, len(diff.old_lo)) if diff.old_lo[i] is not None), None)
    if later is not None:
        return later, later
    if diff.origin:
        last = len(diff.origin) - 1
        return last, last
    return None
