"""Build small test audio files with pydub/ffmpeg: tones, silence, noise, and sequences of them.

    from tests.helpers_audio import tone, silence, sequence, write_audio
    path = write_audio(sequence(tone(1000), silence(700), tone(1000)), tmp_path / "a.mp3")

Levels are in dBFS (0 = full scale); sample rate 16 kHz mono unless asked otherwise.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from pydub import AudioSegment
from pydub.generators import Sine

RATE = 16000
DEMO_AUDIO = Path(__file__).resolve().parents[1] / "resources" / "demo" / "demo-episode.mp3"
DEMO_TRUTH = DEMO_AUDIO.with_name("demo-episode.truth.json")


def tone(ms: int, freq: float = 440.0, level_db: float = -6.0, rate: int = RATE) -> AudioSegment:
    """A sine tone of ``ms`` milliseconds whose peak is at ``level_db`` dBFS."""
    seg: AudioSegment = Sine(freq, sample_rate=rate).to_audio_segment(duration=ms, volume=level_db)
    return seg.set_channels(1)


def silence(ms: int, rate: int = RATE) -> AudioSegment:
    """Digital silence."""
    return AudioSegment.silent(duration=ms, frame_rate=rate).set_channels(1)


def noise(ms: int, level_db: float = -50.0, rate: int = RATE, seed: int = 0) -> AudioSegment:
    """Gaussian white noise whose RMS is ``level_db`` dBFS; the same ``seed`` gives the same noise."""
    # numpy rather than pydub's WhiteNoise: that one calls random() per sample and is slow for long clips.
    count = rate * ms // 1000
    rms = 32768.0 * 10 ** (level_db / 20)
    samples = np.random.default_rng(seed).normal(0.0, rms, count)
    pcm = np.clip(samples, -32768, 32767).astype("<i2")
    return AudioSegment(pcm.tobytes(), frame_rate=rate, sample_width=2, channels=1)


def sequence(*parts: AudioSegment) -> AudioSegment:
    """The parts one after another (no crossfade)."""
    out = parts[0]
    for part in parts[1:]:
        out += part
    return out


def over_noise(segment: AudioSegment, level_db: float = -50.0, seed: int = 1) -> AudioSegment:
    """``segment`` with a constant noise floor under it, like a room or a hissy recording."""
    return segment.overlay(noise(len(segment), level_db, segment.frame_rate, seed=seed))


def write_audio(segment: AudioSegment, path: Path, bitrate: str = "64k") -> Path:
    """Export ``segment`` to ``path`` in the format its suffix names (wav, mp3, ogg, flac, m4a)."""
    fmt = path.suffix.lstrip(".").lower() or "wav"
    codec_format = {"m4a": "ipod"}.get(fmt, fmt)
    params = {"bitrate": bitrate} if fmt in {"mp3", "ogg", "m4a"} else {}
    segment.export(path, format=codec_format, **params)
    return path


def tone_file(path: Path, ms: int = 1000, freq: float = 440.0) -> Path:
    """The simplest valid audio file: one tone."""
    return write_audio(tone(ms, freq), path)


def tones_and_pauses_mp3(path: Path) -> Path:
    """30 s of 2 s tones and 1 s pauses as a small MP3: a stand-in episode long enough for example transcripts."""
    parts = []
    for _ in range(10):
        parts += [tone(2000), silence(1000)]
    return write_audio(sequence(*parts), path, bitrate="32k")
