"""Who speaks when, on real and generated conversation, scored with pyannote.metrics (no collar,
overlap scored). The figures behind the floors are in the README; ``make bench`` repeats them."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from benchmarks.real_data import PyannoteSample
from benchmarks.speaker_scoring import (
    Reference,
    ami_reference,
    change_recall,
    der,
    labels_per_voice,
    rttm_reference,
    span_turns,
    transcript_turns,
    truth_reference,
    truth_sentence_turns,
)
from podplayer.core.jobs import Cancelled, CancelToken
from podplayer.core.model import Transcript, Word
from podplayer.core.speakers import Diarization, diarize, label_words
from podplayer.core.speakers.turns import keep_clear_interjections
from podplayer.core.transcribe.pipeline import decode_samples
from tests.conftest import FIXTURES, REPO, shared

pytest.importorskip("onnxruntime", reason="the transcribe extra is not installed")

DEMO = REPO / "resources" / "demo" / "demo-episode.mp3"
THREE_VOICES = FIXTURES / "three-voices" / "three-voices.mp3"


@pytest.fixture(scope="module")
def ami() -> tuple[Diarization, Reference]:
    folder = shared("real-conversation")
    samples = decode_samples(folder / "ami-es2004a-0750.flac", CancelToken())
    return diarize(samples), ami_reference(folder / "ami-es2004a-0750.reference.json")


def test_ami_meeting_minute_finds_three_or_four_speakers(ami: tuple[Diarization, Reference]) -> None:
    diarization, _ = ami
    assert diarization.count in (3, 4)


def test_ami_meeting_minute_error_rate_and_changes(ami: tuple[Diarization, Reference]) -> None:
    diarization, reference = ami
    hypothesis = span_turns(diarization.spans)
    assert der(reference, hypothesis) <= 0.25
    assert change_recall(reference, hypothesis, min_turn_s=2.0) >= 0.5


def test_pyannote_telephone_sample_two_speakers(pyannote: PyannoteSample) -> None:
    samples = decode_samples(pyannote.audio, CancelToken())
    diarization = diarize(samples)
    assert diarization.count == 2
    assert der(rttm_reference(pyannote.rttm), span_turns(diarization.spans)) <= 0.15


@pytest.mark.slow
@pytest.mark.parametrize("audio", [DEMO, THREE_VOICES], ids=["demo", "three-voices"])
def test_generated_episodes_every_change_one_label_per_voice(audio: Path) -> None:
    truth = audio.with_name(audio.stem + ".truth.json")
    samples = decode_samples(audio, CancelToken())
    diarization = diarize(samples)
    reference = truth_reference(truth)
    turns = transcript_turns(Transcript(label_words([w for t in truth_sentence_turns(truth) for w in t.words], diarization, samples)))
    assert der(reference, turns) <= 0.05
    assert change_recall(reference, turns) == 1.0
    labels = labels_per_voice(reference, turns)
    assert len(set(labels.values())) == len(labels) == diarization.count


def test_a_given_number_of_speakers_is_kept(ami: tuple[Diarization, Reference]) -> None:
    folder = shared("real-conversation")
    samples = decode_samples(folder / "ami-es2004a-0750.flac", CancelToken())[: 30 * 16_000]
    assert diarize(samples, speakers=2).count == 2


def test_silence_has_no_speakers_and_cancel_stops() -> None:
    silence = np.zeros(16_000 * 5, dtype=np.float32)
    assert diarize(silence).spans == []
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        diarize(decode_samples(THREE_VOICES, CancelToken())[: 16_000 * 20], cancel=token)


@pytest.fixture(scope="module")
def demo() -> tuple[np.ndarray, Diarization, list[dict[str, int | str]]]:
    samples = decode_samples(DEMO, CancelToken())
    truth = json.loads(DEMO.with_name("demo-episode.truth.json").read_text(encoding="utf-8"))["turns"]
    return samples, diarize(samples), truth


@pytest.mark.slow
def test_a_short_interjection_stays_only_where_its_voice_is_clear(
    demo: tuple[np.ndarray, Diarization, list[dict[str, int | str]]],
) -> None:
    """Turn 26 of the demo is Jonas's short question between two of Amy's turns: one second of it, as
    a single word between Amy's words, stays Jonas's turn; one second of Amy's own speech labelled as
    Jonas joins Amy's turn."""
    samples, diarization, truth = demo
    before, jonas, after = truth[25], truth[26], truth[27]
    assert (before["speaker"], jonas["speaker"], after["speaker"]) == ("AMY", "JONAS", "AMY")
    amy = diarization.voice_at(int(before["start_ms"]), int(before["end_ms"]))
    him = diarization.voice_at(int(jonas["start_ms"]), int(jonas["end_ms"]))
    assert amy is not None and him is not None and amy != him
    start = int(jonas["start_ms"])
    words = [
        Word("amy", int(before["end_ms"]) - 1500, int(before["end_ms"])),
        Word("jonas", start, start + 1000),
        Word("amy", int(after["start_ms"]), int(after["start_ms"]) + 1500),
    ]
    assert keep_clear_interjections(words, [amy, him, amy], diarization, samples) == [amy, him, amy]
    middle = int(before["start_ms"]) + 2000
    inside_amy = [Word("a", middle - 1500, middle), Word("b", middle, middle + 1000), Word("c", middle + 1000, middle + 2500)]
    assert keep_clear_interjections(inside_amy, [amy, him, amy], diarization, samples) == [amy, amy, amy]
