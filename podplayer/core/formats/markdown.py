"""Markdown transcripts: ``# Title``, then per turn ``## SPEAKER [start - end]`` and a paragraph.

Hand-written: a Markdown library would render to HTML, while we need the reverse of our own small
layout. Reading also accepts hand-made notes: a heading names the speaker (and times, in brackets)
of the paragraph below it; other paragraphs may start with ``NAME:`` or ``**NAME:**`` and otherwise
continue the previous speaker as a new turn. Backslash escapes (``\\*``) are removed on reading and
added on writing, so any word text reads back unchanged.
"""

from __future__ import annotations

import re

from podplayer.core.formats.paragraphs import split_stamp
from podplayer.core.formats.speakers import split_speaker
from podplayer.core.formats.text import turn_stamp
from podplayer.core.model import Transcript, TranscriptParseError, Turn, Word

FORMAT = "md"
_HEADING = re.compile(r"(#{1,6})(?:\s+(.*))?")
_TRAILING_STAMP = re.compile(r"(.*?)\s*(\[[^\[\]]*\])")
_ESCAPABLE = re.compile(r"\\([!-/:-@\[-`{-~])")
_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")
_BOLD_PREFIX = re.compile(r"\*\*([^*]{1,40}?):?\*\*:?\s")


def unescape(text: str) -> str:
    return _ESCAPABLE.sub(r"\1", text)


def escape(text: str) -> str:
    text = _SPECIAL.sub(r"\\\1", text)
    if text[:1] in ("-", "+", "="):
        text = "\\" + text
    return text


def read_markdown(text: str, name: str = "") -> Transcript:
    title = ""
    turns: list[Turn] = []
    speaker = ""
    pending: tuple[int | None, int | None] | None = None
    paragraph: list[str] = []

    def flush() -> None:
        nonlocal speaker, pending
        if not paragraph:
            return
        raw = " ".join(paragraph)
        paragraph.clear()
        if pending is not None:
            start, end = pending
            pending = None
        else:
            start, end, raw = split_stamp(raw)
            bold = _BOLD_PREFIX.match(raw)
            if bold and split_speaker(bold.group(1) + ": x")[0] is not None:
                speaker, raw = bold.group(1), raw[bold.end() :]
            else:
                name_found, rest = split_speaker(raw)
                if name_found is not None:
                    speaker, raw = name_found, rest
        turns.append(Turn(speaker, [Word(w) for w in unescape(raw).split()], start, end))

    for line in text.split("\n"):
        stripped = line.strip()
        heading = _HEADING.fullmatch(stripped)
        if heading is not None:
            flush()
            content = heading.group(2) or ""
            if len(heading.group(1)) == 1 and not title and not turns:
                title = unescape(content).strip()
                continue
            start, end = None, None
            stamped = _TRAILING_STAMP.fullmatch(content)
            if stamped is not None:
                start, end, rest = split_stamp(stamped.group(2))
                if not rest:
                    content = stamped.group(1)
            speaker = unescape(content).strip()
            pending = (start, end)
        elif stripped:
            paragraph.append(stripped)
        else:
            flush()
    flush()
    turns = [t for t in turns if t.words]
    if not turns:
        raise TranscriptParseError("no transcript paragraphs found", path=name, fmt=FORMAT)
    return Transcript(turns, title=title)


def format_markdown(transcript: Transcript, words: bool = False) -> str:
    """``# Title`` and a ``## SPEAKER [start - end]`` heading over each turn's paragraph."""
    parts: list[str] = []
    if transcript.title:
        parts.append(f"# {escape(transcript.title)}")
    for turn in transcript.turns:
        if not turn.words:
            continue
        text = escape(turn.text)
        heading = " ".join(p for p in (escape(turn.speaker), turn_stamp(turn)) if p)
        if heading:
            parts.append(f"## {heading}")
        elif split_speaker(text)[0] is not None:  # keep "Note: ..." from reading as a speaker
            text = text.replace(":", "\\:", 1)
        parts.append(text)
    return "\n\n".join(parts) + "\n"
