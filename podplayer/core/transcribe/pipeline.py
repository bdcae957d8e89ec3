"""Transcribe an episode's audio into a speaker-labelled, word-timed transcript (a core job).

1. Decode the audio once to 16 kHz mono.
2. Recognise it with faster-whisper (text appears segment by segment through ``on_segment``).
3. Time every word with the project's aligner (Whisper's own word times are rough).
4. Find the voices (core/speakers) and give every word its voice: turns change speaker between words,
   labelled Speaker 1, Speaker 2, … (or a known voice's name, see core/speakers/known.py).

The result is an ordinary Transcript, so it is stored, exported and re-synced like any other. A
cancelled job raises Cancelled and leaves nothing behind.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import numpy.typing as npt

from podplayer.core.audio import check_audio_file, decode_pcm
from podplayer.core.jobs import CancelToken, Progress, no_progress
from podplayer.core.model import Transcript, Turn
from podplayer.core.speakers.known import KnownVoice
from podplayer.core.transcribe.availability import require_extra
from podplayer.core.transcribe.errors import TranscribeError
from podplayer.core.transcribe.models import ModelChoice, resolve_model
from podplayer.core.transcribe.recognise import SegmentFn, check_language, load_model, recognise

SAMPLE_RATE = 16_000
# Share of the progress bar per stage: decode, load, recognise, align (speakers take the rest).
DECODE, LOAD, RECOGNISE, ALIGN = 0.03, 0.02, 0.60, 0.30


@dataclass(frozen=True, slots=True)
class TranscribeOptions:
    model: str | None = None  # a name, a folder, or None for the best model on this machine
    language: str | None = "en"  # None: detected (multilingual models only)
    speakers: int | None = None  # None: find the number of speakers
    jobs: int = 2  # CPU threads for recognition, worker processes for alignment
    allow_download: bool = False  # fetch a named model that is not on this machine
    metadata: dict[str, str] = field(default_factory=dict)
    # Voices the library knows (core/speakers/known.py): matching voices are labelled with their names.
    known_voices: tuple[KnownVoice, ...] = ()
    podcast_id: int | None = None
    podcast_only: bool = False


def _stage(progress: Progress, start: float, share: float) -> Progress:
    def report(done: float, total: float, message: str = "") -> None:
        progress(start + share * (done / total if total else 0.0), 1.0, message)

    return report


def decode_samples(audio_path: Path, cancel: CancelToken) -> npt.NDArray[np.float32]:
    """The whole audio as 16 kHz mono float32 in [-1, 1] (what faster-whisper takes)."""
    chunks = []
    for chunk in decode_pcm(audio_path, rate=SAMPLE_RATE, chunk_ms=30_000):
        cancel.check()
        chunks.append(chunk)
    if not chunks:
        return np.zeros(0, dtype=np.float32)
    return (np.concatenate(chunks).astype(np.float32)) / np.float32(32768.0)


def transcribe_audio(
    audio_path: str | Path,
    options: TranscribeOptions = TranscribeOptions(),
    *,
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
    on_segment: SegmentFn | None = None,
    on_model: Callable[[ModelChoice], None] | None = None,
) -> Transcript:
    """A speaker-labelled, word-timed transcript of ``audio_path`` (see the module docstring).

    Raises TranscribeUnavailable without the extra, TranscribeError for a missing model or no speech,
    AudioError for unreadable audio, Cancelled when ``cancel`` fires.
    """
    cancel = cancel or CancelToken()
    require_extra()
    if options.speakers is not None and options.speakers < 1:
        raise TranscribeError("the number of speakers must be at least 1")
    audio = check_audio_file(audio_path)
    model = resolve_model(options.model, allow_download=options.allow_download)
    if on_model is not None:
        on_model(model)
    progress(0.0, 1.0, "Decoding audio")
    samples = decode_samples(audio, cancel)
    progress(DECODE, 1.0, f"Loading model {model.name}")
    whisper = load_model(model, options.jobs)
    language = check_language(whisper, model, options.language)
    cancel.check()
    segments = recognise(
        whisper,
        samples,
        language,
        progress=_stage(progress, DECODE + LOAD, RECOGNISE),
        cancel=cancel,
        on_segment=on_segment,
    )
    del whisper  # free the model before the aligner starts its workers
    if not segments:
        raise TranscribeError(f"{audio.name}: no speech was recognised")
    untimed = Transcript([Turn.from_text("Speaker 1", s.text) for s in segments])
    # The aligner (pocketsphinx, numpy) loads with the first job, not with the app.
    from podplayer.core.align import align_transcript

    aligned = align_transcript(
        untimed,
        audio,
        jobs=options.jobs,
        progress=_stage(progress, DECODE + LOAD + RECOGNISE, ALIGN),
        cancel=cancel,
    )
    from podplayer.core.speakers import find_speakers

    words = [w for turn in aligned.turns for w in turn.words]
    turns = find_speakers(
        samples,
        words,
        options.speakers,
        known=options.known_voices,
        podcast_id=options.podcast_id,
        podcast_only=options.podcast_only,
        progress=_stage(progress, DECODE + LOAD + RECOGNISE + ALIGN, 1.0 - DECODE - LOAD - RECOGNISE - ALIGN),
        cancel=cancel,
    )
    cancel.check()
    metadata = {"source_format": "transcribed", "transcribed_with": model.name, **options.metadata}
    progress(1.0, 1.0, "Transcribed")
    return Transcript(turns, title=audio.stem, metadata=metadata)
