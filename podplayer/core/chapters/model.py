"""A chapter of an episode, and the rules every chapter reader shares.

Chapter times are float seconds (as the Podcasting 2.0 JSON and Podlove formats give them);
``seconds_to_ms`` turns them into the program's integer milliseconds where they meet a transcript.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from podplayer.core.model import PodplayerError


class ChapterError(PodplayerError):
    """Chapters could not be read; the message names the source and what is wrong."""


class ChapterSource(StrEnum):
    """Where an episode's chapters came from (kept with them in the library)."""

    JSON = "json"  # a Podcasting 2.0 JSON chapters file (<podcast:chapters>)
    PODLOVE = "podlove"  # Podlove Simple Chapters inside the feed item
    EMBEDDED = "embedded"  # inside the audio file (ID3 CHAP frames, MP4 chapters)


@dataclass(frozen=True, slots=True)
class Chapter:
    start: float  # seconds from the start of the audio
    title: str
    end: float | None = None  # seconds; None when the source gives no end (the next chapter's start)
    url: str | None = None
    image: str | None = None

    @property
    def start_ms(self) -> int:
        return seconds_to_ms(self.start)

    @property
    def end_ms(self) -> int | None:
        return None if self.end is None else seconds_to_ms(self.end)


def seconds_to_ms(seconds: float) -> int:
    return round(seconds * 1000)


def checked_seconds(value: object, what: str, source: str) -> float:
    """A finite, non-negative number of seconds, else a ChapterError naming ``what`` in ``source``."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ChapterError(f"{source}: {what} is not a number of seconds ({value!r})")
    seconds = float(value)
    if not math.isfinite(seconds) or seconds < 0:
        raise ChapterError(f"{source}: {what} must be a non-negative number of seconds ({value!r})")
    return seconds


def clean_title(title: object) -> str:
    """A chapter title on one line (whitespace runs become single spaces)."""
    return " ".join(str(title).split()) if title is not None else ""


def sorted_chapters(chapters: Iterable[Chapter]) -> list[Chapter]:
    """Chapters in time order; a chapter's missing title becomes "Chapter N" (its place in that order).

    Ends are kept as given: a missing end means "until the next chapter" (see :func:`chapter_end`).
    """
    ordered = sorted(chapters, key=lambda c: c.start)
    return [
        c if c.title else Chapter(c.start, f"Chapter {n}", c.end, c.url, c.image)
        for n, c in enumerate(ordered, start=1)
    ]


def chapter_end(chapters: Sequence[Chapter], index: int, duration: float | None = None) -> float | None:
    """Where chapter ``index`` ends: its own end, else the next chapter's start, else ``duration``."""
    own = chapters[index].end
    if own is not None:
        return own
    if index + 1 < len(chapters):
        return chapters[index + 1].start
    return duration


def chapter_index_at(chapters: Sequence[Chapter], seconds: float) -> int | None:
    """The index of the chapter playing at ``seconds`` (chapters sorted by start), or None before the first."""
    index = bisect_right([c.start for c in chapters], seconds) - 1
    return index if index >= 0 else None


def next_chapter(chapters: Sequence[Chapter], seconds: float) -> int | None:
    """The first chapter starting after ``seconds`` (sorted chapters), or None in the last one."""
    index = bisect_right([c.start for c in chapters], seconds + 0.001)
    return index if index < len(chapters) else None


def previous_chapter(chapters: Sequence[Chapter], seconds: float, grace: float = 3.0) -> int | None:
    """Where "previous chapter" goes: the start of the playing chapter when more than ``grace``
    seconds into it (like a CD player's back button), else the chapter before; None without chapters."""
    if not chapters:
        return None
    current = chapter_index_at(chapters, seconds)
    if current is None:
        return 0
    if seconds - chapters[current].start > grace or current == 0:
        return current
    return current - 1
