"""What hovering the transcript says: a highlight's tags and note, a note of audio not in the
transcript, or a word whose time may be off. Plain text; the view escapes it for the tooltip."""

from __future__ import annotations

from podplayer.core.clock import format_clock
from podplayer.core.model import Highlight, WordRef
from podplayer.ui.transcript.model import Role, TranscriptModel
from podplayer.ui.transcript.untranscribed_note import SKIP_TOOLTIP, NotePart


def highlight_tooltip(highlights: list[Highlight]) -> str:
    """The highlights under the mouse: tags, then the note."""
    parts: list[str] = []
    for h in highlights:
        lines = []
        if h.tags:
            lines.append("Tags: " + ", ".join(h.tags))
        if h.note:
            lines.append(h.note)
        if not lines:
            lines.append("Highlight")
        parts.append("\n".join(lines))
    return "\n\n".join(parts)


def hover_text(model: TranscriptModel, note_part: tuple[int, NotePart] | None, word: WordRef | None) -> str | None:
    """The text for what is under the mouse: ``note_part`` (row, "skip" or "note") when over a note
    of audio not in the transcript, else ``word``; None when there is nothing to say."""
    if note_part is not None:
        row, part = note_part
        if part == "skip":
            return SKIP_TOOLTIP
        note = model.index(row, 0).data(Role.UNTRANSCRIBED_NOTE)
        span = f"{format_clock(note.start_ms)}–{format_clock(note.end_ms)}"
        return f"Audio not in the transcript (likely an ad), {span}. Click to play it."
    if word is None:
        return None
    highlights = model.highlights_at(word)
    if highlights:
        return highlight_tooltip(highlights)
    spoken = model.turn(word.turn).words[word.word]
    if spoken.estimated:
        return "Corrected word: its time is an estimate until it is re-timed against the audio"
    if spoken.uncertain:
        return f"Low alignment confidence ({spoken.confidence:.2f}): this word's time may be off"
    return None
