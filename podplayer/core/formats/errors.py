"""Errors raised while writing transcripts (reading errors are :class:`TranscriptParseError`)."""

from __future__ import annotations

from podplayer.core.model import PodplayerError, TranscriptParseError

__all__ = ["TranscriptParseError", "TranscriptWriteError", "UnknownFormatError"]


class TranscriptWriteError(PodplayerError):
    """A transcript cannot be written in the requested format (e.g. SRT from an untimed transcript)."""


class UnknownFormatError(PodplayerError):
    """A format name or file suffix that podplayer does not know."""
