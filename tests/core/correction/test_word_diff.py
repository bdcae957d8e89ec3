"""The word diff: unchanged words keep their times, new ones get a marked estimate, turns and speakers
follow the corrected text, and highlights follow their words or are detached."""

from __future__ import annotations

from podplayer.core.correction.highlights import follow_highlights
from podplayer.core.correction.word_diff import diff_transcripts, flat_words, word_key
from podplayer.core.highlight_anchor import make_highlight
from podplayer.core.model import DETACHED, Highlight, Transcript, Turn, Word, WordRef
from tests.helpers_store import sample_transcript


def untimed(transcript: Transcript) -> list[Turn]:
    return [Turn(t.speaker, [Word(w.text) for w in t.words]) for t in transcript.turns]


def with_id(highlight: Highlight, hid: int) -> Highlight:
    highlight.id = hid
    return highlight


def test_unchanged_words_keep_exact_times_and_file_times_are_ignored() -> None:
    old = sample_transcript()
    new_turns = untimed(old)
    for turn in new_turns:  # times in the corrected file are not trusted
        for k, word in enumerate(turn.words):
            word.start_ms, word.end_ms = 99_000 + k, 99_001 + k
    new_turns[1].words[9].text = "kitchens"
    diff = diff_transcripts(old, Transcript(new_turns))
    before, after = flat_words(old), flat_words(diff.transcript)
    changed = [i for i, (a, b) in enumerate(zip(before, after, strict=True)) if a.text != b.text]
    assert len(changed) == 1 and diff.replaced == 1 and diff.inserted == diff.deleted == 0
    for i, (a, b) in enumerate(zip(before, after, strict=True)):
        if i not in changed:
            assert (a.start_ms, a.end_ms, a.confidence) == (b.start_ms, b.end_ms, b.confidence)
    new_word = after[changed[0]]
    assert new_word.estimated and not before[changed[0]].estimated
    times = (before[changed[0] - 1].end_ms, new_word.start_ms, new_word.end_ms, before[changed[0] + 1].start_ms)
    assert None not in times and list(times) == sorted(t or 0 for t in times)
    assert [(s.first, s.last) for s in diff.spans] == [(changed[0], changed[0])]


def test_deleting_words_moves_nothing_and_inserting_estimates_between_neighbours() -> None:
    old = sample_transcript()
    new_turns = untimed(old)
    del new_turns[0].words[2:4]  # "to the"
    new_turns[2].words.insert(3, Word("really"))
    diff = diff_transcripts(old, Transcript(new_turns))
    assert (diff.deleted, diff.inserted, diff.replaced) == (2, 1, 0)
    kept = {(w.text, w.start_ms, w.end_ms) for w in flat_words(diff.transcript) if not w.estimated}
    assert kept <= {(w.text, w.start_ms, w.end_ms) for w in flat_words(old)}
    inserted = diff.transcript.turns[2].words[3]
    assert inserted.text == "really" and inserted.estimated
    neighbours = old.turns[2].words[2:4]
    assert neighbours[0].end_ms is not None and neighbours[1].start_ms is not None
    assert neighbours[0].end_ms <= (inserted.start_ms or 0) <= neighbours[1].start_ms
    assert diff.transcript.turns[0].start_ms == old.turns[0].start_ms


def test_punctuation_and_case_do_not_make_a_word_new() -> None:
    assert word_key("Hello,") == word_key("hello.") == "hello"
    old = sample_transcript()
    new_turns = untimed(old)
    new_turns[0].words[0].text = "WELCOME!"
    diff = diff_transcripts(old, Transcript(new_turns))
    first = diff.transcript.turns[0].words[0]
    assert first.text == "WELCOME!" and first.start_ms == old.turns[0].words[0].start_ms and not first.estimated
    assert diff.replaced == 0 and not diff.spans


def test_split_merge_and_speaker_changes_are_counted_and_turn_times_follow_words() -> None:
    old = sample_transcript()
    new_turns = untimed(old)
    third = new_turns[2]
    new_turns[2:3] = [Turn(third.speaker, third.words[:5]), Turn("Dave", third.words[5:])]
    new_turns[3].words += new_turns[4].words  # Dave's part and Carol's turn become one
    del new_turns[4]
    diff = diff_transcripts(old, Transcript(new_turns))
    assert (diff.turns_split, diff.turns_merged, diff.speakers_changed) == (1, 1, 1)
    assert diff.transcript.speakers == ["Alice", "Bob", "Dave"]
    dave = diff.transcript.turns[3]
    assert dave.start_ms == old.turns[2].words[5].start_ms and dave.end_ms == old.turns[3].words[-1].end_ms
    assert diff.match_share == 1.0


def test_unrelated_text_matches_little() -> None:
    old = sample_transcript()
    other = Transcript([Turn.from_text("X", "completely different words about something else entirely now")])
    assert diff_transcripts(old, other).match_share < 0.2


def test_highlights_follow_their_words_or_are_detached() -> None:
    old = sample_transcript()
    edited = with_id(make_highlight(old, WordRef(1, 8), WordRef(1, 10), tags=["compost"], note="n"), 1)
    later = with_id(make_highlight(old, WordRef(3, 0), WordRef(3, 3)), 2)
    doomed = with_id(make_highlight(old, WordRef(2, 0), WordRef(2, 2), tags=["q"], note="gone"), 3)
    bookmark = with_id(make_highlight(old, WordRef(2, 1), WordRef(2, 1)), 4)
    bookmark.quote = ""
    new_turns = untimed(old)
    new_turns[1].words[9].text = "kitchens"
    new_turns[0].words.insert(0, Word("Hi,"))
    del new_turns[2].words[0:3]
    diff = diff_transcripts(old, Transcript(new_turns))
    followed = follow_highlights(old, diff, [edited, later, doomed, bookmark])
    by_id = {h.id: h for h in followed.highlights}
    assert by_id[1].quote == "composting kitchens scraps" and by_id[1].tags == ["compost"] and by_id[1].note == "n"
    assert by_id[2].quote == later.quote and by_id[2].start == later.start  # another turn: same numbers
    gone = by_id[3]
    assert gone.detached and gone.start == DETACHED
    assert (gone.quote, gone.tags, gone.note, gone.start_ms, gone.end_ms) == (
        doomed.quote, ["q"], "gone", doomed.start_ms, doomed.end_ms
    )
    assert by_id[4].is_bookmark and by_id[4].start == WordRef(2, 0)  # the next word still there
    assert followed.edited == [1] and followed.detached == [3]
    assert 2 in followed.kept


def test_a_timeline_rebuilt_for_changed_turns_answers_as_a_new_one() -> None:
    from podplayer.core.timeline import Timeline

    old = sample_transcript()
    timeline = Timeline(old)
    new_turns = untimed(old)
    new_turns[2].words[1].text = "freezes"
    diff = diff_transcripts(old, Transcript(new_turns))
    quick = timeline.with_turns_changed(diff.transcript, 2, 1)
    full = Timeline(diff.transcript)
    for position in range(0, 30_000, 97):
        assert quick.locate(position) == full.locate(position)
    assert quick.turn_span(4) == full.turn_span(4)
