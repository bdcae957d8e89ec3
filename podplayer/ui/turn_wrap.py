"""How many lines a turn's words wrap into at a given width, without laying the text out.

Hand-written because Qt has no cheap way to ask: a QTextLayout costs 0.05–0.2 ms per turn, and the
list view needs the height of every one of a three-hour episode's 3,000 turns before it can place
its scroll bar — most of a second when the episode opens. Here each distinct word is measured once
per font (a podcast repeats its vocabulary, so 40,000 words need ~16,000 measurements) and the
wrap is a running sum. It follows QTextLayout's WrapAtWordBoundaryOrAnywhere rule for words joined
by single spaces: a word that does not fit moves to the next line; a word wider than a whole line
is broken anywhere. The delegate checks the estimate against the real layout whenever it lays a
row out (to paint or hit-test it) and corrects the row's height if the two ever differ.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

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

    def line_count(self, words: Sequence[str], line_width: float) -> int:
        """Lines that ``" ".join(words)`` wraps into at ``line_width`` (0 for no words)."""
        if not words:
            return 0
        widths, measure, space = self._widths, self.word_width, self._space
        lines = 1
        x = -1.0  # width used on the current line; negative while it is still empty
        for word in words:
            width = widths.get(word)
            if width is None:
                width = measure(word)
            if x < 0:
                x = width
            elif x + space + width <= line_width:
                x += space + width
            else:
                lines += 1
                x = width
            if x > line_width > 0:  # wider than a whole line: broken anywhere, the rest carries on
                full = math.ceil(x / line_width) - 1
                lines += full
                x -= full * line_width
        return lines
