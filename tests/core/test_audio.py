"""podplayer.core.audio on real files: ffprobe durations, ffmpeg-streamed PCM, pauses, clear errors."""

from __future__ import annotations

import json
from collections.abc import Generator
from pathlib import Path

import numpy as np
import pytest
from pydub import AudioSegment

from podplayer.core.audio import decode_pcm, find_pauses, probe_duration_ms
from podplayer.core.model import AudioError, PodplayerError
from tests.helpers_audio import DEMO_AUDIO, DEMO_TRUTH, over_noise, sequence, silence, tone, write_audio


def one_line_error(exc: pytest.ExceptionInfo[AudioError], path: Path) -> str:
    message = str(exc.value)
    assert "\n" not in message
    assert str(path) in message
    assert isinstance(exc.value, PodplayerError)
    return message


# --- probe_duration_ms ---------------------------------------------------------------------------
@pytest.mark.parametrize("suffix", [".wav", ".mp3", ".ogg"])
def test_probe_reads_duration_of_real_files(tmp_path: Path, suffix: str) -> None:
    path = write_audio(sequence(tone(1200), silence(1300)), tmp_path / f"a{suffix}")
    assert abs(probe_duration_ms(path) - 2500) <= 60


def test_probe_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.mp3"
    with pytest.raises(AudioError) as exc:
        probe_duration_ms(path)
    assert "no such" in one_line_error(exc, path)


def test_probe_directory(tmp_path: Path) -> None:
    with pytest.raises(AudioError) as exc:
        probe_duration_ms(tmp_path)
    assert "directory" in one_line_error(exc, tmp_path)


def test_probe_zero_length_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.mp3"
    path.touch()
    with pytest.raises(AudioError) as exc:
        probe_duration_ms(path)
    assert "empty" in one_line_error(exc, path)


def test_probe_text_file_renamed_mp3(tmp_path: Path) -> None:
    path = tmp_path / "notes.mp3"
    path.write_text("JONAS: this is a transcript, not audio.\n" * 50, encoding="utf-8")
    with pytest.raises(AudioError) as exc:
        probe_duration_ms(path)
    assert "not" in one_line_error(exc, path)


def test_probe_image_only_file_is_not_audio(tmp_path: Path) -> None:
    import subprocess

    path = tmp_path / "cover.mp3.png"
    subprocess.run(
        ["ffmpeg", "-v", "error", "-f", "lavfi", "-i", "color=c=red:s=16x16", "-frames:v", "1", str(path)],
        check=True,
    )
    with pytest.raises(AudioError) as exc:
        probe_duration_ms(path)
    assert "audio" in one_line_error(exc, path)


def test_missing_ffmpeg_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_audio(tone(300), tmp_path / "a.wav")
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    with pytest.raises(AudioError, match="ffprobe is not installed"):
        probe_duration_ms(path)
    with pytest.raises(AudioError, match="ffmpeg is not installed"):
        decode_pcm(path)


# --- decode_pcm ----------------------------------------------------------------------------------
def test_decode_streams_mono_samples_in_chunks(tmp_path: Path) -> None:
    path = write_audio(sequence(silence(500), tone(1000, level_db=-6.0), silence(500)), tmp_path / "a.wav")
    chunks = list(decode_pcm(path, rate=8000, chunk_ms=250))
    assert len(chunks) == 8
    assert all(c.dtype == np.int16 for c in chunks)
    samples = np.concatenate(chunks)
    assert len(samples) == 16000
    assert np.abs(samples[:3900]).max() == 0
    peak = np.abs(samples[4100:11900]).max() / 32768
    assert 0.4 < peak < 0.6  # -6 dBFS


def test_decode_a_window(tmp_path: Path) -> None:
    path = write_audio(sequence(silence(1000), tone(1000), silence(1000)), tmp_path / "a.wav")
    window = np.concatenate(list(decode_pcm(path, rate=16000, start_ms=900, duration_ms=200)))
    assert len(window) == 3200
    assert np.abs(window[:1500]).max() == 0
    assert np.abs(window[1700:]).min() >= 0 and np.abs(window[1700:]).max() > 10000


def test_decode_stops_ffmpeg_when_the_reader_stops() -> None:
    stream = decode_pcm(DEMO_AUDIO, rate=16000, chunk_ms=1000)
    assert isinstance(stream, Generator)
    first = next(stream)
    assert len(first) == 16000
    stream.close()  # must not hang or leave a running decoder behind


def test_decode_garbage_raises_audio_error(tmp_path: Path) -> None:
    path = tmp_path / "noise.wav"
    path.write_bytes(bytes(range(256)) * 64)
    with pytest.raises(AudioError) as exc:
        list(decode_pcm(path))
    one_line_error(exc, path)


def test_decode_whole_demo_matches_its_duration() -> None:
    total = sum(len(c) for c in decode_pcm(DEMO_AUDIO, rate=8000))
    assert abs(total / 8 - probe_duration_ms(DEMO_AUDIO)) < 100


# --- find_pauses ---------------------------------------------------------------------------------
def pattern() -> AudioSegment:
    return sequence(tone(1000), silence(700), tone(800), silence(300), tone(600), silence(1000))


def test_pauses_of_tones_and_silence(tmp_path: Path) -> None:
    path = write_audio(pattern(), tmp_path / "a.wav")
    pauses = find_pauses(path, min_silence_ms=500)
    assert [(round(p.start_ms, -1), round(p.end_ms, -1)) for p in pauses] == [(1000, 1700), (3400, 4400)]
    shorter = find_pauses(path, min_silence_ms=200)
    assert len(shorter) == 3 and abs(shorter[1].start_ms - 2500) <= 10 and abs(shorter[1].end_ms - 2800) <= 10


def test_pauses_are_relative_to_the_files_loudness(tmp_path: Path) -> None:
    """A quiet recording over a hiss floor has the same pauses as a loud clean one."""
    loud = write_audio(pattern(), tmp_path / "loud.wav")
    quiet_hiss = write_audio(over_noise(pattern().apply_gain(-30), level_db=-70), tmp_path / "quiet.mp3")
    a = find_pauses(loud, min_silence_ms=500)
    b = find_pauses(quiet_hiss, min_silence_ms=500)
    assert len(a) == len(b) == 2
    for x, y in zip(a, b, strict=True):
        assert abs(x.start_ms - y.start_ms) <= 40 and abs(x.end_ms - y.end_ms) <= 40


def test_pauses_of_a_pcm_array() -> None:
    rate = 8000
    pcm = np.zeros(rate * 3, dtype=np.int16)
    pcm[rate // 2 : rate] = (np.sin(np.arange(rate // 2) * 0.3) * 8000).astype(np.int16)
    pcm[2 * rate : 5 * rate // 2] = 8000
    assert find_pauses(pcm, min_silence_ms=300, rate=rate) == [(0, 500), (1000, 2000), (2500, 3000)]


def test_demo_turn_gaps_are_found_as_pauses() -> None:
    truth = json.loads(DEMO_TRUTH.read_text(encoding="utf-8"))
    pauses = find_pauses(DEMO_AUDIO, min_silence_ms=400)
    assert pauses[0].start_ms == 0 and abs(pauses[0].end_ms - truth["turns"][0]["start_ms"]) <= 30
    for before, after in zip(truth["turns"], truth["turns"][1:], strict=False):
        gap = (before["end_ms"], after["start_ms"])
        covering = [p for p in pauses if p.start_ms <= gap[0] + 60 and p.end_ms >= gap[1] - 60]
        assert covering, f"no pause found between turns at {gap}"
