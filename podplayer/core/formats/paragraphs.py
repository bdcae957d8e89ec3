"""Paragraph-shaped transcript text: ``[time] NAME: text`` lines, blank lines between paragraphs.

Shared by the plain-text and episode-page readers. Rules: a line with a speaker prefix or a leading
``[hh:mm:ss.mmm]`` / ``[start - end]`` stamp starts a new turn; a line without either continues the
turn above it inside the same paragraph; a paragraph without a prefix is a new turn of the previous
speaker (so consecutive same-speaker paragraphs stay separate turns).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from podplayer.core.formats.speakers import split_speaker
from podplayer.core.formats.timecode import parse_clock
from podplayer.core.model import Turn, Word

_STAMP = re.compile(r"\[\s*(\d[\d:.,]*)\s*(?:(?:-|–|—|-->)\s*(\d[\d:.,]*)\s*)?\]\s*")


def split_stamp(line: str) -> tuple[int | None, int | None, str]:
    """``"[00:00:01.000 - 00:00:02.500] AMY: hi"`` -> ``(1000, 2500, "AMY: hi")``.

    A bracket that does not hold valid clock times is left in the text.
    """
    m = _STAMP.match(line)
    if m is None:
        return None, None, line
    start = parse_clock(m.group(1))
    end = parse_clock(m.group(2)) if m.group(2) else None
    if start is None or (m.group(2) and end is None):
        return None, None, line
    return start, end, line[m.end() :]


def parse_paragraphs(lines: Iterable[str], unescape: Callable[[str], str] | None = None) -> list[Turn]:
    """Turns from paragraph-shaped lines (see the module docstring); turns without words are dropped."""
    turns: list[Turn] = []
    speaker = ""
    in_paragraph = False
    for raw in lines:
        line = raw.strip()
        if not line:
            in_paragraph = False
            continue
        start, end, line = split_stamp(line)
        name, text = split_speaker(line)
        if unescape is not None:
            text = unescape(text)
        words = [Word(w) for w in text.split()]
        if name is not None or start is not None or not in_paragraph or not turns:
            if name is not None:
                speaker = name
            turns.append(Turn(speaker, words, start, end))
        else:
            turns[-1].words.extend(words)
        in_paragraph = True
    return [t for t in turns if t.words]
