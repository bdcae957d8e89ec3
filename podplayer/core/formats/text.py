"""Plain text: ``Speaker: text`` paragraphs, optionally stamped ``[hh:mm:ss.mmm - hh:mm:ss.mmm]``.

Hand-written: there is no standard to delegate to. The writer emits one paragraph per turn with the
turn's start/end stamp, which the reader takes back to the millisecond (word times are not kept).
"""

from __future__ import annotations

from podplayer.core.formats.paragraphs import parse_paragraphs
from podplayer.core.formats.timecode import format_subtitle_time
from podplayer.core.model import Transcript, TranscriptParseError, Turn

FORMAT = "text"


def read_text(text: str, name: str = "") -> Transcript:
    turns = parse_paragraphs(text.split("\n"))
    if not turns:
        raise TranscriptParseError("no transcript text found", path=name, fmt=FORMAT)
    return Transcript(turns)


def turn_stamp(turn: Turn) -> str:
    """``[start - end]`` (or ``[start]``) for a timed turn, "" for an untimed one."""
    if turn.start_ms is None:
        return ""
    if turn.end_ms is None:
        return f"[{format_subtitle_time(turn.start_ms)}]"
    return f"[{format_subtitle_time(turn.start_ms)} - {format_subtitle_time(turn.end_ms)}]"


def format_text(transcript: Transcript, words: bool = False) -> str:
    """One paragraph per turn: ``[start - end] SPEAKER: text``. ``words`` is ignored (no word times)."""
    paragraphs: list[str] = []
    for turn in transcript.turns:
        if not turn.words:
            continue
        parts = [turn_stamp(turn), f"{turn.speaker}:" if turn.speaker else "", turn.text]
        paragraphs.append(" ".join(p for p in parts if p))
    return "\n\n".join(paragraphs) + "\n"
