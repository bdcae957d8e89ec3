"""Sample episodes for export tests, including hostile text in every user-visible field."""

from __future__ import annotations

from datetime import UTC, datetime

from podplayer.core.export.bundle import EpisodeHighlights, ExportBundle
from podplayer.core.model import Episode, Highlight, Transcript, Turn, Word, WordRef

HOSTILE_SPEAKER = "Eve </script><script>alert(1)</script> ../../x | עברית 🎙"
HOSTILE_TITLE = 'Ep 1: "Quotes" & colons\nsecond line # not a comment'
HOSTILE_TAG = "machine learning"
HOSTILE_NOTE = "=HYPERLINK(\"http://x\")\nline two </script> <b>bold</b> & more 😀"


def timed_turn(speaker: str, text: str, start_ms: int, word_ms: int = 400) -> Turn:
    words = []
    t = start_ms
    for w in text.split():
        words.append(Word(w, t, t + word_ms - 50))
        t += word_ms
    return Turn(speaker, words, start_ms, t)


def make_episode(audio_path: str | None = None, *, title: str = HOSTILE_TITLE) -> Episode:
    turns = [
        timed_turn("Alice", "Welcome to the show where we talk about data and <b>markup</b> today", 1_000),
        timed_turn(HOSTILE_SPEAKER, "I think -- =SUM(A1) is a formula and @ also | pipes", 6_000),
        timed_turn("Alice", "Right so the next thing is machine learning with مرحبا and emoji 🚀 too", 11_000),
        timed_turn("Bob", "Last words from me before we close", 17_000),
    ]
    transcript = Transcript(turns, title=title, metadata={"podcast": "Data: The Show", "date": "2024-05-01"})
    return Episode(
        title=title,
        transcript=transcript,
        audio_path=audio_path,
        duration_ms=21_000,
        note="Episode note with a [link](http://example.com) and <i>tag</i>",
        id=7,
        speaker_colors={"Alice": "#aa3311", HOSTILE_SPEAKER: "red;background:url(x)"},
    )


def make_highlights() -> list[Highlight]:
    created = datetime(2024, 5, 2, 10, 30, tzinfo=UTC)
    return [
        Highlight(
            WordRef(0, 3), WordRef(0, 7), "show where we talk about", "Welcome to the", "data and",
            color="yellow", tags=[HOSTILE_TAG, "intro"], note="A plain note", id=1, episode_id=7,
            created_at=created, speaker="Alice",
        ),
        Highlight(
            WordRef(1, 0), WordRef(1, 6), "I think -- =SUM(A1) is a formula", "", "and @ also",
            color="green", tags=["../../x", "2024"], note=HOSTILE_NOTE, id=2, episode_id=7,
            created_at=created, speaker=HOSTILE_SPEAKER,
        ),
        Highlight(
            WordRef(2, 6), WordRef(3, 2), "machine learning with مرحبا and emoji 🚀 too Last words from",
            "next thing is", "me before", color="blue", tags=["ai|ml"], note="", id=3,
            episode_id=7, created_at=created, speaker="Alice",
        ),
    ]


def make_bundle(audio_path: str | None = None) -> ExportBundle:
    episode = make_episode(audio_path)
    return ExportBundle(
        [EpisodeHighlights(episode, make_highlights())],
        title=episode.title,
        tag_colors={HOSTILE_TAG: "#ffcc00", "intro": "javascript:alert(1)"},
    )
