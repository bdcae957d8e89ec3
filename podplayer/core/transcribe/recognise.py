"""Speech to text with faster-whisper (CTranslate2, CPU, int8), imported only when a job runs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from podplayer.core.jobs import CancelToken, Progress
from podplayer.core.transcribe.availability import require_extra
from podplayer.core.transcribe.errors import TranscribeError
from podplayer.core.transcribe.models import ModelChoice

BEAM_SIZE = 5  # greedy decoding (1) saves about a fifth of the time but adds 2-5 points of WER
SAMPLE_RATE = 16_000
WINDOW_S = 120
SEARCH_S = 15


@dataclass(frozen=True, slots=True)
class Segment:
    """One recognised stretch of speech, as Whisper wrote it (times are rough)."""

    start_ms: int
    end_ms: int
    text: str


SegmentFn = Callable[[Segment], None]


def load_model(model: ModelChoice, threads: int) -> Any:
    """A loaded WhisperModel for ``model`` (CPU, int8)."""
    require_extra()
    from faster_whisper import WhisperModel

    try:
        return WhisperModel(model.path, device="cpu", compute_type="int8", cpu_threads=max(1, threads))
    except (RuntimeError, ValueError, OSError) as exc:
        raise TranscribeError(f"cannot load model {model.describe()}: {exc}") from exc


def check_language(whisper: Any, model: ModelChoice, language: str | None) -> str | None:
    """The language code to pass on (None: let the model detect it), or a clear error."""
    if not bool(whisper.model.is_multilingual):
        if language not in (None, "", "en"):
            raise TranscribeError(f"model {model.name} understands English only (asked for {language!r})")
        return "en"
    if language and language not in set(whisper.supported_languages):
        raise TranscribeError(f"model {model.name} does not know the language {language!r}")
    return language or None


def window_bounds(samples: npt.NDArray[np.float32], window_s: int = WINDOW_S) -> list[tuple[int, int]]:
    """Cut the audio into windows of at most ``window_s``, each ending at the quietest 10 ms of its last
    ``SEARCH_S`` seconds (a pause, so no word is cut)."""
    frame = SAMPLE_RATE // 100
    bounds: list[tuple[int, int]] = []
    start = 0
    while len(samples) - start > window_s * SAMPLE_RATE:
        search_from = start + (window_s - SEARCH_S) * SAMPLE_RATE
        region = samples[search_from : start + window_s * SAMPLE_RATE]
        usable = len(region) // frame * frame
        energy = np.square(region[:usable].reshape(-1, frame), dtype=np.float32).sum(axis=1)
        cut = search_from + int(np.argmin(energy)) * frame + frame // 2
        bounds.append((start, cut))
        start = cut
    bounds.append((start, len(samples)))
    return bounds


def recognise(
    whisper: Any,
    samples: npt.NDArray[np.float32],
    language: str | None,
    *,
    progress: Progress,
    cancel: CancelToken,
    on_segment: SegmentFn | None = None,
) -> list[Segment]:
    """Recognise 16 kHz mono samples segment by segment (Whisper's own VAD skips silence).

    The audio goes to Whisper in windows of a few minutes: faster-whisper computes a whole input's
    features at once, so this bounds memory whatever the episode's length. Progress runs 0..1 over the
    audio; the cancel token is checked after every segment (a few seconds of work at most with the
    small models), and ``on_segment`` sees each segment as it is recognised.
    """
    duration_s = max(1e-3, len(samples) / SAMPLE_RATE)
    segments: list[Segment] = []
    for first, end in window_bounds(samples):
        offset_s = first / SAMPLE_RATE
        pieces, _info = whisper.transcribe(
            samples[first:end],
            language=language,
            beam_size=BEAM_SIZE,
            vad_filter=True,
            condition_on_previous_text=False,  # stops a misheard phrase from repeating through the episode
        )
        for piece in pieces:
            cancel.check()
            text = " ".join(str(piece.text).split())
            if not text:
                continue
            segment = Segment(int((offset_s + piece.start) * 1000), int((offset_s + piece.end) * 1000), text)
            segments.append(segment)
            if on_segment is not None:
                on_segment(segment)
            progress(min(1.0, segment.end_ms / 1000 / duration_s), 1.0, "Recognising speech")
        cancel.check()
        progress(end / SAMPLE_RATE / duration_s, 1.0, "Recognising speech")
    return segments
