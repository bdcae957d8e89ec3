"""Turn starts where the voice changes, and short turns moved to the second voices heard under a
long turn: the rules, on speaker activity made by hand (the model itself: tests/core/speaker_activity;
on real recordings: test_real_voices.py and the AMI minute in test_conversation.py)."""

from __future__ import annotations

import numpy as np

from podplayer.core.align.placement import Placed
from podplayer.core.align.said_over import _Group, _match
from podplayer.core.align.voice_changes import _Change, _voice_onset, second_voices
from podplayer.core.speaker_activity import Activity, Run
from podplayer.core.speaker_activity.segmentation import FRAME_MS, FRAME_STEP_MS


def _activity(start_ms: int, talk: list[tuple[int, int, int]]) -> Activity:
    """Ten seconds from ``start_ms`` in which each (local speaker, from, to) talks."""
    active = np.zeros((589, 3), dtype=bool)
    centres = start_ms + np.arange(589) * FRAME_STEP_MS + FRAME_MS / 2
    for speaker, lo, hi in talk:
        active[(centres >= lo) & (centres < hi), speaker] = True
    return Activity(start_ms, active)


def _two_turns(previous: tuple[int, int], turn: tuple[int, int]) -> tuple[_Change, list[Placed | None]]:
    placed: list[Placed | None] = [
        Placed(previous[0], previous[0] + 300, 0.8),
        Placed(previous[1] - 300, previous[1], 0.8),
        Placed(turn[0], turn[0] + 300, 0.8),
        Placed(turn[1] - 300, turn[1], 0.8),
    ]
    return _Change(2, 4, 0, 2), placed


def test_a_turn_begun_under_the_previous_speaker_starts_where_its_voice_does() -> None:
    # Speaker 1 starts at 4.6 s while speaker 0 talks on to 5.0 s; alignment put the turn at 5.0 s.
    activity = _activity(0, [(0, 500, 5_000), (1, 4_600, 9_000)])
    change, placed = _two_turns((500, 5_000), (5_000, 9_000))
    onset = _voice_onset(activity, change, placed)
    assert onset is not None and abs(onset - 4_600) <= 20


def test_a_start_aligned_inside_the_previous_speaker_moves_to_the_voice_change() -> None:
    activity = _activity(0, [(0, 500, 5_000), (1, 5_050, 9_000)])
    change, placed = _two_turns((500, 4_400), (4_400, 9_000))
    onset = _voice_onset(activity, change, placed)
    assert onset is not None and abs(onset - 5_050) <= 20


def test_small_disagreements_and_speech_in_the_pause_leave_the_start_alone() -> None:
    # The model's onset 100 ms ahead of the aligned word: alignment after a pause is sharper.
    change, placed = _two_turns((500, 4_000), (4_600, 9_000))
    assert _voice_onset(_activity(0, [(0, 500, 4_000), (1, 4_500, 9_000)]), change, placed) is None
    # The new voice begins in the pause, 600 ms early: an untranscribed "um", not the first word.
    assert _voice_onset(_activity(0, [(0, 500, 4_000), (1, 4_000, 9_000)]), change, placed) is None


def test_one_voice_through_both_turns_moves_nothing() -> None:
    change, placed = _two_turns((500, 5_000), (5_000, 9_000))
    assert _voice_onset(_activity(0, [(0, 500, 9_000)]), change, placed) is None


def test_a_second_voice_is_one_that_starts_while_another_talks() -> None:
    # Local 0 is the long turn's speaker (LEE); local 1 says "mm-hmm" under it at 3.0 s and
    # speaks alone from 8.0 s (not under anyone: no second voice there).
    activity = _activity(0, [(0, 0, 7_000), (1, 3_000, 3_400), (1, 8_000, 9_000)])
    over = [("LEE", 0, 7_000)]
    runs = second_voices(activity, over, {"MAYA"})
    assert [(r.start_ms // 100, r.end_ms // 100) for r in runs] == [(30, 34)]
    # A voice tied to another transcript speaker is not the short turn's.
    assert second_voices(activity, [("LEE", 0, 7_000), ("OMAR", 8_000, 9_000)], {"MAYA"}) == []


def test_as_many_second_voices_as_short_turns_pair_in_order() -> None:
    group = _Group([(0, 1), (1, 2), (2, 3)], 0, 30_000)
    runs = [Run(1, 5_000, 5_300), Run(2, 12_000, 12_400), Run(1, 20_000, 20_500)]
    placed: list[Placed | None] = [Placed(25_000, 25_300, 0.3)] * 3  # all left at the end of the turn
    assert [r.start_ms for _, r in _match(group, runs, placed)] == [5_000, 12_000, 20_000]


def test_fewer_second_voices_go_to_as_many_turns_as_possible_near_where_they_were() -> None:
    group = _Group([(0, 1), (1, 2), (2, 3)], 0, 30_000)
    placed: list[Placed | None] = [Placed(4_000, 4_300, 0.5), Placed(9_000, 9_300, 0.5), Placed(12_500, 12_800, 0.5)]
    runs = [Run(1, 5_000, 5_300), Run(2, 12_000, 12_400)]
    pairs = _match(group, runs, placed)
    assert [(turn[0], run.start_ms) for turn, run in pairs] == [(0, 5_000), (2, 12_000)]
    # A second voice far from every short turn takes none of them.
    far = _match(group, [runs[0], Run(1, 28_000, 28_300)], placed)
    assert [(turn[0], run.start_ms) for turn, run in far] == [(0, 5_000)]
