"""The pieces behind conversational alignment, on small inputs: fillers, floating turns, onsets."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from podplayer.core.align.grammar import (
    END_WORD,
    FILLER_PHONES,
    SKIP_PROB,
    alignment_transitions,
    filler_entries,
    final_state,
    repeat_word,
)
from podplayer.core.align.onsets import onset_near
from podplayer.core.align.overlap import find_heard, floating_turns, heard_options, spot_windows
from podplayer.core.align.placement import CONF_INTERPOLATED, Placed, place_words
from podplayer.core.align.worker import _in_order


def test_fillers_are_offered_only_at_the_given_boundaries() -> None:
    transitions = alignment_transitions(["so", "we", "began"], loose=[0, 2])
    assert all(len(t) == 4 for t in transitions)  # no empty transitions: every one says a word
    words = [(a, b, *w) for a, b, _, *w in transitions if a != b]
    assert words == [(0, 1, "so"), (1, 2, "we"), (2, 3, "began")]
    loops = {(a, str(*w)) for a, b, _, *w in transitions if a == b}
    assert {a for a, _ in loops} == {0, 2}
    assert (2, repeat_word("began")) in loops and (0, repeat_word("so")) in loops
    assert all(w.startswith("+") for _, w in loops)  # never confused with a transcript token
    entries = filler_entries({"began": "B IH G AE N"})
    assert entries[repeat_word("began")] == "B IH G AE N" and set(FILLER_PHONES) <= set(entries)


def test_short_turns_may_be_passed_over_at_a_cost_per_turn() -> None:
    """pocketsphinx gives empty transitions no cost, so a pass-over repeats the word before the turn."""
    tokens = ["so", "yeah", "ok", "right", "then"]
    transitions = alignment_transitions(tokens, loose=[], optional=[(1, 2), (2, 3)])
    over = {(a, b): (p, w) for a, b, p, *w in transitions if b - a > 1}
    assert over == {
        (0, 2): (SKIP_PROB, ["so"]),  # "yeah" passed over
        (0, 3): (SKIP_PROB**2, ["so"]),  # "yeah" and "ok", adjacent
        (1, 3): (SKIP_PROB, ["yeah"]),  # "ok" alone
    }
    assert final_state(tokens) == 5 and all(b <= 5 for _, b, *_ in transitions)


def test_the_last_try_ends_on_a_pause_word() -> None:
    tokens = ["in", "new", "jersey", "now"]
    transitions = alignment_transitions(tokens, loose=[], end_word=True)
    assert (4, 5, 1.0, END_WORD) in transitions and final_state(tokens, end_word=True) == 5


def test_decoded_words_are_laid_over_the_tokens_with_passed_over_turns_untimed() -> None:
    tokens = ("so", "yeah", "so", "then")
    said = [("so", 0, 100), ("yeah", 100, 200), ("so", 200, 300), ("then", 300, 400)]
    assert _in_order(said, tokens, ((1, 2),)) == said
    passed = [("so", 0, 100), ("so", 200, 300), ("then", 300, 400)]
    assert _in_order(passed, tokens, ((1, 2),)) == [passed[0], None, passed[1], passed[2]]
    assert _in_order(passed, tokens, ()) is None  # without the optional turn nothing may be missing
    assert _in_order(passed[:2], tokens, ((1, 2),)) is None  # an ordinary word may never be missing


def test_other_speakers_short_turns_float_but_never_the_first_or_ones_own() -> None:
    speakers = ["A", "B", "A", "B", "C", "B"]
    assert floating_turns([30, 2, 25, 1, 1, 40], speakers) == {1, 3, 4}
    # A short answer to a floating turn floats with it, even by the speaker of the long turn.
    assert floating_turns([30, 2, 1, 25], ["A", "B", "A", "B"]) == {1, 2}
    assert floating_turns([2, 20], ["A", "B"]) == set()
    assert floating_turns([2, 2, 1], ["A", "B", "C"]) == set()  # no long turn to float over
    assert floating_turns([30, 2, 25, 1], ["S1"] * 4) == set()  # one speaker: strict order


def test_floating_turn_is_looked_for_inside_the_turn_before_it() -> None:
    # Turn 0: tokens 0-2 at 1-4 s; turn 1 ("yeah") floats; turn 2 starts at 6 s.
    token_turns = [0, 0, 0, 1, 2, 2]
    placed: list[Placed | None] = [
        Placed(1000, 1500, 0.9),
        Placed(1500, 3000, 0.9),
        Placed(3000, 4000, 0.9),
        None,
    ]
    placed += [Placed(6000, 6500, 0.9), Placed(6500, 7000, 0.9)]
    (window,) = spot_windows({1}, token_turns, placed, 10_000)
    assert (window.first_token, window.end_token, window.start_ms) == (3, 4, 1000)
    assert 6000 <= window.end_ms <= 6500
    texts = ["it", "was", "long", "yeah", "so", "then"]
    heard = [("it", 1000, 1500), ("yeah", 2100, 2400), ("long", 3000, 4000)]
    assert find_heard(window, texts, heard, 0) == [Placed(2100, 2400, 0.5)]
    assert find_heard(window, texts, heard, 2500) == [None]  # the later turn cannot reuse it


def test_free_words_keep_their_time_and_do_not_push_the_rest() -> None:
    placed = [Placed(0, 500, 0.9), Placed(500, 4000, 0.9), Placed(1200, 1500, 0.5), Placed(4200, 4500, 0.9)]
    words = place_words([0, 1, 2, 3], placed, [3, 4, 4, 3], 5000, free={2})
    assert words[2] == Placed(1200, 1500, 0.5)
    assert words[3].start_ms == 4200
    unheard = place_words([0, 1, 3], [placed[0], placed[1], placed[3]], [3, 4, 4, 3], 5000, free={2})
    assert unheard[2].confidence == CONF_INTERPOLATED and 4000 <= unheard[2].start_ms <= 4200


def test_onset_moves_to_where_speech_rises_out_of_a_pause(tmp_path: Path) -> None:
    rate = 16000
    rng = np.random.default_rng(1)
    pause = rng.normal(0, 30, rate)  # 1 s of quiet room tone
    speech = rng.normal(0, 6000, rate // 2)
    pcm = tmp_path / "audio.s16le"
    np.concatenate([pause, speech, pause]).astype("<i2").tofile(pcm)
    assert abs((onset_near(str(pcm), 940, 300) or 0) - 1000) <= 5  # aligned 60 ms early
    assert abs((onset_near(str(pcm), 1080, 300) or 0) - 1000) <= 5  # aligned 80 ms late
    assert onset_near(str(pcm), 1250, 1100) is None  # inside speech: no pause, nothing moves


def test_every_place_recognition_heard_a_floating_turn_is_an_option() -> None:
    token_turns = [0, 0, 0, 1, 2]
    placed: list[Placed | None] = [
        Placed(0, 2000, 0.9),
        Placed(2000, 5000, 0.9),
        Placed(5000, 9000, 0.9),
        None,
    ]
    placed.append(Placed(10_000, 10_500, 0.9))
    (window,) = spot_windows({1}, token_turns, placed, 12_000)
    texts = ["one", "long", "turn", "mm-hmm", "next"]
    heard = [("mm-hmm", 1200, 1500), ("long", 2000, 2400), ("mm-hmm", 6100, 6500)]
    options = list(heard_options(window, texts, heard, 0))
    assert options == [[Placed(1200, 1500, 0.5)], [Placed(6100, 6500, 0.5)]]
    assert find_heard(window, texts, heard, 0) == options[0]
    assert list(heard_options(window, texts, heard, 2000)) == [[Placed(6100, 6500, 0.5)]]


def _place_unfound(tmp_path: Path, next_start_ms: int) -> Placed:
    from podplayer.core.align.short_turns import Where, place_floating

    # Turn 0 (A) 1-9 s, turn 1 (B, "mm-hmm") floats and is heard nowhere, turn 2 (A) next. The
    # audio is silence: no voice to learn, nothing to find.
    pcm = tmp_path / "silence.pcm"
    pcm.write_bytes(bytes(2 * 16_000 * 12))
    token_turns = [0, 0, 0, 1, 2]
    placed: list[Placed | None] = [
        Placed(1000, 4000, 0.9),
        Placed(4000, 6000, 0.9),
        Placed(6000, 9000, 0.9),
        None,
        Placed(next_start_ms, next_start_ms + 500, 0.9),
    ]
    where = Where(token_turns, ["A", "B", "A"], 12_000, str(pcm))
    place_floating({1}, where, ["one", "long", "turn", "mm-hmm", "next"], [], placed)
    guess = placed[3]
    assert guess is not None and guess.confidence == CONF_INTERPOLATED
    return guess


def test_a_short_turn_nothing_found_starts_after_the_turn_before_it(tmp_path: Path) -> None:
    """The transcript's order is the default: with room before the next turn, it follows the last one."""
    assert _place_unfound(tmp_path, next_start_ms=10_500).start_ms == 9000


def test_a_short_turn_nothing_found_without_room_goes_midway_between_its_listed_neighbours(
    tmp_path: Path,
) -> None:
    """Where the turns around it run into each other it was said over one: midway between their starts."""
    assert _place_unfound(tmp_path, next_start_ms=9100).start_ms == (1000 + 9100) // 2
