"""Who speaks when: speech regions, speaker embeddings over short sliding windows, voices by clustering.

1. Speech regions from Silero VAD (the ONNX file faster-whisper ships).
2. Within them, windows of WINDOW_MS every STEP_MS; each gets a CAM++ embedding (embedding.py).
3. The embeddings are clustered into voices (cluster.py), into N voices when N is given.
4. Every 10 ms frame of speech takes the voice of the window whose centre is nearest, so a change is
   placed to within half a step, wherever it falls; runs of one voice become spans.

A window is short enough (1.5 s) that a short reply gets a window of its own, and long enough for a
stable embedding. Where two people talk at once the frame goes to the voice of the nearest window:
one voice per moment (overlap is not marked separately; see the README for the measured effect).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from podplayer.core.jobs import CancelToken, Progress, no_progress
from podplayer.core.speakers import embedding
from podplayer.core.speakers.cluster import Floats, centres, cluster, normalise

RATE = embedding.RATE
FRAME_MS = 10
WINDOW_MS = 1000
STEP_MS = 500
MIN_REGION_MS = 300  # shorter speech regions still get one (short) window of their own
VAD_THRESHOLD = 0.35  # Silero speech probability; its default 0.5 misses soft telephone speech


@dataclass(frozen=True, slots=True)
class Span:
    start_ms: int
    end_ms: int
    voice: int


@dataclass(slots=True)
class Diarization:
    """Voices found in one recording: spans in time order, and each voice's centre embedding (unit
    length), which known voices are matched against."""

    spans: list[Span]
    voices: dict[int, Floats] = field(default_factory=dict)
    frame_voice: npt.NDArray[np.int64] = field(default_factory=lambda: np.zeros(0, dtype=np.int64))

    @property
    def count(self) -> int:
        return len(self.voices)

    def voice_at(self, start_ms: int, end_ms: int) -> int | None:
        """The voice heard most between two times, or None where nobody speaks."""
        first, last = start_ms // FRAME_MS, max(start_ms // FRAME_MS + 1, end_ms // FRAME_MS)
        frames = self.frame_voice[first:last]
        frames = frames[frames >= 0]
        if len(frames) == 0:
            return None
        return int(np.bincount(frames).argmax())


def speech_regions(samples: Floats) -> list[tuple[int, int]]:
    """Speech regions as (start, end) sample indices (Silero VAD)."""
    from faster_whisper.vad import VadOptions, get_speech_timestamps

    options = VadOptions(threshold=VAD_THRESHOLD, min_speech_duration_ms=150, min_silence_duration_ms=300, speech_pad_ms=60)
    return [(int(r["start"]), int(r["end"])) for r in get_speech_timestamps(samples, options)]


def _windows(regions: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """(first frame, frame count) of every analysis window inside the speech regions."""
    size, step = WINDOW_MS // FRAME_MS, STEP_MS // FRAME_MS
    out: list[tuple[int, int]] = []
    for start, end in regions:
        first, last = start * 1000 // RATE // FRAME_MS, end * 1000 // RATE // FRAME_MS
        length = last - first
        if length * FRAME_MS < MIN_REGION_MS:
            continue
        if length <= size:
            out.append((first, length))
            continue
        position = first
        while position + size < last:
            out.append((position, size))
            position += step
        out.append((last - size, size))
    return out


def diarize(
    samples: Floats,
    speakers: int | None = None,
    *,
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
) -> Diarization:
    """The voices of 16 kHz mono ``samples`` (see the module docstring)."""
    cancel = cancel or CancelToken()
    total_frames = len(samples) * 1000 // RATE // FRAME_MS
    progress(0.0, 1.0, "Finding speech")
    regions = speech_regions(samples)
    cancel.check()
    windows = _windows(regions)
    if not windows:
        return Diarization([], {}, np.full(total_frames, -1, dtype=np.int64))
    progress(0.1, 1.0, "Listening to voices")
    bank = embedding.filterbanks(samples)
    features = [embedding.window_features(bank, first, count) for first, count in windows]
    vectors = np.zeros((len(windows), embedding.EMBEDDING_SIZE), dtype=np.float32)
    chunk = 64
    for start in range(0, len(windows), chunk):
        cancel.check()
        vectors[start : start + chunk] = embedding.embed_features(features[start : start + chunk])
        progress(0.1 + 0.85 * min(len(windows), start + chunk) / len(windows), 1.0, "Listening to voices")
    labels = cluster(vectors, speakers)
    frame_voice = _frame_voices(total_frames, regions, windows, labels)
    unit = normalise(vectors)
    progress(1.0, 1.0, "Speakers found")
    return Diarization(_spans(frame_voice), centres(unit, labels), frame_voice)


def _frame_voices(
    total: int, regions: list[tuple[int, int]], windows: list[tuple[int, int]], labels: npt.NDArray[np.int64]
) -> npt.NDArray[np.int64]:
    """Each speech frame takes the voice of the window whose centre is nearest; silence is -1."""
    centre = np.array([first + count / 2 for first, count in windows])
    voice = np.full(total, -1, dtype=np.int64)
    for start, end in regions:
        first, last = start * 1000 // RATE // FRAME_MS, min(total, end * 1000 // RATE // FRAME_MS)
        if last <= first:
            continue
        frames = np.arange(first, last) + 0.5
        nearest = np.searchsorted(centre, frames)
        before = np.clip(nearest - 1, 0, len(centre) - 1)
        after = np.clip(nearest, 0, len(centre) - 1)
        pick = np.where(np.abs(centre[before] - frames) <= np.abs(centre[after] - frames), before, after)
        voice[first:last] = labels[pick]
    return voice


def _spans(frame_voice: npt.NDArray[np.int64]) -> list[Span]:
    spans: list[Span] = []
    changes = np.flatnonzero(np.diff(frame_voice)) + 1
    bounds = [0, *changes.tolist(), len(frame_voice)]
    for a, b in zip(bounds, bounds[1:], strict=False):
        if b > a and frame_voice[a] >= 0:
            spans.append(Span(a * FRAME_MS, b * FRAME_MS, int(frame_voice[a])))
    return spans
