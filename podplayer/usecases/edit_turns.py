"""Edit a few turns of an open episode (retype, split, merge, give words to a speaker), fast enough to
commit as the user types, and undo it exactly.

Only the edited turns and their neighbours are diffed (core/correction) and rewritten in the store;
later turns and the highlights on them shift by the change in the number of turns. Changed words
carry an estimate (marked) until :func:`retime_turn_edit` times them against the audio between their
timed neighbours. Undo writes the old turns, with their times, and the old anchors back.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, replace

from podplayer.core.correction.highlights import follow_highlights
from podplayer.core.correction.word_diff import WordDiff, bound_turns_by_words, diff_transcripts, flat_words
from podplayer.core.jobs import CancelToken, Progress, no_progress
from podplayer.core.model import Highlight, Timing, Transcript, Turn, WordRef
from podplayer.store.repository import Library


@dataclass(slots=True)
class TurnEdit:
    """Turns ``first``.. before and after an edit, the whole transcript and highlights after it."""

    episode_id: int
    first: int
    before_turns: list[Turn]
    after_turns: list[Turn]
    before: Transcript
    after: Transcript
    before_anchors: list[Highlight]  # the highlights the edit rewrote, as they were
    after_anchors: list[Highlight]  # the same highlights after it
    highlights: list[Highlight]  # every highlight of the episode after the edit
    diff: WordDiff

    @property
    def rows_in_place(self) -> tuple[int, int] | None:
        """(first, count) when the edit changed words inside as many turns as there were, else None."""
        if len(self.before_turns) != len(self.after_turns):
            return None
        return self.first, len(self.after_turns)

    @property
    def needs_retime(self) -> bool:
        return bool(self.diff.spans)


def plan_turn_edit(
    episode_id: int, transcript: Transcript, highlights: list[Highlight], first: int, last: int, turns: list[Turn]
) -> TurnEdit:
    """Turns ``first``..``last`` of ``transcript`` become ``turns`` (see the module docstring)."""
    n = len(transcript.turns)
    lo, hi = max(0, first - 1), min(n - 1, last + 1)  # neighbours: timed words around the edit
    attached = [h for h in highlights if not h.detached]
    widened = True
    while widened:  # a highlight that reaches into the range is followed as a whole
        widened = False
        for h in attached:
            if h.start.turn < lo <= h.end.turn:
                lo, widened = h.start.turn, True
            if h.start.turn <= hi < h.end.turn:
                hi, widened = h.end.turn, True
    old_local = Transcript(transcript.turns[lo : hi + 1], estimated=transcript.estimated)
    new_local = transcript.turns[lo:first] + turns + transcript.turns[last + 1 : hi + 1]
    diff = diff_transcripts(old_local, Transcript(new_local))
    after_turns = diff.transcript.turns
    delta = len(after_turns) - (hi - lo + 1)
    inside = [h for h in attached if lo <= h.start.turn and h.end.turn <= hi]
    local = [replace(h, start=_moved(h.start, -lo), end=_moved(h.end, -lo), tags=list(h.tags)) for h in inside]
    followed = follow_highlights(old_local, diff, local)
    changed_ids = {h.id for h in followed.changed()}
    after_inside = {
        h.id: (h if h.detached else replace(h, start=_moved(h.start, lo), end=_moved(h.end, lo)))
        for h in followed.highlights
    }
    everything: list[Highlight] = []
    for h in highlights:
        if h.id in after_inside:
            everything.append(after_inside[h.id])
        elif not h.detached and h.start.turn > hi and delta:
            everything.append(replace(h, start=_moved(h.start, delta), end=_moved(h.end, delta), tags=list(h.tags)))
        else:
            everything.append(h)
    after = replace(
        transcript, turns=transcript.turns[:lo] + after_turns + transcript.turns[hi + 1 :], metadata=dict(transcript.metadata)
    )
    return TurnEdit(
        episode_id,
        lo,
        transcript.turns[lo : hi + 1],
        after_turns,
        transcript,
        after,
        [h for h in inside if h.id in changed_ids],
        [after_inside[h.id] for h in inside if h.id in changed_ids],
        everything,
        diff,
    )


def apply_turn_edit(library: Library, edit: TurnEdit) -> None:
    """Store the edit (and keep the transcript before it as the original, the first time)."""
    library.corrections.replace_turns(
        edit.episode_id, edit.first, len(edit.before_turns), edit.after_turns, edit.after_anchors, before=edit.before,
    )


def undo_turn_edit(library: Library, edit: TurnEdit) -> None:
    """Put the turns, their times and the highlights back as they were before the edit."""
    library.corrections.replace_turns(
        edit.episode_id, edit.first, len(edit.after_turns), edit.before_turns, edit.before_anchors
    )


def retime_turn_edit(
    edit: TurnEdit, audio_path: str, *, progress: Progress = no_progress, cancel: CancelToken | None = None
) -> list[Turn]:
    """The edit's turns with their corrected words timed from the audio (copies; nothing is stored)."""
    turns = copy.deepcopy(edit.after_turns)
    if edit.before.timing is not Timing.WORD or not edit.diff.spans:
        return turns
    from podplayer.core.align.retime import retime_spans  # pocketsphinx: only when re-timing

    local = Transcript(turns)
    retime_spans(flat_words(local), edit.diff.spans, audio_path, jobs=1, progress=progress, cancel=cancel)
    bound_turns_by_words(local)
    return turns


def store_retimed(library: Library, edit: TurnEdit, turns: list[Turn]) -> None:
    """Write re-timed words into the store and into the edit's turns (what the view shows and a redo
    stores)."""
    library.corrections.set_turn_times(edit.episode_id, edit.first, turns)
    for mine, timed in zip(edit.after_turns, turns, strict=True):
        mine.start_ms, mine.end_ms = timed.start_ms, timed.end_ms
        for word, new in zip(mine.words, timed.words, strict=True):
            word.start_ms, word.end_ms, word.confidence = new.start_ms, new.end_ms, new.confidence


def _moved(ref: WordRef, turns: int) -> WordRef:
    return WordRef(ref.turn + turns, ref.word)
