"""Speech to text with faster-whisper (CTranslate2, CPU, int8), imported only when a job runs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from podplayer.core.jobs import CancelToken, ProgressFn
from podplayer.core.transcribe.availability import require_extra
from podplayer.core.transcribe.errors import TranscribeError
from podplayer.core.transcribe.models import ModelChoice

BEAM_SIZE = 5


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


def recognise(
    whisper: Any,
    samples: npt.NDArray[np.float32],
    language: str | None,
    *,
    progress: ProgressFn,
    cancel: CancelToken,
    on_segment: SegmentFn | None = None,
) -> list[Segment]:
    """Recognise 16 kHz mono samples segment by segment (Whisper's own VAD skips silence).

    Progress runs 0..1 over the audio; the cancel token is checked after every segment (a few seconds
    of work at most with the small models), and ``on_segment`` sees each segment as it is recognised.
    """
    duration_s = max(1e-3, len(samples) / 16_000)
    pieces, _info = whisper.transcribe(
        samples,
        language=language,
        beam_size=BEAM_SIZE,
        vad_filter=True,
        condition_on_previous_text=False,  # stops a misheard phrase from repeating through the episode
    )
    segments: list[Segment] = []
    for piece in pieces:
        cancel.check()
        text = " ".join(str(piece.text).split())
        if not text:
            continue
        segment = Segment(int(piece.start * 1000), int(piece.end * 1000), text)
        segments.append(segment)
        if on_segment is not None:
            on_segment(segment)
        progress(min(1.0, piece.end / duration_s), 1.0, "Recognising speech")
    cancel.check()
    return segments
