"""Offline word-level alignment of a known transcript to its audio (pocketsphinx, worker processes)."""

from podplayer.core.align.aligner import AlignError, align_transcript

__all__ = ["AlignError", "align_transcript"]
