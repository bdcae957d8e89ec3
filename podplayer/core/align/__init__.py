"""Offline word-level alignment of a known transcript to its audio (pocketsphinx, worker processes).

``align_transcript`` and ``AlignError`` load the aligner (numpy, pocketsphinx) on first use, so
importing a light module of this package (the sync report the library stores) stays cheap at start-up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from podplayer.core.align.aligner import AlignError, align_transcript

__all__ = ["AlignError", "align_transcript"]


def __getattr__(name: str) -> object:
    if name in __all__:
        from podplayer.core.align import aligner

        return getattr(aligner, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
