"""The transcript model shared by every layer: episode text, speakers, turns and words.

Times are integer milliseconds everywhere in the program (``*_ms``); ``None`` means "not timed".
A turn's text is its words joined by single spaces, so a word index and a character offset are
interchangeable and the displayed text is exactly what was read (whitespace normalised).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Literal

# Below this alignment confidence a word is uncertain: interpolated, squeezed or where recognition
# heard something else.
LOW_CONFIDENCE = 0.5
# The confidence of a word whose time is only an estimate until it is re-timed: a correction typed
# in or inserted between timed words (no aligner ever gives a negative confidence).
ESTIMATED_CONFIDENCE = -1.0


class Timing(StrEnum):
    """How well a transcript is timed, from worst to best."""

    NONE = "none"  # no times at all (a plain text page)
    ESTIMATED = "estimated"  # times guessed from text length and pauses in the audio
    TURN = "turn"  # every turn has a start time read from the file
    WORD = "word"  # every word has a start time (read from the file or aligned)


@dataclass(slots=True)
class Word:
    text: str
    start_ms: int | None = None
    end_ms: int | None = None
    # Alignment confidence in [0, 1]; None when the time came from a file or no aligner ran.
    confidence: float | None = None

    @property
    def is_timed(self) -> bool:
        return self.start_ms is not None

    @property
    def uncertain(self) -> bool:
        """The aligner could not place this word well (hinted in the view, counted by ``align``)."""
        return self.confidence is not None and self.confidence < LOW_CONFIDENCE

    @property
    def estimated(self) -> bool:
        """A corrected word whose time is an estimate until the aligner re-times it."""
        return self.confidence is not None and self.confidence < 0


@dataclass(slots=True)
class Turn:
    """One speaker's uninterrupted passage: one row in the transcript view."""

    speaker: str
    words: list[Word]
    start_ms: int | None = None
    end_ms: int | None = None

    @classmethod
    def from_text(
        cls, speaker: str, text: str, start_ms: int | None = None, end_ms: int | None = None
    ) -> Turn:
        return cls(speaker, [Word(w) for w in text.split()], start_ms, end_ms)

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    def word_char_spans(self) -> list[tuple[int, int]]:
        """(start, end) character offsets of each word in :attr:`text`."""
        spans: list[tuple[int, int]] = []
        pos = 0
        for w in self.words:
            spans.append((pos, pos + len(w.text)))
            pos += len(w.text) + 1
        return spans


@dataclass(slots=True)
class Transcript:
    turns: list[Turn]
    title: str = ""
    # Free-form page metadata: "summary", "next_up", "source_format", "podcast", "date", ...
    metadata: dict[str, str] = field(default_factory=dict)
    # Set to ESTIMATED by the estimator; otherwise derived from the times present.
    estimated: bool = False

    @property
    def speakers(self) -> list[str]:
        """Speaker names in order of first appearance."""
        seen: dict[str, None] = {}
        for t in self.turns:
            seen.setdefault(t.speaker, None)
        return list(seen)

    @property
    def timing(self) -> Timing:
        if not self.turns or any(t.start_ms is None for t in self.turns):
            return Timing.NONE
        if self.estimated:
            return Timing.ESTIMATED
        if all(w.start_ms is not None for t in self.turns for w in t.words):
            return Timing.WORD
        return Timing.TURN

    @property
    def word_count(self) -> int:
        return sum(len(t.words) for t in self.turns)

    @property
    def end_ms(self) -> int | None:
        ends = [t.end_ms if t.end_ms is not None else t.start_ms for t in self.turns]
        known = [e for e in ends if e is not None]
        return max(known) if known else None


@dataclass(frozen=True, slots=True)
class WordRef:
    """A word's address in a transcript: turn index and word index within the turn."""

    turn: int
    word: int

    def __lt__(self, other: WordRef) -> bool:
        return (self.turn, self.word) < (other.turn, other.word)

    def __le__(self, other: WordRef) -> bool:
        return (self.turn, self.word) <= (other.turn, other.word)


