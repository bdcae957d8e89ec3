"""Correcting a word-timed demo section back to the truth, re-timed against the real audio.

The damaged transcript is the truth aligned to the audio with wrong words in places, a sentence left
out and two speakers' turns merged (tests/core/correction/cases.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from podplayer.core.align import align_transcript
from podplayer.core.highlight_anchor import make_highlight
from podplayer.core.model import Episode, Transcript
from podplayer.store import Library
from podplayer.usecases.correct import correct_episode
from tests.core.align.episodes import Episode as AudioEpisode
from tests.core.align.episodes import demo_section
from tests.core.correction.cases import damage, highlight_refs, kept_times, truth_transcript

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def section(tmp_path_factory: pytest.TempPathFactory) -> AudioEpisode:
    return demo_section(tmp_path_factory.mktemp("demo"), count=8)


@pytest.fixture(scope="module")
def truth_aligned(section: AudioEpisode) -> Transcript:
    return align_transcript(truth_transcript(section.turns), section.audio, jobs=2)


def test_correcting_back_to_the_truth(section: AudioEpisode, truth_aligned: Transcript, tmp_path: Path) -> None:
    case = damage(section.turns, truth_aligned)
    library = Library(tmp_path / "library.db")
    eid = library.add_episode(Episode("Demo", case.damaged, audio_path=str(section.audio)))
    before = library.episode(eid).transcript
    ids = [library.add_highlight(eid, make_highlight(before, s, e)) for s, e in highlight_refs(before)]
    old_highlights = {h.id: h for h in library.highlights(eid)}

    report = correct_episode(library, eid, case.truth)

    assert report.applied and report.diff.turns_split == 1 and report.diff.speakers_changed == 1
    assert report.diff.inserted >= len(case.missing_sentence.split()) and report.diff.replaced == case.substituted
    assert report.spans_retimed == len(report.diff.spans)
    after = library.episode(eid).transcript
    assert [(t.speaker, t.text) for t in after.turns] == [(t.speaker, t.text) for t in case.truth.turns]
    errors = [abs((a.start_ms or 0) - (t.start_ms or 0)) for a, t in zip(after.turns, section.turns, strict=True)]
    assert all(e <= 250 for e in errors), errors
    # Every unchanged word kept its exact time; every re-timed word is timed and no longer estimated.
    kept = [k for k, o in enumerate(report.diff.origin) if o is not None]
    old_words = [w for t in before.turns for w in t.words]
    new_words = [w for t in after.turns for w in t.words]
    for k in kept:
        o = report.diff.origin[k]
        assert o is not None
        assert (new_words[k].start_ms, new_words[k].end_ms) == (old_words[o].start_ms, old_words[o].end_ms)
    assert not any(w.estimated for w in new_words)
    # The sentence that was missing starts where it is spoken.
    missing_first = case.missing_sentence.split()[0]
    truth_turn = next(t for t in section.turns if case.missing_sentence in t.text)
    index = truth_turn.text.split().index(missing_first)
    truth_start = dict(truth_turn.sentence_starts)[index]
    turn_index = section.turns.index(truth_turn)
    assert abs((after.turns[turn_index].words[index].start_ms or 0) - truth_start) <= 250
    # No highlight lost, none on other words: the unchanged words inside each keep their times.
    now = {h.id: h for h in library.highlights(eid)}
    assert set(now) == set(ids) and not any(h.detached for h in now.values())
    for hid, old in old_highlights.items():
        old_kept = set(kept_times(old, before))
        new_kept = set(kept_times(now[hid], after))
        kept_times_after = {(new_words[k].start_ms, new_words[k].end_ms) for k in kept}
        assert old_kept & kept_times_after == new_kept & kept_times_after
