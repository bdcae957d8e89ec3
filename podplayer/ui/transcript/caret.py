"""Shift+arrow selection in the transcript: where the caret moves, word by word and turn by turn."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt

from podplayer.core.model import WordRef


def moved_caret(
    cur: WordRef, key: int, words_in: Callable[[int], int], next_row: Callable[[int, int], int | None]
) -> WordRef:
    """Where ``key`` (Left, Right, Up or Down) takes the caret at ``cur``; it stays at an end.

    ``words_in(row)``: the row's word count; ``next_row(row, step)``: the next shown row with words
    in direction ``step`` (1 or -1), or None. Up and Down keep the word's place in the turn as far
    as the other turn has words.
    """
    if key == Qt.Key.Key_Right:
        if cur.word + 1 < words_in(cur.turn):
            return WordRef(cur.turn, cur.word + 1)
        row = next_row(cur.turn, 1)
        return WordRef(row, 0) if row is not None else cur
    if key == Qt.Key.Key_Left:
        if cur.word > 0:
            return WordRef(cur.turn, cur.word - 1)
        row = next_row(cur.turn, -1)
        return WordRef(row, words_in(row) - 1) if row is not None else cur
    row = next_row(cur.turn, 1 if key == Qt.Key.Key_Down else -1)
    return WordRef(row, min(cur.word, words_in(row) - 1)) if row is not None else cur