# Where a detached highlight points (no word).
DETACHED = WordRef(-1, -1)


@dataclass(slots=True)
class Highlight:
    """A user's highlight, anchored to a word range (inclusive on both ends).

    ``quote``/``prefix``/``suffix`` keep the quoted text with a little context so the anchor can be
    re-found if the words move (TextQuoteSelector style). Times are derived from the current timings.
    """

    start: WordRef
    end: WordRef
    quote: str
    prefix: str = ""
    suffix: str = ""
    color: str = "yellow"
    tags: list[str] = field(default_factory=list)
    note: str = ""
    id: int | None = None
    episode_id: int | None = None
    created_at: datetime | None = None
    # Filled in from the transcript's timings when read from the store.
    start_ms: int | None = None
    end_ms: int | None = None
    speaker: str = ""

    @property
    def is_bookmark(self) -> bool:
        return self.start == self.end and self.quote == ""

    @property
    def detached(self) -> bool:
        """Its words were all deleted by a correction: kept with its quote, times, tags and note, on
        no word (``start``/``end`` are :data:`DETACHED`) until it is re-attached to a selection."""
        return self.start.turn < 0


@dataclass(slots=True)
class Episode:
    title: str
    transcript: Transcript
    audio_path: str | None = None
    duration_ms: int | None = None
    position_ms: int = 0
    note: str = ""
    id: int | None = None
    created_at: datetime | None = None
    # Speaker name -> colour ("#rrggbb"); speakers missing here get a palette colour.
    speaker_colors: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class EpisodeSummary:
    """One row of the library list (no transcript loaded)."""

    id: int
    title: str
    audio_path: str | None
    duration_ms: int | None
    position_ms: int
    highlight_count: int
    timing: Timing
    created_at: datetime | None = None
    chapter_count: int = 0
    # Feed episodes: the podcast they come from, and the transcript format the download used.
    podcast_id: int | None = None
    podcast: str = ""
    transcript_format: str | None = None

    @property
    def in_library_list(self) -> bool:
        """Shown in the library's list of episodes: every episode of the user's own, and a feed
        episode once downloaded (the Podcasts view lists the others)."""
        return self.podcast_id is None or self.downloaded

    @property
    def downloaded(self) -> bool:
        """Has its audio here (feed episodes not downloaded yet have none)."""
        return self.audio_path is not None


@dataclass(slots=True)
class Tag:
    """A code of the codebook: ``name`` may be hierarchical (``Theme/Subtheme``, see core/codebook)."""

    name: str
    color: str = ""
    id: int | None = None
    count: int = 0
    description: str = ""  # the code's memo: what it means and when to apply it


SearchHitKind = Literal["turn", "highlight", "note"]  # where the match is: a transcript turn, a highlight, an episode note


@dataclass(slots=True)
class SearchHit:
    """One library search result: where it is and a little context around the match."""

    episode_id: int
    episode_title: str
    kind: SearchHitKind
    start_ms: int | None
    speaker: str
    context: str  # plain text with the match inside
    turn_index: int | None = None
    highlight_id: int | None = None


class PodplayerError(Exception):
    """Base for errors shown to the user as one clear line (CLI exit 1, GUI dialog)."""


class TranscriptParseError(PodplayerError):
    """A transcript could not be read. The message names file, format and line/cue."""

    def __init__(self, message: str, *, path: str = "", fmt: str = "", line: int | None = None):
        where = f" (line {line})" if line is not None else ""
        prefix = f"{path}: " if path else ""
        fmt_part = f"{fmt}: " if fmt else ""
        super().__init__(f"{prefix}{fmt_part}{message}{where}")
        self.path = path
        self.fmt = fmt
        self.line = line


class AudioError(PodplayerError):
    """An audio file is missing, unreadable or not audio."""
