"""How many lines a turn's words wrap into at a given width, without laying the text out.

Hand-written because Qt has no cheap way to ask: a QTextLayout costs 0.05–0.2 ms per turn, and the
list view needs the height of every one of a three-hour episode's 3,000 turns before it can place
its scroll bar — most of a second when the episode opens. Here each distinct word is measured once
per font (a podcast repeats its vocabulary, so 40,000 words need ~16,000 measurements) and the
wrap is a running sum. It follows QTextLayout's WrapAtWordBoundaryOrAnywhere rule for words joined
by single spaces: a word that does not fit moves to the next line; a word wider than a whole line
is broken anywhere. Measured word by word, a line can come out a pixel narrower than Qt measures
it in context, so the delegate lays each line out at the width found here plus ``slack`` (less than
a space: no further word fits) and Qt breaks where this estimate did. The delegate still checks the
row's real height when it lays it out and corrects it if they ever differ (a word wider than a line,
broken anywhere, is only approximated here).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from PySide6.QtGui import QFont, QFontMetricsF


class WrapEstimator:
    """Line counts for space-separated words in one font; caches word widths across turns."""

    def __init__(self, font: QFont) -> None:
        self._metrics = QFontMetricsF(font)
        self._space = self._metrics.horizontalAdvance(" ")
        self._widths: dict[str, float] = {}
        self._in_font: dict[str, bool] = {}

    def covers(self, text: str) -> bool:
        """Whether the font itself draws every character (no fallback font with other line heights)."""
        if text.isascii():
            return True
        known = self._in_font
        for char in set(text):
            if char.isascii():
                continue
            drawn = known.get(char)
            if drawn is None:
                drawn = known[char] = self._metrics.inFontUcs4(ord(char))
            if not drawn:
                return False
        return True

    def word_width(self, word: str) -> float:
        width = self._widths.get(word)
        if width is None:
            width = self._widths[word] = self._metrics.horizontalAdvance(word)
        return width

    @property
    def slack(self) -> float:
        """Room to add to a line's estimated width so Qt keeps its words on it but no further word."""
        return 0.75 * self._space

    def wrap(self, words: Sequence[str], line_width: float) -> WrapPlan:
        """How ``" ".join(words)`` wraps at ``line_width``: the line count and where lines break."""
        plan = WrapPlan()
        if not words:
            return plan
        widths, measure, space = self._widths, self.word_width, self._space
        planned = plan.planned
        x = -1.0  # width used on the current line; negative while it is still empty
        chars = 0  # characters on the current line, its trailing space included
        lines = 1
        certain = True  # a word broken anywhere makes later breaks an approximation
        for word in words:
            width = widths.get(word)
            if width is None:
                width = measure(word)
            if x < 0:
                x = width
            elif x + space + width <= line_width:
                x += space + width
            else:
                if certain:
                    planned.append((chars, x))
                lines += 1
                x = width
                chars = 0
            chars += len(word) + 1
            if x > line_width > 0:  # wider than a whole line: broken anywhere, the rest carries on
                certain = False
                full = math.ceil(x / line_width) - 1
                lines += full
                x -= full * line_width
        if certain:
            planned.append((chars - 1, x))
        plan.line_count = lines
        return plan

    def line_count(self, words: Sequence[str], line_width: float) -> int:
        """Lines that ``" ".join(words)`` wraps into at ``line_width`` (0 for no words)."""
        return self.wrap(words, line_width).line_count


@dataclass(slots=True)
class WrapPlan:
    """A turn's estimated wrap: its line count and, for the lines whose breaks are certain (all but
    those from a word broken anywhere on), each line's characters (trailing space included) and width."""

    line_count: int = 0
    planned: list[tuple[int, float]] = field(default_factory=list)
