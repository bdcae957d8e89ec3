"""Who speaks when: speech regions, speaker embeddings over short sliding windows, voices by clustering.

1. Speech regions from Silero VAD (the ONNX file faster-whisper ships).
2. Within them, windows of WINDOW_MS every STEP_MS; each gets a CAM++ embedding (embedding.py).
3. The embeddings are clustered into voices (cluster.py), into N voices when N is given. Past
   DENSE_UP_TO_S, every other window is embedded and clustered first; a window left out between two
   of one voice takes that voice, and one between two voices is embedded and takes the nearest
   voice. On the 10-minute bench episode this halves the time and gives the same spans.
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
# Recordings longer than this embed every other window first, then only the windows between two of
# a different voice (where a change lies): about half the work, the same changes (README figures).
DENSE_UP_TO_S = 300
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


def _windows(regions: list[tuple[int, int]]) -> tuple[list[tuple[int, int]], list[int]]:
    """(first frame, frame count) of every analysis window inside the speech regions, and the region
    each lies in."""
    size, step = WINDOW_MS // FRAME_MS, STEP_MS // FRAME_MS
    out: list[tuple[int, int]] = []
    region_of: list[int] = []
    for index, (start, end) in enumerate(regions):
        before = len(out)
        first, last = start * 1000 // RATE // FRAME_MS, end * 1000 // RATE // FRAME_MS
        length = last - first
        if length * FRAME_MS < MIN_REGION_MS:
            continue
        if length <= size:
            out.append((first, length))
            region_of.append(index)
            continue
        position = first
        while position + size < last:
            out.append((position, size))
            position += step
        out.append((last - size, size))
        region_of += [index] * (len(out) - before)
    return out, region_of


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
    windows, region_of = _windows(regions)
    if not windows:
        return Diarization([], {}, np.full(total_frames, -1, dtype=np.int64))
    progress(0.1, 1.0, "Listening to voices")
    bank = embedding.filterbanks(samples)
    dense = len(samples) <= DENSE_UP_TO_S * RATE
    first = list(range(len(windows))) if dense else _every_other(region_of)
    vectors = _embed(bank, windows, first, progress, cancel, 0.1, 0.75 if not dense else 0.85)
    found = cluster(vectors, speakers)
    unit = normalise(vectors)
    voices = centres(unit, found)
    labels = np.full(len(windows), -1, dtype=np.int64)
    labels[first] = found
    between = [i for i in range(len(windows)) if labels[i] < 0]
    unsure = [i for i in between if labels[i - 1] != labels[i + 1]]
    for i in between:
        labels[i] = labels[i - 1]
    if unsure:
        extra = normalise(_embed(bank, windows, unsure, progress, cancel, 0.85, 0.1))
        keys = list(voices)
        nearest = np.argmax(extra @ np.stack([voices[k] for k in keys]).T, axis=1)
        labels[unsure] = [keys[int(j)] for j in nearest]
    frame_voice = _frame_voices(total_frames, regions, windows, labels)
    progress(1.0, 1.0, "Speakers found")
    return Diarization(_spans(frame_voice), voices, frame_voice)


def _every_other(region_of: list[int]) -> list[int]:
    """Every other window of each region, its last one included: each skipped window lies between
    two chosen windows of its own region."""
    chosen: list[int] = []
    position = 0
    for i, region in enumerate(region_of):
        position = position + 1 if i and region_of[i - 1] == region else 0
        last = i + 1 == len(region_of) or region_of[i + 1] != region
        if position % 2 == 0 or last:
            chosen.append(i)
    return chosen


def _embed(
    bank: Floats,
    windows: list[tuple[int, int]],
    indices: list[int],
    progress: Progress,
    cancel: CancelToken,
    start: float,
    share: float,
) -> Floats:
    """Embeddings of the chosen windows, in chunks (cancel is checked between them)."""
    vectors = np.zeros((len(indices), embedding.EMBEDDING_SIZE), dtype=np.float32)
    chunk = 64
    for at in range(0, len(indices), chunk):
        cancel.check()
        part = indices[at : at + chunk]
        features = [embedding.window_features(bank, *windows[i]) for i in part]
        vectors[at : at + len(part)] = embedding.embed_features(features)
        progress(start + share * min(len(indices), at + chunk) / len(indices), 1.0, "Listening to voices")
    return vectors


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
