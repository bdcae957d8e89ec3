"""Speaker turns from voices alone: units cut at sentence ends and pauses, grouped by voice."""

from __future__ import annotations

import numpy as np
import pytest

from podplayer.core.jobs import CancelToken
from podplayer.core.model import Word
from podplayer.core.transcribe.pipeline import decode_samples
from podplayer.core.transcribe.speakers import Unit, label_units, speaker_turns, split_units
from tests.core.transcribe.excerpts import THREE_VOICES, THREE_VOICES_TRUTH


def _words(*spec: tuple[str, int, int]) -> list[Word]:
    return [Word(text, start, end) for text, start, end in spec]


def test_units_end_at_sentence_ends_with_a_pause_and_at_long_pauses() -> None:
    words = _words(
        ("Hello", 0, 300), ("there.", 320, 700),  # sentence end + 300 ms pause: a cut
        ("Yes", 1000, 1200), ("indeed", 1250, 1500),  # 150 ms after "Yes" is no cut
        ("so", 2200, 2400),  # 700 ms pause without a sentence end: a cut
        ("Dr.", 2420, 2600), ("Who", 2650, 2900),  # a dot without a pause: no cut
    )
    units = split_units(words, segment_starts=set())
    assert [(u.first, u.end) for u in units] == [(0, 2), (2, 4), (4, 7)]
    assert units[0].start_ms == 0 and units[0].end_ms == 700


def test_turns_join_units_of_one_speaker_and_number_speakers_in_order() -> None:
    words = _words(("a.", 0, 100), ("b.", 500, 600), ("c.", 1000, 1100))
    units = [Unit(0, 1, 0, 100), Unit(1, 2, 500, 600), Unit(2, 3, 1000, 1100)]
    turns = speaker_turns(words, units, [0, 0, 1])
    assert [(t.speaker, t.text, t.start_ms, t.end_ms) for t in turns] == [
        ("Speaker 1", "a. b.", 0, 600),
        ("Speaker 2", "c.", 1000, 1100),
    ]


@pytest.fixture(scope="module")
def first_minutes() -> tuple[np.ndarray, list[Unit], list[str]]:
    """The three-voice episode's first 100 s, cut into units at the true sentence times."""
    samples = decode_samples(THREE_VOICES, CancelToken())[: 100 * 16_000]
    units: list[Unit] = []
    speakers: list[str] = []
    for turn in THREE_VOICES_TRUTH["turns"]:
        for sentence in turn["sentences"]:
            if sentence["end_ms"] <= 100_000:
                units.append(Unit(len(units), len(units) + 1, sentence["start_ms"], sentence["end_ms"]))
                speakers.append(turn["speaker"])
    return samples, units, speakers


def _agreement(labels: list[int], speakers: list[str]) -> float:
    """Share of units whose label is their speaker's most common label (labels distinct per speaker)."""
    best = {s: max(set(labels), key=[lab for lab, t in zip(labels, speakers, strict=False) if t == s].count) for s in set(speakers)}
    assert len(set(best.values())) == len(best), f"two speakers share a label: {best}"
    return sum(best[s] == label for label, s in zip(labels, speakers, strict=False)) / len(labels)


def test_three_voices_are_told_apart_when_the_count_is_given(first_minutes) -> None:  # type: ignore[no-untyped-def]
    samples, units, speakers = first_minutes
    assert len(set(speakers)) == 3
    labels = label_units(samples, units, speakers=3)
    assert set(labels) == {0, 1, 2}
    assert _agreement(labels, speakers) >= 0.9


def test_the_number_of_voices_is_found(first_minutes) -> None:  # type: ignore[no-untyped-def]
    samples, units, speakers = first_minutes
    labels = label_units(samples, units, speakers=None)
    assert len(set(labels)) == 3
    assert _agreement(labels, speakers) >= 0.9


def test_one_voice_stays_one_speaker(first_minutes) -> None:  # type: ignore[no-untyped-def]
    samples, units, speakers = first_minutes
    one = [u for u, s in zip(units, speakers, strict=False) if s == speakers[0]]
    assert len(one) >= 4
    assert set(label_units(samples, one, speakers=None)) == {0}
