"""Highlights as subtitle cues (one cue per highlight) in SRT or WebVTT.

A tiny cue writer rather than the transcript writers in :mod:`podplayer.core.formats`: those write a
whole transcript (one cue per turn), while here each cue is a highlight with its own times, and the
formats' cue syntax is a few lines. Cue text is one line ("Speaker: quote" in SRT, ``<v Speaker>``
in WebVTT) with WebVTT's ``&``, ``<`` and ``>`` escaped, so no text can end a cue or open a tag.
"""

from __future__ import annotations

from pathlib import Path

from podplayer.core.export.atomic import write_text_atomic
from podplayer.core.export.bundle import ExportBundle, highlight_span_ms, highlight_speaker
from podplayer.core.export.errors import ExportError
from podplayer.core.formats.timecode import format_subtitle_time


def _vtt_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _cues(bundle: ExportBundle) -> list[tuple[int, int, str, str]]:
    cues: list[tuple[int, int, str, str]] = []
    for item in bundle.items:
        for h in item.highlights:
            start, end = highlight_span_ms(item.episode, h)
            if start is None or end is None:
                raise ExportError(f"{item.episode.title!r} has no timings; align it before exporting subtitles")
            text = " ".join(h.quote.split()) or " ".join(h.note.split()) or "(bookmark)"
            cues.append((start, max(end, start + 1), " ".join(highlight_speaker(item.episode, h).split()), text))
    cues.sort(key=lambda c: (c[0], c[1]))
    return cues


def render_srt(bundle: ExportBundle) -> str:
    blocks = []
    for n, (start, end, speaker, text) in enumerate(_cues(bundle), start=1):
        line = (f"{speaker}: {text}" if speaker else text).replace("-->", "->")  # never a timing line
        blocks.append(f"{n}\n{format_subtitle_time(start, ',')} --> {format_subtitle_time(end, ',')}\n{line}\n")
    return "\n".join(blocks)


def render_vtt(bundle: ExportBundle) -> str:
    blocks = ["WEBVTT\n"]
    for start, end, speaker, text in _cues(bundle):
        voice = f"<v {_vtt_escape(speaker)}>" if speaker else ""
        blocks.append(f"{format_subtitle_time(start, '.')} --> {format_subtitle_time(end, '.')}\n{voice}{_vtt_escape(text)}\n")
    return "\n".join(blocks)


def export_subtitles(bundle: ExportBundle, path: Path, *, fmt: str, force: bool = False) -> None:
    text = render_vtt(bundle) if fmt == "vtt" else render_srt(bundle)
    write_text_atomic(path, text, force=force)
