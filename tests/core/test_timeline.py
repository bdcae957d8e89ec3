"""core.timeline: position -> turn/word by binary search, spans, navigation."""

from __future__ import annotations

import bisect
import random

from hypothesis import given
from hypothesis import strategies as st

from podplayer.core.model import Transcript, Turn, Word, WordRef
from podplayer.core.timeline import Timeline
from tests.helpers_typing import present


def transcript(word_ms: int = 200, gap_ms: int = 1000) -> Transcript:
    turns = []
    t = 1000
    for i, text in enumerate(["one two three", "four five", "six seven eight nine"]):
        words = [Word(w, t + j * word_ms, t + (j + 1) * word_ms - 20) for j, w in enumerate(text.split())]
        turns.append(Turn("AB"[i % 2], words, t, t + len(words) * word_ms))
        t += len(words) * word_ms + gap_ms
    return Transcript(turns)


def test_locate_turns_and_words() -> None:
    tl = Timeline(transcript())
    assert tl.locate(0) is None  # before the first turn
    loc = tl.locate(1000)
    assert loc is not None and (loc.turn, loc.word) == (0, 0)
    loc = tl.locate(1450)
    assert loc is not None and (loc.turn, loc.word) == (0, 2)
    loc = tl.locate(1900)  # in the pause after turn 0: turn 0 stays current
    assert loc is not None and (loc.turn, loc.word) == (0, 2)
    loc = tl.locate(2600)
    assert loc is not None and (loc.turn, loc.word) == (1, 0)
    loc = tl.locate(10**9)
    assert loc is not None and loc.turn == 2


def test_spans_and_navigation() -> None:
    tl = Timeline(transcript())
    assert tl.turn_span(0) == (1000, 1600)
    assert tl.turn_start(2) == 4000
    assert tl.next_turn(1000) == 1
    assert tl.next_turn(4000) is None
    assert tl.previous_turn(2650) == 0  # just started turn 1: go to the previous one
    assert tl.previous_turn(2900, grace_ms=200) == 1  # well into turn 1: back to its start
    assert tl.word_start(WordRef(2, 3)) == 4600
    assert tl.word_end(WordRef(2, 3)) == 4780
    assert tl.words_between(1250, 3000) == (WordRef(0, 1), WordRef(1, 1))


def test_words_between_snaps_outward_within_the_turns_it_covers() -> None:
    tl = Timeline(transcript())  # turn 0: one 1000-1180, two 1200-1380, three 1400-1580; turn 1 from 2600
    assert tl.words_between(1100, 1450) == (WordRef(0, 0), WordRef(0, 2))  # partly covered words count
    assert tl.words_between(1250, 3000) == (WordRef(0, 1), WordRef(1, 1))  # "four" is wholly inside


def test_words_between_leaves_out_a_turn_it_only_grazes() -> None:
    tl = Timeline(transcript())
    # "four" (2600-2780), the next speaker's first word, starts inside the range but mostly lies after it.
    assert tl.words_between(1250, 2700) == (WordRef(0, 1), WordRef(0, 2))
    # The same at the start: "three" (1400-1580) of the previous turn ends just after the range begins.
    assert tl.words_between(1560, 3000) == (WordRef(1, 0), WordRef(1, 1))


def test_words_between_inside_one_word_or_nothing() -> None:
    tl = Timeline(transcript())
    assert tl.words_between(1210, 1250) == (WordRef(0, 1), WordRef(0, 1))
    # Across a speaker change, grazing both sides: the turn it overlaps most.
    assert tl.words_between(1570, 2700) == (WordRef(1, 0), WordRef(1, 0))
    assert tl.words_between(1700, 2500) is None  # the pause between turns
    assert tl.words_between(10**8, 10**8 + 10) is None


def test_turn_timed_transcript_has_turns_but_no_words() -> None:
    tr = Transcript([Turn.from_text("A", "a b c", 0, 3000), Turn.from_text("B", "d e", 3000, 5000)])
    tl = Timeline(tr)
    loc = tl.locate(3500)
    assert loc is not None and (loc.turn, loc.word) == (1, None)
    assert tl.word_start(WordRef(1, 1)) == 3000


def test_untimed_transcript_locates_nothing() -> None:
    tl = Timeline(Transcript([Turn.from_text("A", "no times here")]))
    assert not tl.is_timed
    assert tl.locate(5000) is None and tl.turn_at(0) is None


def test_partly_timed_turns_inherit_previous_start() -> None:
    tr = Transcript([Turn.from_text("A", "x", 1000), Turn.from_text("B", "y"), Turn.from_text("A", "z", 5000)])
    tl = Timeline(tr)
    assert tl.turn_at(3000) == 1  # the untimed turn sorts at its predecessor's time, last one wins
    assert tl.turn_at(6000) == 2


@given(st.lists(st.integers(min_value=0, max_value=50_000), min_size=1, max_size=60), st.integers(-10, 60_000))
def test_turn_at_matches_linear_scan(starts: list[int], position: int) -> None:
    starts = sorted(starts)
    tr = Transcript([Turn.from_text("S", "w", s, s + 10) for s in starts])
    expected = None
    for i, s in enumerate(starts):
        if s <= position:
            expected = i
    assert Timeline(tr).turn_at(position) == expected


def test_lookup_is_logarithmic_on_a_long_episode() -> None:
    """40,000 words: each lookup compares the position a logarithmic number of times (bisect, not a scan).

    Counted, not timed: the speed itself is measured by the benchmarks (``tick_median_ms``)."""
    import math

    words_per_turn = 40
    turns = []
    t = 0
    for i in range(1000):
        words = [Word("w", t + j * 270, t + j * 270 + 250) for j in range(words_per_turn)]
        turns.append(Turn(str(i % 3), words, t, t + words_per_turn * 270))
        t += words_per_turn * 270 + 300
    tl = Timeline(Transcript(turns))
    rng = random.Random(1)
    positions = [rng.randrange(0, t) for _ in range(2_000)]
    comparisons = [0]

    class CountedPosition(int):
        def __lt__(self, other: int) -> bool:
            comparisons[0] += 1
            return int(self) < other

    most = 0
    for p in positions:
        comparisons[0] = 0
        loc = tl.locate(CountedPosition(p))
        assert loc is not None and loc.word is not None
        most = max(most, comparisons[0])
    bound = math.ceil(math.log2(len(turns))) + math.ceil(math.log2(words_per_turn)) + 2
    assert 0 < most <= bound, (most, bound)
    starts = [present(tu.start_ms) for tu in turns]
    p = positions[0]
    assert tl.turn_at(p) == bisect.bisect_right(starts, p) - 1
