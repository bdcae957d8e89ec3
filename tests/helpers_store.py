"""Shared test helpers for anything that needs a library with content (store, CLI and UI tests).

Import freely: ``from tests.helpers_store import sample_episode, filled_library``.
"""

from __future__ import annotations

from pathlib import Path

from podplayer.core.model import Episode, Highlight, Transcript, Turn, Word, WordRef
from podplayer.store import Library


def timed_turn(speaker: str, text: str, start_ms: int, word_ms: int = 400) -> Turn:
    """A turn whose words are ``word_ms`` long each, back to back from ``start_ms``."""
    words = [
        Word(w, start_ms + i * word_ms, start_ms + (i + 1) * word_ms, round(0.5 + (i % 5) / 10, 2))
        for i, w in enumerate(text.split())
    ]
    return Turn(speaker, words, start_ms, start_ms + len(words) * word_ms)


SAMPLE_LINES = [
    ("Alice", "Welcome back to the garden hour, where we talk about soil and patience."),
    ("Bob", "Thanks Alice. Today I want to talk about composting kitchen scraps in winter."),
    ("Alice", "Composting in winter sounds hard. Doesn't the pile freeze solid?"),
    ("Carol", "It slows down, but a big pile keeps its own heat surprisingly well."),
    ("Bob", "Exactly. Insulate it with straw and keep turning it every few weeks."),
]


def sample_transcript() -> Transcript:
    turns: list[Turn] = []
    start = 0
    for speaker, text in SAMPLE_LINES:
        turn = timed_turn(speaker, text, start)
        turns.append(turn)
        start = (turn.end_ms or start) + 600
    return Transcript(turns, title="Garden Hour 12", metadata={"podcast": "Garden Hour", "date": "2024-03-01"})


def sample_episode(title: str = "Garden Hour 12") -> Episode:
    return Episode(
        title=title,
        transcript=sample_transcript(),
        audio_path="/media/garden-hour-12.mp3",
        duration_ms=60_000,
        note="Winter composting episode",
        speaker_colors={"Carol": "#123456"},
    )


def sample_highlight(tags: list[str] | None = None, note: str = "") -> Highlight:
    """Bob's "composting kitchen scraps" (turn 1, words 8-10)."""
    return Highlight(
        start=WordRef(1, 8),
        end=WordRef(1, 10),
        quote="composting kitchen scraps",
        prefix="to talk about ",
        suffix=" in winter.",
        color="green",
        tags=list(tags or []),
        note=note,
    )


def filled_library(path: Path) -> tuple[Library, int]:
    """A library at ``path`` holding the sample episode with one tagged highlight."""
    library = Library(path)
    episode_id = library.add_episode(sample_episode())
    library.add_highlight(episode_id, sample_highlight(["compost", "winter"], "try this"))
    return library, episode_id
