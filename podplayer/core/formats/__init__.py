"""Transcript readers and writers, one module per format, chosen by content (see detect.py).

Public entry points used by the store, CLI and UI::

    read_transcript(path, fmt=None) -> Transcript          # TranscriptParseError on bad input
    parse_transcript(text, fmt=None, name="") -> Transcript
    write_transcript(transcript, path, fmt=None, words=False) -> None   # fmt from the suffix if None
    format_transcript(transcript, fmt, words=False) -> str  # TranscriptWriteError if it cannot
    detect_format(text, name="") -> str
    decode_bytes(data) -> str

``FORMATS`` lists every readable format name, ``WRITABLE_FORMATS`` the writable ones. Aliases such as
"json", "webvtt", "txt", "html" and "markdown" are accepted wherever a format name is.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from podplayer.core.atomic import write_atomic
from podplayer.core.formats import (
    audacity,
    eaf,
    episode_page,
    markdown,
    podcast_html,
    podcast_json,
    srt,
    text,
    textgrid,
    vtt,
    whisper_json,
)
from podplayer.core.formats.detect import SUFFIX_FORMATS, detect_format
from podplayer.core.formats.encoding import decode_bytes, normalise_newlines
from podplayer.core.formats.errors import TranscriptWriteError, UnknownFormatError
from podplayer.core.model import Transcript, TranscriptParseError
from podplayer.core.transcript_checks import (
    check_transcript_bytes,
    check_transcript_size,
    check_transcript_text,
)

__all__ = [
    "FORMATS",
    "WRITABLE_FORMATS",
    "TranscriptParseError",
    "TranscriptWriteError",
    "UnknownFormatError",
    "decode_bytes",
    "detect_format",
    "format_transcript",
    "normalise_format",
    "parse_transcript",
    "read_transcript",
    "write_transcript",
]

Reader = Callable[[str, str], Transcript]
Writer = Callable[[Transcript, bool], str]

_READERS: dict[str, Reader] = {
    "srt": srt.read_srt,
    "vtt": vtt.read_vtt,
    "podcast-json": podcast_json.read_podcast_json,
    "whisper-json": whisper_json.read_whisper_json,
    "audacity": audacity.read_audacity,
    "podcast-html": podcast_html.read_podcast_html,
    "episode-page": episode_page.read_episode_page,
    "text": text.read_text,
    "md": markdown.read_markdown,
    "eaf": eaf.read_eaf,
    "textgrid": textgrid.read_textgrid,
}
_WRITERS: dict[str, Writer] = {
    "srt": srt.format_srt,
    "vtt": vtt.format_vtt,
    "podcast-json": podcast_json.format_podcast_json,
    "md": markdown.format_markdown,
    "text": text.format_text,
    "eaf": eaf.format_eaf,
    "textgrid": textgrid.format_textgrid,
}

FORMATS: tuple[str, ...] = (
    "srt",
    "vtt",
    "podcast-json",
    "whisper-json",
    "audacity",
    "podcast-html",
    "episode-page",
    "text",
    "md",
    "eaf",
    "textgrid",
)
WRITABLE_FORMATS: tuple[str, ...] = ("srt", "vtt", "podcast-json", "md", "text", "eaf", "textgrid")

ALIASES = {
    "json": "podcast-json",
    "podcast": "podcast-json",
    "whisper": "whisper-json",
    "webvtt": "vtt",
    "txt": "text",
    "plain": "text",
    "markdown": "md",
    "html": "podcast-html",
    "page": "episode-page",
    "labels": "audacity",
    "elan": "eaf",
    "praat": "textgrid",
}


def normalise_format(fmt: str) -> str:
    """A format name or alias (case-insensitive, a leading dot allowed) -> its canonical name."""
    key = fmt.strip().lower().lstrip(".")
    key = ALIASES.get(key, key)
    if key not in FORMATS:
        known = ", ".join(FORMATS)
        raise UnknownFormatError(f"unknown transcript format {fmt!r} (known: {known})")
    return key


def parse_transcript(text: str, fmt: str | None = None, name: str = "") -> Transcript:
    """Parse transcript ``text``; ``fmt`` None detects it from the content. ``name`` is for messages."""
    text = normalise_newlines(text.lstrip("\ufeff"))
    fmt = normalise_format(fmt) if fmt else detect_format(text, name)
    transcript = _READERS[fmt](text, name)
    transcript.metadata.setdefault("source_format", fmt)
    if not transcript.title and name:
        transcript.title = Path(name).stem
    return transcript


def read_transcript(path: str | Path, fmt: str | None = None) -> Transcript:
    """Read a transcript file of any known format (detected from its content unless ``fmt``).

    Files over the size limit and binary content (audio, images, random bytes) are refused with a
    :class:`TranscriptParseError` before any reader sees them (see ``core/transcript_checks.py``).
    """
    path = Path(path)
    try:
        check_transcript_size(path.stat().st_size, path)
        data = path.read_bytes()
    except FileNotFoundError:
        raise TranscriptParseError("file not found", path=str(path)) from None
    except IsADirectoryError:
        raise TranscriptParseError("is a directory, not a transcript file", path=str(path)) from None
    except OSError as exc:
        raise TranscriptParseError(f"cannot read file ({exc.strerror or exc})", path=str(path)) from None
    check_transcript_bytes(data, path)
    text = decode_bytes(data)
    check_transcript_text(text, path)
    return parse_transcript(text, fmt, name=str(path))


def format_for_path(path: str | Path) -> str:
    """The writable format for an output file name (``.srt`` -> "srt")."""
    suffix = Path(path).suffix.lower()
    fmt = SUFFIX_FORMATS.get(suffix)
    if fmt is None or fmt not in WRITABLE_FORMATS:
        choices = ", ".join(s for s, f in SUFFIX_FORMATS.items() if f in WRITABLE_FORMATS)
        raise UnknownFormatError(f"cannot tell the output format from {str(path)!r} (use one of {choices})")
    return fmt


def format_transcript(transcript: Transcript, fmt: str, words: bool = False) -> str:
    """The transcript as text in ``fmt``; ``words`` asks for word-level output where the format has it."""
    fmt = normalise_format(fmt)
    writer = _WRITERS.get(fmt)
    if writer is None:
        raise UnknownFormatError(f"cannot write {fmt}; writable formats: {', '.join(WRITABLE_FORMATS)}")
    return writer(transcript, words)


def write_transcript(
    transcript: Transcript, path: str | Path, fmt: str | None = None, words: bool = False
) -> None:
    """Write atomically (temp file + rename) as UTF-8; ``fmt`` None takes it from the suffix."""
    path = Path(path)
    write_atomic(path, format_transcript(transcript, fmt or format_for_path(path), words))
