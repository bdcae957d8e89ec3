"""Which files podplayer takes: audio by suffix, transcripts by suffix, and a transcript found next to
its audio file (a "sidecar").

The one list of media suffixes: the Open dialog's filters, drag and drop, sidecar discovery and the
command line all read it from here. Audio is anything ffmpeg (and so pydub and Qt Multimedia's FFmpeg
backend) decodes that people keep podcasts in; a transcript's real format is still detected from its
content (:mod:`podplayer.core.formats.detect`), so these suffixes only say which files to offer.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from podplayer.core.formats.detect import SUFFIX_FORMATS

AUDIO_SUFFIXES: tuple[str, ...] = (
    ".mp3", ".m4a", ".m4b", ".aac", ".ogg", ".oga", ".opus", ".wav", ".flac", ".wma", ".mp4", ".webm",
)

# The order is the sidecar preference: timed formats first, plain text last.
_SIDECAR_ORDER = (".vtt", ".webvtt", ".srt", ".json", ".html", ".htm", ".txt", ".text", ".md", ".markdown", ".labels")
TRANSCRIPT_SUFFIXES: tuple[str, ...] = _SIDECAR_ORDER + tuple(s for s in SUFFIX_FORMATS if s not in _SIDECAR_ORDER)


# Research projects and codebooks (REFI-QDA): imported whole, not opened as a transcript.
QDA_SUFFIXES: tuple[str, ...] = (".qdpx", ".qdc")


def is_qda_file(path: Path) -> bool:
    return path.suffix.lower() in QDA_SUFFIXES


def is_audio(path: Path) -> bool:
    return path.suffix.lower() in AUDIO_SUFFIXES


def is_transcript(path: Path) -> bool:
    return path.suffix.lower() in TRANSCRIPT_SUFFIXES


def is_media(path: Path) -> bool:
    """Audio, a transcript or a REFI-QDA project or codebook: a file podplayer can open."""
    return is_audio(path) or is_transcript(path) or is_qda_file(path)


def find_sidecar(audio: Path) -> Path | None:
    """A transcript next to ``audio`` with the same stem (``talk.mp3`` -> ``talk.vtt``), or None.

    Suffixes are tried in :data:`TRANSCRIPT_SUFFIXES` order, in lower and upper case.
    """
    for suffix in TRANSCRIPT_SUFFIXES:
        for candidate in (audio.with_suffix(suffix), audio.with_suffix(suffix.upper())):
            if candidate != audio and candidate.is_file():
                return candidate
    return None


def split_media(paths: Iterable[Path]) -> tuple[Path | None, Path | None]:
    """The first audio file and the first transcript among chosen or dropped files, in any order."""
    listed = list(paths)
    audio = next((p for p in listed if is_audio(p)), None)
    transcript = next((p for p in listed if is_transcript(p) and p != audio), None)
    return audio, transcript


def file_patterns(suffixes: Sequence[str]) -> str:
    """``*.mp3 *.m4a ...`` for a file dialog's name filter."""
    return " ".join(f"*{s}" for s in suffixes)


def suffix_list(suffixes: Sequence[str]) -> str:
    """``.vtt, .srt, ...`` for messages."""
    return ", ".join(suffixes)
