"""Waveform envelopes streamed from real files, and their disk cache (hit, miss, cancel)."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

from podplayer.core.jobs import Cancelled, CancelToken
from podplayer.core.model import AudioError
from podplayer.core.waveform import (
    Envelope,
    cache_file,
    compute_envelope,
    load_or_compute_envelope,
)
from tests.helpers_audio import DEMO_AUDIO, sequence, silence, tone, write_audio


@pytest.fixture
def tone_then_silence(tmp_path: Path) -> Path:
    return write_audio(sequence(tone(1000, level_db=-6.0), silence(1000)), tmp_path / "a.wav")


def test_envelope_levels_follow_the_audio(tone_then_silence: Path) -> None:
    env = compute_envelope(tone_then_silence, buckets_per_second=50)
    assert env.bucket_ms == 20
    assert abs(len(env) - 100) <= 1
    assert env.duration_ms == 2000
    loud_peak, loud_rms = env.peak[2:48], env.rms[2:48]
    assert np.all((loud_peak > 0.4) & (loud_peak < 0.6))  # -6 dBFS sine
    assert np.allclose(loud_rms, loud_peak / np.sqrt(2), rtol=0.1)
    assert np.all(env.peak[52:] < 0.01)
    assert env.peak.dtype == np.float32 and env.peak.min() >= 0.0 and env.peak.max() <= 1.0
    assert env.bucket_at(1500) == 75 and env.bucket_at(-5) == 0 and env.bucket_at(10**9) == len(env) - 1


def test_envelope_with_a_bucket_count(tone_then_silence: Path) -> None:
    env = compute_envelope(tone_then_silence, n_buckets=40)
    assert 39 <= len(env) <= 40
    assert env.bucket_ms == 50


def test_envelope_reports_progress_to_the_end() -> None:
    seen: list[tuple[float, float]] = []
    env = compute_envelope(DEMO_AUDIO, progress=lambda done, total, message: seen.append((done, total)))
    assert len(seen) > 10
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    assert seen[-1][0] == pytest.approx(seen[-1][1], rel=0.01)
    assert abs(len(env) * env.bucket_ms - env.duration_ms) <= env.bucket_ms
    assert env.peak[: 1400 // 20].max() < 0.01 < env.peak[1600 // 20 : 5000 // 20].max()  # 1.5 s lead-in


def test_cache_miss_writes_then_hit_reads(tone_then_silence: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = load_or_compute_envelope(tone_then_silence, cache_dir=cache)
    files = list(cache.iterdir())
    assert [f.suffix for f in files] == [".npz"]
    # Prove the second call reads the file: plant a recognisable envelope in it.
    planted = Envelope(np.full(7, 0.25, np.float32), np.full(7, 0.125, np.float32), 20.0, 140)
    from podplayer.core.waveform import _write_cache

    _write_cache(files[0], planted)
    hit = load_or_compute_envelope(tone_then_silence, cache_dir=cache)
    assert np.array_equal(hit.peak, planted.peak) and hit.duration_ms == 140
    assert len(first) != len(hit)


def test_cache_is_keyed_by_file_state_and_settings(tone_then_silence: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    a = cache_file(tone_then_silence, cache, None, None)
    assert cache_file(tone_then_silence, cache, 100, None) != a
    st = tone_then_silence.stat()
    os.utime(tone_then_silence, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))
    assert cache_file(tone_then_silence, cache, None, None) != a
    load_or_compute_envelope(tone_then_silence, cache_dir=cache)
    write_audio(tone(500), tone_then_silence)  # changed file: a miss, recomputed
    env = load_or_compute_envelope(tone_then_silence, cache_dir=cache)
    assert abs(env.duration_ms - 500) <= 30
    assert len(list(cache.glob("*.npz"))) == 2


def test_unreadable_cache_file_is_recomputed(tone_then_silence: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    target = cache_file(tone_then_silence, cache, None, None)
    cache.mkdir()
    target.write_bytes(b"not numpy")
    env = load_or_compute_envelope(tone_then_silence, cache_dir=cache)
    assert abs(len(env) - 100) <= 1
    assert target.stat().st_size > 100


def test_cancel_stops_and_leaves_no_cache_file(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    token = CancelToken()
    calls: list[float] = []

    def progress(done: float, total: float, message: str = "") -> None:
        calls.append(done)
        token.cancel()

    with pytest.raises(Cancelled):
        load_or_compute_envelope(DEMO_AUDIO, cache_dir=cache, progress=progress, cancel=token)
    assert len(calls) == 1
    assert not cache.exists() or list(cache.iterdir()) == []


def test_bad_audio_is_an_audio_error_and_not_cached(tmp_path: Path) -> None:
    bad = tmp_path / "bad.mp3"
    bad.write_text("hello", encoding="utf-8")
    with pytest.raises(AudioError, match="bad.mp3"):
        load_or_compute_envelope(bad, cache_dir=tmp_path / "cache")
    assert not (tmp_path / "cache").exists()


def test_default_cache_lives_in_the_user_cache_folder(tone_then_silence: Path) -> None:
    from podplayer.paths import cache_dir

    load_or_compute_envelope(tone_then_silence)
    assert len(list((cache_dir() / "waveforms").glob("*.npz"))) == 1
