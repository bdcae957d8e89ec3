"""Highlights built from word ranges and playback positions."""

from __future__ import annotations

import pytest

from podplayer.core.highlight_anchor import AnchorError, last_seconds_range, make_bookmark, make_highlight
from podplayer.core.model import Transcript, Turn, Word, WordRef


def timed_transcript() -> Transcript:
    turns = []
    t = 0
    for ti, (speaker, text) in enumerate([("A", "one two three four"), ("B", "five six seven"), ("A", "eight nine")]):
        words = []
        for w in text.split():
            words.append(Word(w, t, t + 400))
            t += 500
        turns.append(Turn(speaker, words, words[0].start_ms, words[-1].end_ms))
        assert ti >= 0
    return Transcript(turns)


def test_cross_turn_highlight_has_quote_context_and_times() -> None:
    tr = timed_transcript()
    h = make_highlight(tr, WordRef(1, 1), WordRef(0, 2), tags=["x"], note="n")  # given backwards
    assert (h.start, h.end) == (WordRef(0, 2), WordRef(1, 1))
    assert h.quote == "three four\nfive six"
    assert h.prefix == "one two"
    assert h.suffix == "seven\neight nine"
    assert (h.start_ms, h.end_ms, h.speaker) == (1000, 2900, "A")


def test_out_of_range_word_is_an_error() -> None:
    with pytest.raises(AnchorError):
        make_highlight(timed_transcript(), WordRef(0, 0), WordRef(7, 0))


def test_last_seconds_snaps_to_whole_words() -> None:
    tr = timed_transcript()
    # 4.2 s is inside "nine" (4000-4400); 2 s back is 2.2 s -> the first word starting after it is "six"
    start, end = last_seconds_range(tr, 4200, 2)
    assert (start, end) == (WordRef(1, 1), WordRef(2, 1))
    assert last_seconds_range(tr, 100, 30) == (WordRef(0, 0), WordRef(0, 0))


def test_last_seconds_needs_timings() -> None:
    with pytest.raises(AnchorError):
        last_seconds_range(Transcript([Turn.from_text("A", "no times")]), 1000, 30)


def test_bookmark_is_a_point_on_the_playing_word() -> None:
    b = make_bookmark(timed_transcript(), 2600, note="look")
    assert b.is_bookmark and b.start == WordRef(1, 1) and b.note == "look" and b.start_ms == 2600
