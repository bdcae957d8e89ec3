"""Editing a few turns of a stored episode: what the store holds matches what the edit says, later
turns and their highlights shift, and undo puts everything back exactly."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from podplayer.core.correction.turn_edits import merged, retyped, split_at, with_speaker
from podplayer.core.highlight_anchor import make_highlight
from podplayer.core.model import Transcript, Turn, WordRef
from podplayer.store import Library
from podplayer.usecases.edit_turns import apply_turn_edit, plan_turn_edit, undo_turn_edit
from tests.helpers_store import sample_episode


@pytest.fixture
def library(db_path: Path) -> Library:
    return Library(db_path)


def state(library: Library, eid: int) -> tuple[object, ...]:
    t = library.episode(eid).transcript
    return (
        [(turn.speaker, turn.start_ms, turn.end_ms, [(w.text, w.start_ms, w.end_ms, w.confidence) for w in turn.words])
         for turn in t.turns],
        sorted((h.id, h.start, h.end, h.quote, h.detached) for h in library.highlights(eid)),
        library.episode(eid).transcript.speakers,
    )


def shown(transcript: Transcript) -> list[object]:
    return [(t.speaker, t.start_ms, t.end_ms, [(w.text, w.start_ms, w.end_ms, w.confidence) for w in t.words])
            for t in transcript.turns]


def test_retype_split_merge_and_speaker_each_store_what_they_say_and_undo(library: Library) -> None:
    eid = library.add_episode(sample_episode())
    t = library.episode(eid).transcript
    library.add_highlight(eid, make_highlight(t, WordRef(0, 1), WordRef(0, 3), note="first turn"))
    library.add_highlight(eid, make_highlight(t, WordRef(1, 8), WordRef(1, 10), tags=["compost"]))
    library.add_highlight(eid, make_highlight(t, WordRef(4, 0), WordRef(4, 2), note="last turn"))
    original = state(library, eid)
    edits: list[Callable[[Transcript], tuple[int, int, list[Turn]]]] = [
        lambda tr: (1, 1, retyped(tr.turns[1], tr.turns[1].text.replace("kitchen", "garden"))),
        lambda tr: (2, 2, split_at(tr.turns[2], 4)),
        lambda tr: (3, 3, merged(tr.turns[2], tr.turns[3])),
        lambda tr: (1, 1, with_speaker(tr.turns[1], 2, 5, "Dave")),
        lambda tr: (len(tr.turns) - 2, len(tr.turns) - 2, retyped(tr.turns[-2], "")),  # Carol's turn deleted
    ]
    for make in edits:
        transcript = library.episode(eid).transcript
        before = state(library, eid)
        first, last, turns = make(transcript)
        if turns and len(turns) == 1 and turns[0].words == transcript.turns[first - 1].words + transcript.turns[first].words:
            first -= 1  # a merge replaces the previous turn and this one
        edit = plan_turn_edit(eid, transcript, library.highlights(eid), first, last, turns)
        apply_turn_edit(library, edit)
        assert shown(library.episode(eid).transcript) == shown(edit.after)
        stored = {h.id: (h.start, h.end, h.quote, h.detached) for h in library.highlights(eid)}
        assert stored == {h.id: (h.start, h.end, h.quote, h.detached) for h in edit.highlights}
        undo_turn_edit(library, edit)
        assert state(library, eid) == before
        apply_turn_edit(library, edit)  # redo, and go on from there
    final = library.episode(eid).transcript
    assert "garden scraps" in " ".join(turn.text for turn in final.turns)
    assert "Dave" in final.speakers and "Carol" not in final.speakers
    assert library.corrections.original(eid) is not None
    assert original[0] == [
        (turn.speaker, turn.start_ms, turn.end_ms, [(w.text, w.start_ms, w.end_ms, w.confidence) for w in turn.words])
        for turn in (library.corrections.original(eid) or final).turns
    ]
    on_last = {h.note: h for h in library.highlights(eid)}["last turn"]
    assert on_last.quote == "Exactly. Insulate it" and not on_last.detached
