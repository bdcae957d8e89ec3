"""End to end on short excerpts (tiny.en, offline): text, word timing, speaker turns, cancel.

The full-length floors (demo WER, real-time factor, memory) are measured by ``make bench``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.transcribe_scoring import speaker_score, truth_text, word_error_rate
from podplayer.core.jobs import Cancelled, CancelToken
from podplayer.core.model import Timing, Transcript
from podplayer.core.transcribe import Segment, TranscribeError, TranscribeOptions, transcribe_audio
from tests.conftest import real_speech
from tests.core.transcribe.excerpts import THREE_VOICES, THREE_VOICES_TRUTH, cut, turn_boundary_before
from tests.helpers_audio import sequence, silence, tone, write_audio
from tests.helpers_typing import present

EXCERPT_END_MS = 75_000


@pytest.fixture(scope="module")
def three_voice_minute(tmp_path_factory: pytest.TempPathFactory) -> tuple[Transcript, list[Segment], int]:
    end = turn_boundary_before(THREE_VOICES_TRUTH, EXCERPT_END_MS)
    audio = cut(THREE_VOICES, 0, end, tmp_path_factory.mktemp("three") / "excerpt.wav")
    heard: list[Segment] = []
    progress: list[float] = []
    transcript = transcribe_audio(
        audio, TranscribeOptions(), progress=lambda d, t, m: progress.append(d / t), on_segment=heard.append
    )
    assert progress == sorted(progress) and progress[-1] == 1.0
    return transcript, heard, end


@pytest.mark.slow
def test_the_text_is_recognised_and_every_word_timed(three_voice_minute: tuple[Transcript, list[Segment], int]) -> None:
    transcript, heard, end = three_voice_minute
    turns = [t for t in THREE_VOICES_TRUTH["turns"] if t["end_ms"] <= end]
    reference = " ".join(s["text"] for t in turns for s in t["sentences"])
    assert word_error_rate(reference, " ".join(t.text for t in transcript.turns)) <= 0.15
    assert transcript.timing is Timing.WORD
    starts = [present(w.start_ms) for t in transcript.turns for w in t.words]
    assert starts == sorted(starts)
    # The text appeared segment by segment, in order, and is what ended up in the transcript.
    assert len(heard) >= 3
    assert " ".join(s.text for s in heard).split() == [w.text for t in transcript.turns for w in t.words]


@pytest.mark.slow
def test_speaker_turns_follow_the_voices(three_voice_minute: tuple[Transcript, list[Segment], int]) -> None:
    transcript, _, end = three_voice_minute
    score = speaker_score(transcript, THREE_VOICES_TRUTH, 0, end)
    assert score.change_recall >= 0.9
    assert score.label_consistency >= 0.9 and score.distinct_labels
    assert score.turn_start_within_250ms >= 0.95
    assert set(transcript.speakers) == {"Speaker 1", "Speaker 2", "Speaker 3"}
    assert transcript.metadata["transcribed_with"] == "tiny.en"


@pytest.mark.slow
def test_real_speech_is_one_speaker_with_few_errors() -> None:
    transcript = transcribe_audio(real_speech() / "sonnet001.mp3")
    reference = (real_speech() / "sonnet001.txt").read_text(encoding="utf-8")
    assert word_error_rate(reference, " ".join(t.text for t in transcript.turns)) <= 0.25
    assert transcript.speakers == ["Speaker 1"]


def test_cancelling_stops_the_job_with_nothing_returned(tmp_path: Path) -> None:
    audio = cut(THREE_VOICES, 0, 20_000, tmp_path / "excerpt.wav")
    token = CancelToken()

    def stop_after_first(_: Segment) -> None:
        token.cancel()

    with pytest.raises(Cancelled):
        transcribe_audio(audio, cancel=token, on_segment=stop_after_first)


def test_audio_without_speech_is_a_clear_error(tmp_path: Path) -> None:
    audio = write_audio(sequence(silence(3000), tone(2000, level_db=-30), silence(3000)), tmp_path / "beep.wav")
    with pytest.raises(TranscribeError, match="no speech"):
        transcribe_audio(audio)


def test_an_english_model_refuses_another_language(tmp_path: Path) -> None:
    audio = cut(THREE_VOICES, 0, 3000, tmp_path / "short.wav")
    with pytest.raises(TranscribeError, match="English only"):
        transcribe_audio(audio, TranscribeOptions(language="fr"))


def test_truth_text_reads_every_sentence() -> None:
    assert truth_text(THREE_VOICES_TRUTH).startswith("Welcome to Episode 67")
