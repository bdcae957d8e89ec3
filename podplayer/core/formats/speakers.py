"""Recognising a ``Name: text`` speaker prefix at the start of a line or cue.

Hand-written heuristic (no library does this): a name is at most four words and 40 characters,
starts with a letter that is not lower-case, and each further word starts with a non-lower-case
character or is a name particle ("van", "de", ...). That accepts ``JONAS``, ``Dr. Amy Lee``,
``SPEAKER_01``, ``Speaker 2`` and ``李明`` but not sentences like ``The point is: ...`` or URLs.
"""

from __future__ import annotations

import re

_PARTICLES = frozenset(
    {"van", "von", "der", "den", "de", "da", "di", "du", "del", "la", "le", "bin", "al", "ibn"}
)
_NAME_CHARS = re.compile(r"[\w .'’&()\-]+")
MAX_NAME_LENGTH = 40


def is_speaker_name(name: str) -> bool:
    """True if ``name`` looks like a speaker label (see the module docstring)."""
    if not name or len(name) > MAX_NAME_LENGTH or name != name.strip():
        return False
    if not _NAME_CHARS.fullmatch(name):
        return False
    words = name.split()
    if len(words) > 4 or not words[0][0].isalpha() or words[0][0].islower():
        return False
    return all(not w[0].islower() or w.lower() in _PARTICLES for w in words[1:])


def split_speaker(line: str) -> tuple[str | None, str]:
    """``"AMY: Hello"`` -> ``("AMY", "Hello")``; a line without a speaker prefix -> ``(None, line)``.

    The colon must be followed by whitespace or end the line, so clock times and URLs never match.
    """
    colon = line.find(":", 0, MAX_NAME_LENGTH + 2)
    if colon <= 0:
        return None, line
    rest = line[colon + 1 :]
    if rest and not rest[0].isspace():
        return None, line
    name = line[:colon].strip()
    if not is_speaker_name(name):
        return None, line
    return name, rest.strip()
