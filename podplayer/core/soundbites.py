"""A podcast's ``<podcast:soundbite>``s as suggested highlights on the downloaded episode.

A soundbite names a stretch of time; here it becomes the whole words that stretch covers (the same
snapping as ``podplayer highlight add``, :meth:`Timeline.words_between`). A suggestion is offered
until the episode has a highlight on exactly those words, so keeping one (it becomes a normal
highlight) is what makes it go away; nothing else needs remembering.
"""

from __future__ import annotations

from dataclasses import dataclass

from podplayer.core.highlight_anchor import make_highlight
from podplayer.core.model import Highlight, Transcript
from podplayer.core.timeline import Timeline


@dataclass(frozen=True, slots=True)
class Soundbite:
    start_ms: int
    duration_ms: int
    title: str = ""

    @classmethod
    def from_json(cls, data: object) -> Soundbite | None:
        """From the stored ``{"start_ms", "duration_ms", "title"}``; None for anything else."""
        if not isinstance(data, dict):
            return None
        start, duration, title = data.get("start_ms"), data.get("duration_ms"), data.get("title", "")
        if not isinstance(start, int) or not isinstance(duration, int) or start < 0 or duration <= 0:
            return None
        return cls(start, duration, title if isinstance(title, str) else "")


@dataclass(frozen=True, slots=True)
class Suggestion:
    soundbite: Soundbite
    highlight: Highlight  # not stored yet: keeping it adds it


def suggestions(transcript: Transcript, soundbites: list[Soundbite], highlights: list[Highlight]) -> list[Suggestion]:
    """The soundbites that cover words and are not kept yet, as highlights ready to add (note: their title)."""
    timeline = Timeline(transcript)
    if not timeline.is_timed:
        return []
    kept = {(h.start, h.end) for h in highlights}
    found: list[Suggestion] = []
    for bite in soundbites:
        words = timeline.words_between(bite.start_ms, bite.start_ms + bite.duration_ms)
        if words is None or words in kept:
            continue
        kept.add(words)  # two soundbites on the same words: one suggestion
        found.append(Suggestion(bite, make_highlight(transcript, words[0], words[1], note=bite.title)))
    return found
