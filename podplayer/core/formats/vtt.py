"""WebVTT: ``<v Name>`` voice spans, inline ``<hh:mm:ss.mmm>`` word timestamps, entities.

Hand-written rather than webvtt-py: webvtt-py silently drops cues whose timing line is malformed
(we must name the cue), keeps the voice but not where a voice span changes mid-cue, and leaves inline
timestamps and entities in the raw text for us to parse anyway. Reading: NOTE/STYLE/REGION blocks and
cue settings are ignored; hours are optional; a cue without a voice (or ``Name:`` prefix) continues
the current speaker; an inline timestamp sets the start of the word that follows it. A ``Name:`` prefix
made of one capitalised word names a speaker only where the file uses that pattern consistently
(:func:`consistent_prefixes`): WebVTT names voices with ``<v>``, and "Digo: ..." is speech.
"""

from __future__ import annotations

import html
import re

from podplayer.core.formats.cue_layout import CueBlock, layout_cues
from podplayer.core.formats.cues import Cue, cues_to_turns, read_cue_block
from podplayer.core.formats.speakers import consistent_prefixes, split_speaker
from podplayer.core.formats.timecode import format_subtitle_time, parse_clock
from podplayer.core.model import Transcript, TranscriptParseError, Word

FORMAT = "vtt"
_HEADER = re.compile(r"WEBVTT(?:[ \t].*)?")
_TIMING = re.compile(r"\s*(\S+)[ \t]+-->[ \t]+(\S+)(?:[ \t].*)?")
_TOKEN = re.compile(r"<([^<>]*)>|([^<]+)|(<)")
_SKIPPED_BLOCKS = ("NOTE", "STYLE", "REGION")
_VOICE = re.compile(r"v(?:\.[^\s.>]+)*(?:\s+(.*))?", re.S)


def read_vtt(text: str, name: str = "") -> Transcript:
    lines = text.split("\n")
    if not _HEADER.fullmatch(lines[0].lstrip("\ufeff")):
        raise TranscriptParseError("missing the 'WEBVTT' header", path=name, fmt=FORMAT, line=1)
    i = 1
    while i < len(lines) and lines[i].strip():  # header metadata lines
        i += 1
    cues: list[Cue] = []
    unvoiced: list[Cue] = []  # the first cue of each payload without a voice span: may open with "Name:"
    number = 0
    while i < len(lines):
        if not lines[i].strip():
            i += 1
            continue
        first = lines[i].strip()
        if first.split(None, 1)[0] in _SKIPPED_BLOCKS and "-->" not in first:
            while i < len(lines) and lines[i].strip():
                i += 1
            continue
        number += 1
        if "-->" not in lines[i]:  # a cue identifier
            i += 1
            if i >= len(lines) or "-->" not in lines[i]:
                raise TranscriptParseError(
                    f"cue {number}: expected 'start --> end' after the cue identifier",
                    path=name,
                    fmt=FORMAT,
                    line=i + 1,
                )
        block = read_cue_block(lines, i, _TIMING, number, name, FORMAT, lambda at: "-->" in lines[at])
        i = block.next_line
        payload_cues, voiced = parse_payload("\n".join(block.payload), block.start_ms, block.end_ms)
        if not voiced and payload_cues[0].words:
            unvoiced.append(payload_cues[0])
        cues.extend(payload_cues)
    _apply_prefixes(unvoiced)
    turns = cues_to_turns(cues)
    if not turns:
        raise TranscriptParseError("no cue text found", path=name, fmt=FORMAT)
    return Transcript(turns)


def parse_payload(payload: str, start: int, end: int) -> tuple[list[Cue], bool]:
    """A cue's text -> one Cue per voice span (usually one), words carrying inline timestamps.

    Also whether the text has a voice span; ``Name:`` prefixes are left for :func:`_apply_prefixes`.
    """
    cues: list[Cue] = []
    voiced = False
    current = Cue([], start, end)
    word: list[str] = []
    pending_time: int | None = None

    def finish_word() -> None:
        if word:
            current.words[-1].text = "".join(word)
            word.clear()

    def add_text(text: str) -> None:
        nonlocal pending_time
        for ch in text:
            if ch.isspace():
                finish_word()
                continue
            if not word:
                current.words.append(Word("", pending_time))
                pending_time = None
            word.append(ch)

    for m in _TOKEN.finditer(payload):
        tag, text, stray = m.groups()
        if text is not None or stray is not None:
            add_text(html.unescape(text if text is not None else stray))
            continue
        tag = tag.strip()
        if not tag:
            continue
        voice_tag = _VOICE.fullmatch(tag)
        if voice_tag is not None:
            finish_word()
            if current.words:
                cues.append(current)
                current = Cue([], start, end)
            voice = html.unescape(voice_tag.group(1) or "").strip()
            current.speaker = voice or None
            voiced = True
        elif tag[:1].isdigit():
            time = parse_clock(tag)
            if time is not None:
                pending_time = time
        # every other tag (</v>, <c.x>, <i>, <b>, <u>, <ruby>, <rt>, <lang>) only styles text
    finish_word()
    cues.append(current)
    cues = [c for c in cues if c.words] or cues[:1]
    return cues, voiced


def _apply_prefixes(cues: list[Cue]) -> None:
    """``Name: text`` in cues without a voice span names the speaker (Zoom-style captions)."""
    candidates = [split_speaker(" ".join(w.text for w in cue.words[:8]))[0] for cue in cues]
    accepted = consistent_prefixes(candidates)
    for cue, speaker in zip(cues, candidates, strict=True):
        if speaker is not None and speaker in accepted:
            _take_prefix(cue, speaker)


def _take_prefix(cue: Cue, speaker: str) -> None:
    consumed = len(speaker.split())
    cue.speaker = speaker
    rest = cue.words[consumed:]
    if rest and cue.words[0].start_ms is not None and rest[0].start_ms is None:
        rest[0].start_ms = cue.words[0].start_ms
    cue.words = rest


def format_vtt(transcript: Transcript, words: bool = False) -> str:
    """``<v Name>`` cues; inline timestamps before every timed word whose start differs from the cue's."""
    blocks = [
        f"{_timing(b)}\n" + "\n".join(_lines(b)) for b in layout_cues(transcript, FORMAT, srt_prefix=False)
    ]
    return "WEBVTT\n\n" + "\n\n".join(blocks) + ("\n" if blocks else "")


def _timing(block: CueBlock) -> str:
    return f"{format_subtitle_time(block.start_ms)} --> {format_subtitle_time(block.end_ms)}"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _lines(block: CueBlock) -> list[str]:
    lines: list[str] = []
    for line in block.lines:
        parts: list[str] = []
        for word in line:
            stamp = ""
            if word.start_ms is not None and (parts or lines or word.start_ms != block.start_ms):
                stamp = f"<{format_subtitle_time(word.start_ms)}>"
            parts.append(stamp + _escape(word.text))
        lines.append(" ".join(parts))
    if block.speaker:
        lines[0] = f"<v {_escape(block.speaker)}>{lines[0]}"
    return lines
