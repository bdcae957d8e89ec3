"""A transcript as the plain text a QDA tool shows: one line per turn, ``Speaker: words``.

REFI-QDA addresses text by character position (code points from 0), so the writer and the reader
share this one layout: where each turn's line starts, where each word starts and ends. Word positions
are worked out per turn when first asked for (an export needs them only where highlights are).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import accumulate

from podplayer.core.model import Transcript, WordRef

LABEL_END = ": "


@dataclass(slots=True)
class TextLayout:
    text: str
    line_starts: list[int]  # where each turn's line starts (its speaker label)
    text_starts: list[int]  # where each turn's words start (after the label)
    _word_starts: dict[int, list[int]] = field(default_factory=dict)

    def word_starts(self, turn: int) -> list[int]:
        """Where each word of ``turn`` starts in :attr:`text`."""
        found = self._word_starts.get(turn)
        if found is None:
            end = self.line_starts[turn + 1] - 1 if turn + 1 < len(self.line_starts) else len(self.text) - 1
            words = self.text[self.text_starts[turn]:end].split(" ")
            found = list(accumulate((len(w) + 1 for w in words[:-1]), initial=self.text_starts[turn])) if words != [""] else []
            self._word_starts[turn] = found
        return found

    def word_span(self, ref: WordRef) -> tuple[int, int]:
        """[start, end) of a word in :attr:`text`."""
        start = self.word_starts(ref.turn)[ref.word]
        end = start
        while end < len(self.text) and self.text[end] not in " \n":
            end += 1
        return start, end

    def word_at(self, position: int) -> WordRef | None:
        """The word covering ``position``, else the next word after it (None past the last word)."""
        turn = max(0, bisect_right(self.line_starts, position) - 1)
        while turn < len(self.line_starts):
            starts = self.word_starts(turn)
            i = bisect_right(starts, position) - 1
            if i >= 0 and position < self.word_span(WordRef(turn, i))[1]:
                return WordRef(turn, i)
            if i + 1 < len(starts):
                return WordRef(turn, i + 1)
            turn += 1
        return None

    def word_before(self, position: int) -> WordRef | None:
        """The last word that starts before ``position`` (the end of a selection ending there)."""
        turn = min(len(self.line_starts) - 1, bisect_right(self.line_starts, position - 1) - 1)
        while turn >= 0:
            i = bisect_right(self.word_starts(turn), position - 1) - 1
            if i >= 0:
                return WordRef(turn, i)
            turn -= 1
        return None


def layout(transcript: Transcript) -> TextLayout:
    parts: list[str] = []
    line_starts: list[int] = []
    text_starts: list[int] = []
    pos = 0
    for turn in transcript.turns:
        label = f"{turn.speaker}{LABEL_END}" if turn.speaker else ""
        line = f"{label}{turn.text}\n"
        line_starts.append(pos)
        text_starts.append(pos + len(label))
        parts.append(line)
        pos += len(line)
    return TextLayout("".join(parts), line_starts, text_starts)
