"""SubRip (SRT): numbered cues, ``hh:mm:ss,mmm --> hh:mm:ss,mmm``, a ``Name:`` speaker prefix.

Hand-written rather than pysubs2: pysubs2 reads ``100:00:03,000`` as three seconds and folds a cue
with a malformed timing line into the previous cue's text without a word, where we must report the
cue's line; its writer also turns ``{...}`` and ``\\N`` in words into ASS codes. Reading: a cue whose
first line starts ``Name:`` sets the speaker, a cue without one continues the current speaker;
``<i>``-style tags and ``{\\an8}`` codes are dropped.
"""

from __future__ import annotations

import re

from podplayer.core.formats.cue_layout import CueBlock, layout_cues
from podplayer.core.formats.cues import Cue, cues_to_turns, read_cue_block
from podplayer.core.formats.speakers import split_speaker
from podplayer.core.formats.timecode import format_subtitle_time, parse_clock
from podplayer.core.model import Transcript, TranscriptParseError, Word

FORMAT = "srt"
_TIMING = re.compile(r"\s*(\S+)\s*-->\s*(\S+)(?:\s.*)?")
_TAG = re.compile(r"</?[A-Za-z][^<>]*>|\{\\[^{}]*\}")


def read_srt(text: str, name: str = "") -> Transcript:
    lines = text.split("\n")
    cues: list[Cue] = []
    i = 0
    number = 0
    while i < len(lines):
        if not lines[i].strip():
            i += 1
            continue
        number += 1
        if "-->" not in lines[i]:
            if lines[i].strip().isdigit() and i + 1 < len(lines) and "-->" in lines[i + 1]:
                i += 1
            else:
                raise TranscriptParseError(
                    f"cue {number}: expected a cue number or 'start --> end', got {_clip(lines[i])!r}",
                    path=name,
                    fmt=FORMAT,
                    line=i + 1,
                )
        block = read_cue_block(lines, i, _TIMING, number, name, FORMAT, lambda at: _starts_cue(lines, at))
        i = block.next_line
        cues.append(_cue(block.payload, block.start_ms, block.end_ms))
    if not cues:
        raise TranscriptParseError("no cues found", path=name, fmt=FORMAT)
    turns = cues_to_turns(cues)
    if not turns:
        raise TranscriptParseError("every cue is empty", path=name, fmt=FORMAT)
    return Transcript(turns)


def _starts_cue(lines: list[str], i: int) -> bool:
    """A cue begins at ``i`` even without a blank line before it (``N`` + timing, or a timing line)."""
    if _TIMING.fullmatch(lines[i]) and parse_clock(lines[i].split("-->")[0]) is not None:
        return True
    return lines[i].strip().isdigit() and i + 1 < len(lines) and _TIMING.fullmatch(lines[i + 1]) is not None


def _cue(payload: list[str], start: int, end: int) -> Cue:
    cleaned = [_TAG.sub("", line).strip() for line in payload]
    cleaned = [line for line in cleaned if line]
    speaker: str | None = None
    if cleaned:
        speaker, cleaned[0] = split_speaker(cleaned[0])
    words = [Word(w) for w in " ".join(cleaned).split()]
    return Cue(words, start, end, speaker)


def _clip(line: str) -> str:
    return line.strip()[:60]


def format_srt(transcript: Transcript, words: bool = False) -> str:
    """Cues of at most two ~42-character lines, a new cue at every turn, ``Name:`` on a turn's first cue."""
    blocks: list[str] = []
    for number, block in enumerate(layout_cues(transcript, FORMAT), start=1):
        blocks.append(f"{number}\n{_timing(block)}\n" + "\n".join(_lines(block)))
    return "\n\n".join(blocks) + "\n" if blocks else ""


def _timing(block: CueBlock) -> str:
    return f"{format_subtitle_time(block.start_ms, ',')} --> {format_subtitle_time(block.end_ms, ',')}"


def _lines(block: CueBlock) -> list[str]:
    lines = [" ".join(w.text for w in line) for line in block.lines]
    if block.prefix:
        lines[0] = f"{block.prefix} {lines[0]}"
    return lines
