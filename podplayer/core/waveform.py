"""The waveform envelope of an audio file: peak and RMS level per time bucket, with a disk cache.

The audio is streamed through ffmpeg at a low sample rate (the envelope only needs a few hundred
buckets per second at most), and each chunk is reduced with numpy, so memory stays flat for any
length. :func:`compute_envelope` and :func:`load_or_compute_envelope` are jobs in the sense of
core/jobs.py: they report progress and stop on cancel, leaving no cache file behind.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from podplayer.core.atomic import staged_file
from podplayer.core.audio import FULL_SCALE, check_audio_file, decode_pcm, probe_duration_ms
from podplayer.core.jobs import CancelToken, Progress, no_progress

ENVELOPE_RATE = 2000  # Hz the audio is decoded at for the envelope
DEFAULT_BUCKETS_PER_SECOND = 50
CACHE_VERSION = 1

FloatArray = npt.NDArray[np.float32]


@dataclass(frozen=True)
class Envelope:
    """Peak and RMS level (0..1 of full scale) of consecutive buckets of ``bucket_ms`` each."""

    peak: FloatArray
    rms: FloatArray
    bucket_ms: float
    duration_ms: int

    def __len__(self) -> int:
        return len(self.peak)

    def bucket_at(self, position_ms: int) -> int:
        """The index of the bucket holding ``position_ms`` (clamped to the envelope)."""
        if len(self.peak) == 0:
            return 0
        return min(max(int(position_ms // self.bucket_ms), 0), len(self.peak) - 1)


def _samples_per_bucket(duration_ms: int, buckets_per_second: float | None, n_buckets: int | None) -> int:
    if n_buckets is not None:
        if n_buckets <= 0:
            raise ValueError("n_buckets must be positive")
        total = max(1, duration_ms * ENVELOPE_RATE // 1000)
        return max(1, -(-total // n_buckets))
    bps = buckets_per_second or DEFAULT_BUCKETS_PER_SECOND
    if bps <= 0:
        raise ValueError("buckets_per_second must be positive")
    return max(1, round(ENVELOPE_RATE / bps))


def compute_envelope(
    path: str | Path,
    buckets_per_second: float | None = None,
    n_buckets: int | None = None,
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
) -> Envelope:
    """The envelope of ``path``: ``buckets_per_second`` (default 50) or about ``n_buckets`` buckets.

    Raises AudioError for unreadable files and :class:`~podplayer.core.jobs.Cancelled` on cancel.
    """
    duration_ms = probe_duration_ms(path)
    per_bucket = _samples_per_bucket(duration_ms, buckets_per_second, n_buckets)
    total_samples = max(1, duration_ms * ENVELOPE_RATE // 1000)
    # Read whole buckets per chunk (about 5 s) so a bucket never straddles two chunks' reductions.
    chunk_ms = max(1, (5 * ENVELOPE_RATE // per_bucket) * per_bucket * 1000 // ENVELOPE_RATE)
    peaks: list[FloatArray] = []
    rmss: list[FloatArray] = []
    carry = np.zeros(0, dtype=np.int16)
    done = 0
    for chunk in decode_pcm(path, rate=ENVELOPE_RATE, chunk_ms=chunk_ms, fast_resample=True):
        if cancel is not None:
            cancel.check()
        x = np.concatenate([carry, chunk]) if len(carry) else chunk
        whole = len(x) - len(x) % per_bucket
        if whole:
            _reduce(x[:whole], per_bucket, peaks, rmss)
        carry = x[whole:]
        done += len(chunk)
        progress(min(done, total_samples), total_samples, "Drawing waveform")
    if len(carry):
        _reduce(carry, len(carry), peaks, rmss)
    if cancel is not None:
        cancel.check()
    peak = np.concatenate(peaks) if peaks else np.zeros(0, dtype=np.float32)
    rms = np.concatenate(rmss) if rmss else np.zeros(0, dtype=np.float32)
    return Envelope(peak, rms, per_bucket * 1000 / ENVELOPE_RATE, duration_ms)


def _reduce(x: npt.NDArray[np.int16], per_bucket: int, peaks: list[FloatArray], rmss: list[FloatArray]) -> None:
    frames = x.reshape(-1, per_bucket).astype(np.float32)
    peaks.append(np.minimum(np.abs(frames).max(axis=1) / FULL_SCALE, 1.0).astype(np.float32))
    rmss.append(np.minimum(np.sqrt(np.mean(frames * frames, axis=1)) / FULL_SCALE, 1.0).astype(np.float32))


def default_cache_dir() -> Path:
    from podplayer.paths import cache_dir

    return cache_dir() / "waveforms"


def cache_key(path: str | Path, buckets_per_second: float | None, n_buckets: int | None) -> str:
    """sha1 of the file's absolute path, size and mtime, and of the bucket setting."""
    p = Path(path).resolve()
    st = p.stat()
    spec = f"n{n_buckets}" if n_buckets is not None else f"b{buckets_per_second or DEFAULT_BUCKETS_PER_SECOND}"
    raw = f"{CACHE_VERSION}\0{p}\0{st.st_size}\0{st.st_mtime_ns}\0{spec}"
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()


def cache_file(path: str | Path, cache_dir: Path, buckets_per_second: float | None, n_buckets: int | None) -> Path:
    return cache_dir / f"{cache_key(path, buckets_per_second, n_buckets)}.npz"


def load_or_compute_envelope(
    path: str | Path,
    cache_dir: Path | None = None,
    buckets_per_second: float | None = None,
    n_buckets: int | None = None,
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
) -> Envelope:
    """The cached envelope of ``path`` if the file is unchanged, else compute it and cache it.

    An unreadable cache file is ignored and recomputed; cancelling leaves no cache file.
    """
    check_audio_file(path)
    folder = cache_dir if cache_dir is not None else default_cache_dir()
    target = cache_file(path, folder, buckets_per_second, n_buckets)
    cached = _read_cache(target)
    if cached is not None:
        progress(1, 1, "Drawing waveform")
        return cached
    envelope = compute_envelope(path, buckets_per_second, n_buckets, progress, cancel)
    _write_cache(target, envelope)
    return envelope


def _read_cache(target: Path) -> Envelope | None:
    try:
        with np.load(target) as data:
            return Envelope(
                data["peak"].astype(np.float32),
                data["rms"].astype(np.float32),
                float(data["bucket_ms"]),
                int(data["duration_ms"]),
            )
    except (OSError, KeyError, ValueError):
        return None


def _write_cache(target: Path, envelope: Envelope) -> None:
    """Write atomically (temp file + rename), so a reader never sees half a file."""
    try:
        with staged_file(target) as tmp, tmp.open("wb") as fh:
            np.savez(
                fh,
                peak=envelope.peak,
                rms=envelope.rms,
                bucket_ms=np.float64(envelope.bucket_ms),
                duration_ms=np.int64(envelope.duration_ms),
            )
    except OSError:
        pass  # a cache that cannot be written (read-only disk, full disk) only costs a recomputation
