"""core.untranscribed: what plays at a position once the audio the transcript lacks (ads) is known."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from podplayer.core.model import Transcript, Turn, Word
from podplayer.core.timeline import Location, Timeline
from podplayer.core.untranscribed import UntranscribedAudio, UntranscribedStretch, seconds_text

PRE_ROLL = (0, 12_000)
MID_ROLL = (15_000, 45_000)  # between turn 1 (ends 14,600) and turn 2 (starts 45,400)
POST_ROLL = (60_000, 70_000)


def with_ads() -> Transcript:
    """Three word-timed turns laid out around a pre-roll, a mid-roll and a post-roll ad."""

    def turn(speaker: str, start: int, texts: str) -> Turn:
        words = [Word(w, start + i * 300, start + i * 300 + 250) for i, w in enumerate(texts.split())]
        return Turn(speaker, words, start, words[-1].end_ms)

    return Transcript([
        turn("Ann", 12_400, "welcome back to the show"),
        turn("Ben", 13_400, "thanks for having me again"),
        turn("Ann", 45_400, "so where were we"),
    ])


def test_stretches_are_noted_on_the_turn_after_them() -> None:
    audio = UntranscribedAudio([MID_ROLL, POST_ROLL, PRE_ROLL, (5, 5)], Timeline(with_ads()))
    assert [(s.start_ms, s.end_ms, s.turn) for s in audio] == [
        (0, 12_000, 0),
        (15_000, 45_000, 2),
        (60_000, 70_000, None),  # after the last turn: nowhere to note it
    ]
    assert audio.notes() == {0: UntranscribedStretch(0, 12_000, 0), 2: UntranscribedStretch(15_000, 45_000, 2)}
    # Two ads with no turn between them: one note, from the first's start to the last's end.
    assert UntranscribedAudio([(15_000, 20_000), (30_000, 40_000)], Timeline(with_ads())).notes() == {
        2: UntranscribedStretch(15_000, 40_000, 2)
    }


def test_inside_a_stretch_no_word_is_current() -> None:
    audio = UntranscribedAudio([PRE_ROLL, MID_ROLL, POST_ROLL], Timeline(with_ads()))
    for position in (0, 11_999, 15_000, 30_000, 44_999, 60_000, 69_999):
        place = audio.locate(position)
        assert isinstance(place, UntranscribedStretch), position
        assert place.start_ms <= position < place.end_ms
        assert audio.stretch_at(position) == place
    assert audio.stretch_at(14_000) is None and audio.stretch_at(45_000) is None


def test_after_a_stretch_follow_waits_on_the_next_turns_first_word() -> None:
    audio = UntranscribedAudio([PRE_ROLL, MID_ROLL, POST_ROLL], Timeline(with_ads()))
    # Between the ad's end and the next turn's first word: that word, not the turn before the ad.
    assert audio.locate(45_000) == Location(2, 0)
    assert audio.locate(12_000) == Location(0, 0)  # after the pre-roll, before the first word
    # Then the timeline as usual; before the ad, the turn before it keeps its last word.
    assert audio.locate(45_700) == Location(2, 1)
    assert audio.locate(14_900) == Location(1, 4)
    assert audio.locate(75_000) == Location(2, 3)  # after the post-roll: no turn follows


def test_a_turn_still_speaking_after_a_stretch_stays_current() -> None:
    # A stretch found inside a long turn (its end is after the stretch): the rest of that turn plays on.
    long_turn = Turn("Ann", [Word("on", 1000, 1200), Word("and", 9000, 9200)], 1000, 9200)
    transcript = Transcript([long_turn, Turn("Ben", [Word("yes", 12_000, 12_300)], 12_000, 12_300)])
    audio = UntranscribedAudio([(3000, 6000)], Timeline(transcript))
    assert audio.locate(7000) == Location(0, 0)


def test_turn_timed_transcripts_resume_on_the_turn_without_a_word() -> None:
    transcript = Transcript([Turn.from_text("Ann", "hello there", 1000, 3000),
                             Turn.from_text("Ben", "hi", 20_000, 21_000)])
    audio = UntranscribedAudio([(4000, 19_000)], Timeline(transcript))
    assert audio.locate(19_500) == Location(1, None)


def test_without_stretches_the_timeline_answers() -> None:
    timeline = Timeline(with_ads())
    audio = UntranscribedAudio([], timeline)
    for position in (0, 12_500, 30_000, 46_000):
        assert audio.locate(position) == timeline.locate(position)


@given(st.lists(st.tuples(st.integers(0, 80_000), st.integers(1, 20_000)), max_size=6), st.integers(0, 100_000))
def test_stretch_at_matches_a_linear_scan(spans: list[tuple[int, int]], position: int) -> None:
    # Non-overlapping stretches, as a sync check reports them.
    placed: list[tuple[int, int]] = []
    for start, length in sorted(spans):
        if not placed or start >= placed[-1][1]:
            placed.append((start, start + length))
    audio = UntranscribedAudio(placed, Timeline(with_ads()))
    expected = next(((a, b) for a, b in placed if a <= position < b), None)
    found = audio.stretch_at(position)
    assert (None if found is None else (found.start_ms, found.end_ms)) == expected


def test_descriptions() -> None:
    assert UntranscribedStretch(15_000, 45_000, 2).describe() == "30 s not in the transcript (likely an ad)"
    assert UntranscribedStretch(0, 12_000, 0).describe(playing=True) == (
        "Playing 12 s not in the transcript (likely a pre-roll ad)"
    )
    assert [seconds_text(ms) for ms in (400, 59_600, 60_000, 125_000)] == ["1 s", "1 min", "1 min", "2 min 5 s"]
