"""Recognising a ``Name: text`` speaker prefix at the start of a line or cue.

Hand-written heuristic (no library does this): a name is at most four words and 40 characters,
starts with a letter that is not lower-case, and each further word starts with a non-lower-case
character or is a name particle ("van", "de", ...). That accepts ``JONAS``, ``Dr. Amy Lee``,
``SPEAKER_01``, ``Speaker 2`` and ``李明`` but not sentences like ``The point is: ...`` or URLs.
"""

from __future__ import annotations

import re
from collections import Counter

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


def is_lone_capitalised(name: str) -> bool:
    """One capitalised word (``Amy``, ``Digo``, ``Note``): as likely the start of a sentence as a name.

    ``AMY``, ``SPEAKER_01``, ``Speaker 2`` and ``Dr. Amy Lee`` are labels whatever the file around them.
    """
    return (
        len(name.split()) == 1
        and name[:1].isupper()
        and any(c.islower() for c in name)
        and not any(c.isdigit() or c == "_" for c in name)
    )


def consistent_prefixes(candidates: list[str | None]) -> set[str]:
    """The ``Name:`` prefixes to read as speakers, given each cue's candidate (None: it has none).

    Every candidate counts unless it is a lone capitalised word; such a word counts only when the file
    uses the pattern consistently: the same name opens at least two cues, or at least half of the cues
    open with a name. A single "Digo: ..." in Spanish subtitles is speech, "Amy: ..." in captions that
    name every speaker is a speaker.
    """
    named = Counter(c for c in candidates if c is not None)
    widespread = 2 * sum(named.values()) >= len(candidates)
    return {name for name, count in named.items() if not is_lone_capitalised(name) or count >= 2 or widespread}
