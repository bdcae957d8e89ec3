"""Transcription of episodes without a transcript: faster-whisper, the aligner, local speaker turns.

This package imports without the optional ``transcribe`` extra; faster-whisper and scikit-learn are
imported only when a job runs (``availability.require_extra`` explains how to install them).
"""

from podplayer.core.transcribe.availability import is_available, require_extra
from podplayer.core.transcribe.errors import ENABLE_HINT, TranscribeError, TranscribeUnavailable
from podplayer.core.transcribe.models import (
    DEFAULT_MODEL,
    MODEL_NAMES,
    ModelChoice,
    offline_models,
    resolve_model,
)
from podplayer.core.transcribe.pipeline import TranscribeOptions, transcribe_audio
from podplayer.core.transcribe.recognise import Segment

__all__ = [
    "DEFAULT_MODEL",
    "ENABLE_HINT",
    "MODEL_NAMES",
    "ModelChoice",
    "Segment",
    "TranscribeError",
    "TranscribeOptions",
    "TranscribeUnavailable",
    "is_available",
    "offline_models",
    "require_extra",
    "resolve_model",
    "transcribe_audio",
]
