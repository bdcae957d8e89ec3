"""Checks every front end applies to transcripts: is the file text at all, and does it fit the audio.

``read_transcript`` calls :func:`check_transcript_size`, :func:`check_transcript_bytes` and
:func:`check_transcript_text`, so ``convert``, ``open``, ``import`` and the window's Open/drop path all
refuse binary files (an mp3 given in the wrong place, random bytes) with one clear line.
:func:`check_against_audio` is called wherever an episode is built from a transcript and an audio file.

Hand-written: a few magic numbers and a control-character ratio are all that is needed; MIME sniffing
libraries (libmagic bindings) need a system library and still call many text files "data".
"""

from __future__ import annotations

import re
from pathlib import Path

from podplayer.core.clock import format_clock
from podplayer.core.model import PodplayerError, Transcript, TranscriptParseError

__all__ = [
    "END_TOLERANCE_MS",
    "MAX_TRANSCRIPT_BYTES",
    "TranscriptMismatchError",
    "check_against_audio",
    "check_transcript_bytes",
    "check_transcript_size",
    "check_transcript_text",
    "require_words",
]

# Transcripts of even very long episodes with word timings stay far below this.
MAX_TRANSCRIPT_BYTES = 50 * 2**20
# Subtitles often end a little after the audio does; more than this is a mismatched pair.
END_TOLERANCE_MS = 5_000
# Share of control characters above which decoded "text" is really binary data. Real transcripts
# have none besides tabs and line ends; Windows-1252 curly quotes read as latin-1 stay far below it.
MAX_CONTROL_RATIO = 0.05
# How much of the file the content checks look at: binary data shows itself at once.
SNIFF_BYTES = 65536

_UNICODE_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
# Leading bytes of files people drop by mistake: the audio itself, documents, images, archives.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"ID3", "an MP3 audio file"),
    (b"RIFF", "a WAV/RIFF audio file"),
    (b"OggS", "an Ogg audio file"),
    (b"fLaC", "a FLAC audio file"),
    (b"\x1a\x45\xdf\xa3", "a WebM/Matroska media file"),
    (b"\x30\x26\xb2\x75\x8e\x66\xcf\x11", "a WMA/ASF media file"),
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive or office document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"SQLite format 3\x00", "an SQLite database"),
)
# MPEG-1/2 layer III (mp3) and ADTS (AAC) frame headers: FF then one of these.
_MPEG_SYNC_SECOND_BYTES = frozenset({0xE2, 0xE3, 0xF1, 0xF2, 0xF3, 0xF9, 0xFA, 0xFB})
# C0 controls except tab, line feed, form feed and carriage return; DEL; C1 controls.
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


class TranscriptMismatchError(PodplayerError):
    """A timed transcript does not fit its audio (times go backwards or run past the end)."""


def check_transcript_size(size: int, path: str | Path = "") -> None:
    """Refuse files over :data:`MAX_TRANSCRIPT_BYTES` before reading them."""
    if size > MAX_TRANSCRIPT_BYTES:
        raise TranscriptParseError(
            f"transcript is {size / 2**20:.0f} MB; podplayer reads transcripts up to "
            f"{MAX_TRANSCRIPT_BYTES // 2**20} MB",
            path=str(path),
        )


def _media_kind(head: bytes) -> str | None:
    if head.startswith(_UNICODE_BOMS):
        return None  # text; FF FE (UTF-16 LE) would otherwise pass for an MPEG frame sync
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if head[4:8] == b"ftyp":
        return "an MP4/M4A media file"
    # MPEG audio frame sync (an mp3 or AAC file without an ID3 tag). UTF-16 BOMs are FF FE / FE FF.
    if len(head) >= 2 and head[0] == 0xFF and head[1] in _MPEG_SYNC_SECOND_BYTES:
        return "an MPEG audio file"
    return None


def check_transcript_bytes(data: bytes, path: str | Path = "") -> None:
    """Refuse raw file content that is not text: known media/document headers, or NUL bytes in a
    file without a UTF-16/32 byte-order mark."""
    head = data[:SNIFF_BYTES]
    kind = _media_kind(head)
    if kind is not None:
        raise TranscriptParseError(
            f"not a text transcript (the file contains binary data: it looks like {kind})", path=str(path)
        )
    if b"\x00" in head and not head.startswith(_UNICODE_BOMS):
        raise TranscriptParseError("not a text transcript (the file contains binary data)", path=str(path))


def check_transcript_text(text: str, path: str | Path = "") -> None:
    """Refuse decoded text made mostly of control characters (undecodable garbage)."""
    sample = text[:SNIFF_BYTES]
    if not sample:
        return
    controls = len(_CONTROL.findall(sample))
    if controls > 0 and controls / len(sample) > MAX_CONTROL_RATIO:
        raise TranscriptParseError(
            "not a text transcript (the file contains binary data: mostly control characters)", path=str(path)
        )


def require_words(transcript: Transcript, name: str | Path = "") -> None:
    """Refuse a transcript without a single word (empty or blank file)."""
    if not transcript.turns or transcript.word_count == 0:
        prefix = f"{name}: " if str(name) else ""
        raise TranscriptParseError(f"{prefix}the transcript has no words")


def check_against_audio(transcript: Transcript, duration_ms: int | None, name: str | Path = "") -> None:
    """Refuse a timed transcript whose turns go back in time, or that runs more than
    :data:`END_TOLERANCE_MS` past the end of its audio (``duration_ms`` None: only the order).

    Untimed turns (no start) are skipped: they carry no claim about the audio.
    """
    prefix = f"{name}: " if str(name) else ""
    previous: int | None = None
    for number, turn in enumerate(transcript.turns, 1):
        if turn.start_ms is None:
            continue
        if previous is not None and turn.start_ms < previous:
            raise TranscriptMismatchError(
                f"{prefix}timestamps go backwards at turn {number} "
                f"({format_clock(previous)} then {format_clock(turn.start_ms)})"
            )
        previous = turn.start_ms
    end = transcript.end_ms
    if duration_ms is not None and end is not None and end > duration_ms + END_TOLERANCE_MS:
        raise TranscriptMismatchError(
            f"{prefix}timestamps run to {format_clock(end)} but the audio is {format_clock(duration_ms)} long"
        )
