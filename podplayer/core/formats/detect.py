"""Choosing a reader from a transcript's content (the file name only breaks ties).

Hand-written: a handful of cheap, ordered checks on the first lines; no library knows these formats.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from podplayer.core.formats.episode_page import has_section_headings

_SRT_TIMING = re.compile(r"^\s*\d+:\d{1,2}:\d{1,2}[,.]\d+\s*-->\s*\d+:\d{1,2}:\d{1,2}[,.]\d+", re.M)
_AUDACITY_LINE = re.compile(r"-?\d+(?:[.,]\d+)?\t-?\d+(?:[.,]\d+)?(?:\t.*)?")
_HTML_TAG = re.compile(r"<\s*(?:!doctype|html|body|p|cite|time|div)\b", re.I)
_MD_HEADING = re.compile(r"^#{1,6}\s+\S", re.M)

SUFFIX_FORMATS = {
    ".srt": "srt",
    ".vtt": "vtt",
    ".webvtt": "vtt",
    ".json": "podcast-json",
    ".html": "podcast-html",
    ".htm": "podcast-html",
    ".md": "md",
    ".markdown": "md",
    ".txt": "text",
    ".text": "text",
    ".labels": "audacity",
    ".eaf": "eaf",
    ".textgrid": "textgrid",
}


def detect_format(text: str, name: str = "") -> str:
    """The format name (see ``FORMATS``) that fits ``text``; ``name``'s suffix breaks ties."""
    head = text.lstrip("\ufeff \t\n")
    if head.startswith("WEBVTT"):
        return "vtt"
    if head.startswith("<") and "<ANNOTATION_DOCUMENT" in head[:4000]:
        return "eaf"
    if head.startswith("File type") and "TextGrid" in head[:300]:
        return "textgrid"
    if head[:1] == "{" or (head[:1] == "[" and _is_json(head)):
        return _json_flavour(text)
    first_lines = head[:2000]
    if _SRT_TIMING.search(first_lines):
        return "srt"
    first_line = head.split("\n", 1)[0]
    if _AUDACITY_LINE.fullmatch(first_line.rstrip()):
        return "audacity"
    if head.startswith("<") and _HTML_TAG.search(first_lines):
        return "podcast-html"
    if has_section_headings(text):
        return "episode-page"
    suffix_format = SUFFIX_FORMATS.get(Path(name).suffix.lower())
    if _MD_HEADING.search(text) or suffix_format == "md":
        return "md"
    return "text"


def _is_json(text: str) -> bool:
    try:
        json.loads(text)
    except (ValueError, RecursionError):
        return False
    return True


def _json_flavour(text: str) -> str:
    """Return "whisper-json" when segments carry ``start``/``text``, else "podcast-json"."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return "podcast-json"  # the reader reports where the JSON breaks
    segments = data.get("segments") if isinstance(data, dict) else data
    if isinstance(segments, list):
        for seg in segments[:20]:
            if isinstance(seg, dict):
                if "startTime" in seg or "body" in seg:
                    return "podcast-json"
                if "start" in seg or "text" in seg:
                    return "whisper-json"
    if isinstance(data, dict) and "text" in data and "language" in data:
        return "whisper-json"
    return "podcast-json"
