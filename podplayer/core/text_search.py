"""Find-in-episode: case- and accent-insensitive matching over turn texts, with original offsets.

Text is folded with Unicode NFKD (compatibility decomposition), combining marks are dropped and the
rest is case-folded, so "Cafe" finds "café", "CAFÉ" and "ﬁ" finds "fi". Folding can change a
string's length, so every folded character remembers the index of the original character it came
from; matches are reported in offsets of the *original* text, ready to paint.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class FoldedText:
    """A folded string plus, for each folded character, the original range it stands for.

    ``origins[i]`` is the index of the source character of folded character ``i``; ``ends[i]`` is
    the exclusive end of the original text it covers (past any combining marks that folded away).
    """

    text: str
    origins: Sequence[int]
    ends: Sequence[int]
    source_length: int

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Map the folded half-open range [start, end) back to the original text."""
        if start >= end:
            origin = self.origins[start] if start < len(self.origins) else self.source_length
            return origin, origin
        return self.origins[start], self.ends[end - 1]


def fold_char(char: str) -> str:
    """The folded form of one character (may be empty for a lone combining mark, or longer)."""
    decomposed = unicodedata.normalize("NFKD", char)
    kept = "".join(c for c in decomposed if not unicodedata.combining(c))
    return kept.casefold()


def fold(text: str) -> FoldedText:
    """Fold ``text`` for matching, keeping a map back to original offsets."""
    if text.isascii():  # one folded character per original one: the map is the identity
        return FoldedText(text.lower(), range(len(text)), range(1, len(text) + 1), len(text))
    out: list[str] = []
    origins: list[int] = []
    ends: list[int] = []
    for index, char in enumerate(text):
        folded = char.lower() if char.isascii() else fold_char(char)  # ASCII fast path
        if not folded and ends:
            ends[-1] = index + 1  # a lone combining mark belongs to the character before it
        for piece in folded:
            out.append(piece)
            origins.append(index)
            ends.append(index + 1)
    return FoldedText("".join(out), tuple(origins), tuple(ends), len(text))


def fold_plain(text: str) -> str:
    """The folded form of ``text`` without the offset map (fast: for filtering, not for painting)."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def fold_query(query: str) -> str:
    """The folded form of a query (whitespace runs collapsed to one space, ends trimmed)."""
    return " ".join(fold_plain(query).split())


def find_spans(folded: FoldedText, folded_query: str) -> list[tuple[int, int]]:
    """Non-overlapping matches of an already folded query, as original (start, end) offsets."""
    if not folded_query:
        return []
    spans: list[tuple[int, int]] = []
    haystack = folded.text
    pos = haystack.find(folded_query)
    while pos != -1:
        end = pos + len(folded_query)
        spans.append(folded.source_span(pos, end))
        pos = haystack.find(folded_query, end)
    return spans


@dataclass(frozen=True, slots=True)
class TextMatch:
    """One match: turn index and original character offsets [start, end) in the turn's text."""

    turn: int
    start: int
    end: int


class TurnTextIndex:
    """Turn texts folded once, so each new query over a long episode is a plain ``str.find`` loop.

    Folding waits for the first query: opening an episode should not pay for a search never made.
    """

    def __init__(self, texts: Sequence[str]) -> None:
        self._texts = list(texts)
        self._folded: list[FoldedText] | None = None

    def __len__(self) -> int:
        return len(self._texts)

    def find(self, query: str) -> list[TextMatch]:
        """Every match of ``query`` in turn order; an empty or blank query matches nothing."""
        folded_query = fold_query(query)
        if not folded_query:
            return []
        if self._folded is None:
            self._folded = [fold(t) for t in self._texts]
        matches: list[TextMatch] = []
        for turn, folded in enumerate(self._folded):
            for start, end in find_spans(folded, folded_query):
                matches.append(TextMatch(turn, start, end))
        return matches


def find_in_texts(texts: Sequence[str], query: str) -> list[TextMatch]:
    """One-shot convenience: fold ``texts`` and find ``query`` in them."""
    return TurnTextIndex(texts).find(query)
