"""Errors of the transcription extra, each one clear line for the CLI and the app."""

from __future__ import annotations

from podplayer.core.model import PodplayerError

ENABLE_HINT = "pip install 'podplayer[transcribe]'"


class TranscribeError(PodplayerError):
    """Transcription cannot run or failed (missing model, unreadable model folder, bad language)."""


class TranscribeUnavailable(TranscribeError):
    """The optional ``transcribe`` extra (faster-whisper) is not installed."""

    def __init__(self, missing: str = "faster-whisper") -> None:
        super().__init__(
            f"transcription needs the optional extra ({missing} is not installed): {ENABLE_HINT}"
        )
