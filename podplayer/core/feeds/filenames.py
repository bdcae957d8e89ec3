"""Local file names for downloaded enclosures.

The name comes from the feed (the URL's last path segment, else the episode title), so it is
untrusted: path separators, ``..``, reserved names (``CON``, ``NUL``...) and control characters are
made harmless by the same rule the clip export uses (pathvalidate underneath).
"""

from __future__ import annotations

import posixpath
from urllib.parse import unquote, urlsplit

from podplayer.core.export.filenames import safe_name_part
from podplayer.core.formats.media import AUDIO_SUFFIXES

AUDIO_EXTENSIONS = {
    "audio/mpeg": ".mp3",
    "audio/mp3": ".mp3",
    "audio/x-m4a": ".m4a",
    "audio/mp4": ".m4a",
    "audio/aac": ".aac",
    "audio/ogg": ".ogg",
    "audio/opus": ".opus",
    "audio/flac": ".flac",
    "audio/wav": ".wav",
    "audio/x-wav": ".wav",
    "video/mp4": ".mp4",
}
KNOWN_SUFFIXES = frozenset(AUDIO_SUFFIXES)  # the one list of audio suffixes


def enclosure_filename(url: str, title: str, mime_type: str = "", *, guid_hint: str = "") -> str:
    """A safe file name (no directories) for an enclosure: ``<name>.<ext>``."""
    path = unquote(urlsplit(url).path)
    # Take the last segment ourselves: a "%2F" decoded above must not make a directory.
    base = posixpath.basename(path.replace("\\", "/"))
    stem, dot, ext = base.rpartition(".")
    suffix = f".{ext.lower()}" if dot and f".{ext.lower()}" in KNOWN_SUFFIXES else ""
    if not suffix:
        stem = base if not dot else stem
        suffix = AUDIO_EXTENSIONS.get(mime_type.split(";")[0].strip().lower(), ".mp3")
    name = safe_name_part(stem or title, max_bytes=100, fallback="")
    if not name or name.lower() in {"download", "media", "audio", "file", "stream", "listen"}:
        name = safe_name_part(title, max_bytes=100, fallback="episode")
    if guid_hint:
        name = f"{name} [{safe_name_part(guid_hint, max_bytes=12, fallback='x')}]"
    return name + suffix
