"""Audio facts and samples via ffmpeg/ffprobe: duration, streamed mono PCM, and pauses.

Everything streams through an ffmpeg subprocess, so a three-hour episode is never held in memory at
its source rate. Problems surface as :class:`AudioError` with one line naming the file.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

from podplayer.core.model import AudioError

PCM_DTYPE = np.dtype("<i2")  # what ``-f s16le`` produces
FULL_SCALE = 32768.0
DEFAULT_CHUNK_MS = 10_000
PAUSE_FRAME_MS = 10
PAUSE_RATE = 8000  # Hz; plenty to tell speech from silence, and cheap to decode
FAST_RESAMPLE_TAPS = 8  # ffmpeg's default is 32

Samples = npt.NDArray[np.int16]


class Pause(NamedTuple):
    """A silent stretch of audio, in milliseconds."""

    start_ms: int
    end_ms: int

    @property
    def duration_ms(self) -> int:
        return self.end_ms - self.start_ms


def require_tool(name: str) -> str:
    """The path of ``ffmpeg``/``ffprobe``, or a clear AudioError when it is not installed."""
    found = shutil.which(name)
    if found is None:
        raise AudioError(f"{name} is not installed; podplayer needs it to read audio (Debian: apt install ffmpeg)")
    return found


def check_audio_file(path: str | Path) -> Path:
    """Fail early, with a message naming the file, for paths that cannot be audio at all."""
    p = Path(path)
    if not p.exists():
        raise AudioError(f"{p}: no such audio file")
    if p.is_dir():
        raise AudioError(f"{p}: is a directory, not an audio file")
    try:
        size = p.stat().st_size
    except OSError as exc:
        raise AudioError(f"{p}: cannot read audio file ({exc.strerror})") from exc
    if size == 0:
        raise AudioError(f"{p}: audio file is empty (0 bytes)")
    return p


def _first_error_line(stderr: str) -> str:
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    return lines[-1] if lines else "unknown error"


def _seconds(value: object, default: float) -> float:
    try:
        return float(str(value))
    except ValueError:
        return default


def probe_duration_ms(path: str | Path) -> int:
    """The audio duration in milliseconds, read with ffprobe (decoding only if the container is silent)."""
    p = check_audio_file(path)
    cmd = [
        require_tool("ffprobe"), "-v", "error", "-show_entries", "format=duration,start_time:stream=codec_type",
        "-of", "json", str(p),
    ]  # fmt: skip
    result = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise AudioError(f"{p}: not a readable audio file ({_first_error_line(result.stderr)})")
    try:
        info = json.loads(result.stdout or "{}")
    except json.JSONDecodeError as exc:
        raise AudioError(f"{p}: ffprobe gave unreadable output") from exc
    streams = info.get("streams") or []
    if not any(s.get("codec_type") == "audio" for s in streams):
        raise AudioError(f"{p}: not an audio file (no audio stream found)")
    fmt = info.get("format") or {}
    seconds = _seconds(fmt.get("duration"), -1.0)
    # An mp3's encoder delay shows as a start time; players count from the first decoded sample.
    seconds -= max(_seconds(fmt.get("start_time"), 0.0), 0.0)
    if seconds <= 0:
        # Some streams (raw/damaged files) carry no duration: count decoded samples instead.
        samples = sum(len(chunk) for chunk in decode_pcm(p, rate=PAUSE_RATE))
        if samples == 0:
            raise AudioError(f"{p}: audio file contains no decodable audio")
        return round(samples * 1000 / PAUSE_RATE)
    return round(seconds * 1000)


def decode_pcm(
    path: str | Path,
    rate: int = 16000,
    start_ms: int = 0,
    duration_ms: int | None = None,
    chunk_ms: int = DEFAULT_CHUNK_MS,
    fast_resample: bool = False,
) -> Iterator[Samples]:
    """Stream the file as mono signed 16-bit samples at ``rate`` Hz, in chunks of ``chunk_ms``.

    The file and ffmpeg are checked at once; the ffmpeg process is stopped if the caller stops
    iterating. A decode failure raises AudioError (after the chunks decoded so far were yielded).
    ``fast_resample`` uses a short resampling filter: a little aliasing, a lot less CPU; right for
    level analysis (envelopes, pauses), wrong for listening or recognition.
    """
    p = check_audio_file(path)
    if rate <= 0 or chunk_ms <= 0:
        raise ValueError("rate and chunk_ms must be positive")
    cmd = [require_tool("ffmpeg"), "-nostdin", "-v", "error"]
    if start_ms > 0:
        cmd += ["-ss", f"{start_ms / 1000:.3f}"]
    cmd += ["-i", str(p), "-vn", "-sn", "-dn"]
    if duration_ms is not None:
        cmd += ["-t", f"{max(duration_ms, 0) / 1000:.3f}"]
    cmd += ["-ac", "1", "-ar", str(rate)]
    if fast_resample:
        cmd += ["-af", f"aresample={rate}:filter_size={FAST_RESAMPLE_TAPS}"]
    # Without -flush_packets 0 ffmpeg writes every decoded frame (a few hundred bytes) separately,
    # and the reader wakes up for each: a third of the CPU time went into that.
    cmd += ["-flush_packets", "0", "-f", "s16le", "-acodec", "pcm_s16le", "pipe:1"]
    chunk_bytes = max(1, rate * chunk_ms // 1000) * PCM_DTYPE.itemsize
    return _stream_pcm(p, cmd, chunk_bytes)


def _stream_pcm(p: Path, cmd: list[str], chunk_bytes: int) -> Iterator[Samples]:
    # stderr goes to a file, not a pipe: a chatty ffmpeg can then never block on a full pipe.
    with tempfile.TemporaryFile() as errors:
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=errors, stdin=subprocess.DEVNULL)
        assert proc.stdout is not None
        finished = False
        try:
            carry = b""
            while True:
                data = proc.stdout.read(chunk_bytes)
                if not data:
                    break
                data = carry + data
                usable = len(data) - len(data) % PCM_DTYPE.itemsize
                carry = data[usable:]
                if usable:
                    yield np.frombuffer(data[:usable], dtype=PCM_DTYPE).astype(np.int16, copy=False)
            finished = True
        finally:
            if not finished:
                proc.kill()
            proc.stdout.close()
            code = proc.wait()
        if code != 0:
            errors.seek(0)
            message = _first_error_line(errors.read().decode("utf-8", "replace"))
            raise AudioError(f"{p}: cannot decode audio ({message})")


def frame_levels_db(chunks: Iterable[Samples], rate: int, frame_ms: int = PAUSE_FRAME_MS) -> npt.NDArray[np.float64]:
    """RMS level in dBFS of each ``frame_ms`` frame of a stream of samples (digital silence: -120)."""
    frame = max(1, rate * frame_ms // 1000)
    energies: list[npt.NDArray[np.float64]] = []
    carry: npt.NDArray[np.float64] = np.zeros(0)
    for chunk in chunks:
        x = np.concatenate([carry, chunk.astype(np.float64) / FULL_SCALE])
        whole = len(x) - len(x) % frame
        if whole:
            energies.append(np.mean(np.square(x[:whole]).reshape(-1, frame), axis=1))
        carry = x[whole:]
    if len(carry):
        energies.append(np.array([np.mean(np.square(carry))]))
    if not energies:
        return np.zeros(0)
    power = np.concatenate(energies)
    return 10.0 * np.log10(np.maximum(power, 1e-12))


def silence_level_db(levels: npt.NDArray[np.float64], threshold_db: float) -> float:
    """The level under which a frame counts as silent, relative to the file's own loudness.

    ``threshold_db`` is measured down from the speech level (95th percentile of frame levels) and
    never reaches into the noise floor (10th percentile + 6 dB), so quiet and noisy files both work.
    """
    audible = levels[levels > -100.0]
    if len(audible) == 0:
        return 0.0  # everything is digital silence
    loud = float(np.percentile(audible, 95))
    floor = float(np.percentile(levels, 10))
    return max(loud + threshold_db, min(floor + 6.0, loud - 6.0))


def pauses_from_levels(
    levels: npt.NDArray[np.float64],
    frame_ms: int = PAUSE_FRAME_MS,
    min_silence_ms: int = 300,
    threshold_db: float = -35.0,
) -> list[Pause]:
    """Runs of silent frames at least ``min_silence_ms`` long (see :func:`silence_level_db`)."""
    if len(levels) == 0:
        return []
    silent = levels < silence_level_db(levels, threshold_db)
    edges = np.diff(np.concatenate([[0], silent.astype(np.int8), [0]]))
    starts = np.flatnonzero(edges == 1)
    ends = np.flatnonzero(edges == -1)
    min_frames = max(1, -(-min_silence_ms // frame_ms))
    keep = (ends - starts) >= min_frames
    return [Pause(int(s) * frame_ms, int(e) * frame_ms) for s, e in zip(starts[keep], ends[keep], strict=True)]


def find_pauses(
    source: str | Path | Samples,
    min_silence_ms: int = 300,
    threshold_db: float = -35.0,
    rate: int = PAUSE_RATE,
) -> list[Pause]:
    """Silent stretches of a file (streamed) or of a PCM array at ``rate`` Hz, as (start_ms, end_ms).

    Silence is judged relative to the file's loudness (``threshold_db`` below its speech level), in
    10 ms frames. Leading and trailing silence count as pauses too.
    """
    chunks: Iterable[Samples] = [source] if isinstance(source, np.ndarray) else decode_pcm(source, rate=rate, fast_resample=True)
    levels = frame_levels_db(chunks, rate)
    return pauses_from_levels(levels, PAUSE_FRAME_MS, min_silence_ms, threshold_db)
