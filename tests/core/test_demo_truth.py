"""The shipped demo episode: its truth file matches the app's parse of the seed and the audio itself."""

from __future__ import annotations

import json
import subprocess
from typing import Any

import numpy as np
import pytest

from podplayer.core.audio import decode_pcm, probe_duration_ms
from podplayer.core.formats import read_transcript
from podplayer.paths import SEED_EPISODE
from tests.helpers_audio import DEMO_AUDIO, DEMO_TRUTH

RATE = 8000


@pytest.fixture(scope="module")
def truth() -> Any:
    return json.loads(DEMO_TRUTH.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def samples() -> np.ndarray:
    return np.concatenate(list(decode_pcm(DEMO_AUDIO, rate=RATE))).astype(np.float64)


def test_truth_turns_match_the_apps_parse_of_the_seed(truth: Any) -> None:
    transcript = read_transcript(SEED_EPISODE)
    assert len(truth["turns"]) == len(transcript.turns) == 32
    assert [t["speaker"] for t in truth["turns"]] == [t.speaker for t in transcript.turns]
    for mine, app in zip(truth["turns"], transcript.turns, strict=True):
        assert " ".join(s["text"] for s in mine["sentences"]) == app.text


def test_truth_times_are_ordered_and_inside_the_audio(truth: Any) -> None:
    duration = probe_duration_ms(DEMO_AUDIO)
    assert abs(duration - truth["duration_ms"]) <= 60
    previous_end = 0
    for turn in truth["turns"]:
        assert turn["start_ms"] == turn["sentences"][0]["start_ms"]
        assert turn["end_ms"] == turn["sentences"][-1]["end_ms"]
        for sentence in turn["sentences"]:
            assert previous_end < sentence["start_ms"] < sentence["end_ms"] <= duration
            previous_end = sentence["end_ms"]
    assert "flite" in truth["how_made"]


def rms_db(x: np.ndarray) -> float:
    return float(10 * np.log10(max(float(np.mean(np.square(x / 32768))), 1e-12)))


def test_truth_times_are_where_speech_is_audible(truth: Any, samples: np.ndarray) -> None:
    def window(start_ms: int, end_ms: int) -> np.ndarray:
        return samples[start_ms * RATE // 1000 : end_ms * RATE // 1000]

    sentences = [s for turn in truth["turns"] for s in turn["sentences"]]
    for before, after in zip(sentences, sentences[1:], strict=False):
        assert rms_db(window(before["end_ms"] + 30, after["start_ms"] - 30)) < -80, f"sound before {after['start_ms']}"
        assert rms_db(window(after["start_ms"], after["start_ms"] + 100)) > -50, f"no speech at {after['start_ms']}"
        assert rms_db(window(before["end_ms"] - 100, before["end_ms"])) > -65, f"no speech at {before['end_ms']}"


def test_demo_audio_is_small_mono_mp3() -> None:
    assert DEMO_AUDIO.stat().st_size <= 5 * 1024 * 1024
    out = subprocess.run(
        ["ffprobe", "-v", "error", "-show_entries", "stream=codec_name,channels,sample_rate", "-of", "json", str(DEMO_AUDIO)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    stream = json.loads(out.stdout)["streams"][0]
    assert (stream["codec_name"], stream["channels"], stream["sample_rate"]) == ("mp3", 1, "22050")


def test_the_app_never_reads_the_truth_file() -> None:
    from podplayer.paths import PACKAGE_DIR

    offenders = [p for p in PACKAGE_DIR.rglob("*.py") if "truth.json" in p.read_text(encoding="utf-8")]
    assert offenders == []
