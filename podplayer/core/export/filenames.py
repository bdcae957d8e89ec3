"""Safe, portable file names for exported clips: ``NNN - speaker - first words.ext``.

pathvalidate removes characters no file system accepts (``/ \\ : * ? " < > |``, NUL, control
characters) and renames reserved Windows names (``CON``, ``NUL``, ``COM1``...); on top of it we drop
leading dots and dashes (hidden files, names read as options) and keep names short in UTF-8 bytes.
"""

from __future__ import annotations

import re

from pathvalidate import sanitize_filename

MAX_NAME_BYTES = 180  # well below the usual 255-byte limit, leaving room for a temp prefix

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _truncate_utf8(text: str, max_bytes: int) -> str:
    encoded = text.encode("utf-8")
    if len(encoded) <= max_bytes:
        return text
    return encoded[:max_bytes].decode("utf-8", errors="ignore")


def safe_name_part(text: str, *, max_bytes: int = 60, fallback: str = "untitled") -> str:
    """One part of a file name: one line, no unsafe characters, no leading dots/dashes, short."""
    text = sanitize_filename(_CONTROL.sub(" ", text), platform="universal", replacement_text=" ")
    text = " ".join(text.split())
    text = text.lstrip(".- ").rstrip(". ")
    text = _truncate_utf8(text, max_bytes).rstrip(". ")
    # Truncation or stripping can leave a reserved name ("CON") or nothing at all.
    text = sanitize_filename(text, platform="universal", replacement_text="").lstrip(".- ")
    return text or fallback


def clip_filename(index: int, speaker: str, quote: str, ext: str, *, width: int = 3) -> str:
    number = f"{index:0{width}d}"
    words = " ".join(quote.split()[:8])
    name = f"{number} - {safe_name_part(speaker, max_bytes=40, fallback='unknown')} - " + safe_name_part(
        words, max_bytes=80, fallback="bookmark"
    )
    return f"{_truncate_utf8(name, MAX_NAME_BYTES).rstrip('. ')}.{ext}"
