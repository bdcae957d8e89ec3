"""Correcting a stored episode: one transaction, the original kept, revert, detached highlights,
search following, and refusals that change nothing (real SQLite files, no audio needed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from podplayer.core.highlight_anchor import make_highlight
from podplayer.core.model import Transcript, Turn, Word, WordRef
from podplayer.store import Library
from podplayer.usecases.correct import CorrectionRefused, correct_episode, revert_episode
from tests.helpers_store import sample_episode


@pytest.fixture
def library(db_path: Path) -> Library:
    return Library(db_path)


def corrected_copy(transcript: Transcript) -> list[Turn]:
    return [Turn(t.speaker, [Word(w.text) for w in t.words]) for t in transcript.turns]


def snapshot(library: Library, episode_id: int) -> tuple[object, ...]:
    episode = library.episode(episode_id)
    return (
        [(t.speaker, t.start_ms, t.end_ms, [(w.text, w.start_ms, w.end_ms, w.confidence) for w in t.words])
         for t in episode.transcript.turns],
        [(h.id, h.start, h.end, h.quote, h.tags, h.note, h.detached) for h in library.highlights(episode_id)],
        library.corrections.original(episode_id),
    )


def test_correction_is_stored_searchable_and_revertible(library: Library) -> None:
    eid = library.add_episode(sample_episode())
    old = library.episode(eid).transcript
    compost = make_highlight(old, WordRef(1, 8), WordRef(1, 10), tags=["compost"], note="try it")
    doomed = make_highlight(old, WordRef(4, 0), WordRef(4, 1), tags=["q"], note="keep me")
    compost_id = library.add_highlight(eid, compost)
    doomed_id = library.add_highlight(eid, doomed)
    turns = corrected_copy(old)
    turns[1].words[9].text = "vermicomposting"
    del turns[4].words[0:2]  # "Exactly. Insulate"
    turns[2:3] = [Turn("Alice", turns[2].words[:5]), Turn("Dave", turns[2].words[5:])]
    report = correct_episode(library, eid, Transcript(turns))
    assert report.applied and report.diff.replaced == 1 and report.diff.deleted == 2
    assert report.diff.turns_split == 1 and report.diff.speakers_changed == 1
    after = library.episode(eid)
    assert after.transcript.speakers == ["Alice", "Bob", "Dave", "Carol"]
    assert "Dave" in after.speaker_colors and after.speaker_colors["Carol"] == "#123456"
    assert sorted(h.kind for h in library.search("vermicomposting")) == ["highlight", "turn"]
    assert [(h.kind, h.turn_index, h.start_ms) for h in library.search("Insulate")] == [
        ("highlight", None, doomed.start_ms)  # a detached highlight is still found, at its old time
    ]
    by_id = {h.id: h for h in library.highlights(eid)}
    assert by_id[compost_id].quote == "composting vermicomposting scraps"
    assert by_id[compost_id].tags == ["compost"]
    gone = by_id[doomed_id]
    assert gone.detached and gone.quote == "Exactly. Insulate" and (gone.tags, gone.note) == (["q"], "keep me")
    assert (gone.start_ms, gone.end_ms, gone.speaker) == (doomed.start_ms, doomed.end_ms, "Bob")
    original = library.corrections.original(eid)
    assert original is not None and [t.text for t in original.turns] == [t.text for t in old.turns]

    back = revert_episode(library, eid)
    assert back.applied
    reverted = library.episode(eid).transcript
    assert [(t.speaker, t.text) for t in reverted.turns] == [(t.speaker, t.text) for t in old.turns]
    assert [(w.start_ms, w.end_ms) for t in reverted.turns for w in t.words] == [
        (w.start_ms, w.end_ms) for t in old.turns for w in t.words
    ]
    assert library.highlight(compost_id).quote == "composting kitchen scraps"
    assert library.highlight(doomed_id).detached  # stays listed, to be re-attached by hand


def test_a_second_correction_keeps_the_first_original(library: Library) -> None:
    eid = library.add_episode(sample_episode())
    first = library.episode(eid).transcript
    for word in ("one", "two"):
        turns = corrected_copy(library.episode(eid).transcript)
        turns[0].words[1].text = word
        correct_episode(library, eid, Transcript(turns))
    original = library.corrections.original(eid)
    assert original is not None and original.turns[0].text == first.turns[0].text


@pytest.mark.parametrize(
    ("turns", "message"),
    [
        ([], "no words"),
        ([Turn.from_text("X", "")], "no words"),
        ([Turn.from_text("X", "an entirely unrelated shopping list of apples pears and milk")], "match"),
    ],
)
def test_refusals_change_nothing(library: Library, turns: list[Turn], message: str) -> None:
    eid = library.add_episode(sample_episode())
    library.add_highlight(eid, make_highlight(library.episode(eid).transcript, WordRef(0, 0), WordRef(0, 2)))
    before = snapshot(library, eid)
    with pytest.raises(CorrectionRefused, match=message):
        correct_episode(library, eid, Transcript(turns))
    assert snapshot(library, eid) == before
    with pytest.raises(CorrectionRefused, match="never corrected"):
        revert_episode(library, eid)


def test_unrelated_text_is_applied_when_forced_and_dry_run_writes_nothing(library: Library) -> None:
    eid = library.add_episode(sample_episode())
    before = snapshot(library, eid)
    other = Transcript([Turn.from_text("X", "an entirely unrelated shopping list of apples pears and milk")])
    dry = correct_episode(library, eid, other, force=True, dry_run=True)
    assert not dry.applied and dry.diff.match_share < 0.2
    assert snapshot(library, eid) == before
    forced = correct_episode(library, eid, other, force=True)
    assert forced.applied and library.episode(eid).transcript.speakers == ["X"]
