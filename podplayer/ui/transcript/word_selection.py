"""Word selection in the transcript view: an anchor and a cursor (WordRefs) across turns, kept apart
from QListView's own row selection (which the view turns off). The mouse drags it (ui/transcript/
clicks.py), Shift+arrow keys extend it (where the caret moves: ui/transcript/caret.py); the model
holds the span the delegate paints."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractItemView, QListView

from podplayer.core.model import WordRef
from podplayer.ui.transcript.caret import moved_caret
from podplayer.ui.transcript.model import TranscriptModel

Span = tuple[WordRef, WordRef]


class WordSelection:
    def __init__(self, view: QListView, model: TranscriptModel, changed: Callable[[], None]) -> None:
        self._view = view
        self._model = model
        self._changed = changed
        self.anchor: WordRef | None = None
        self.cursor: WordRef | None = None

    @property
    def span(self) -> Span | None:
        return self._model.selection

    def forget_ends(self) -> None:
        """A new transcript: no anchor, no cursor (the model dropped the span with its rows)."""
        self.anchor = self.cursor = None

    def select(self, start: WordRef | None, end: WordRef | None = None) -> None:
        if start is None:
            self.anchor = self.cursor = None
            self.show(None)
            return
        end = end or start
        self.anchor, self.cursor = start, end
        self.show((min(start, end), max(start, end)))

    def drag_to(self, ref: WordRef) -> None:
        """The cursor end moves to ``ref`` (the anchor becomes ``ref`` when there is none)."""
        if self.anchor is None:
            self.anchor = ref
        self.cursor = ref
        self.show((min(self.anchor, ref), max(self.anchor, ref)))

    def show(self, span: Span | None) -> None:
        if span != self._model.selection:
            self._model.set_selection(span)
            self._changed()

    def text(self) -> str:
        span = self.span
        if span is None:
            return ""
        parts: list[str] = []
        for row in range(span[0].turn, span[1].turn + 1):
            words = self._model.turn(row).words
            w0 = span[0].word if row == span[0].turn else 0
            w1 = span[1].word if row == span[1].turn else len(words) - 1
            parts.append(" ".join(w.text for w in words[w0 : w1 + 1]))
        return "\n".join(p for p in parts if p)

    def extend(self, key: int) -> None:
        """Shift+arrow: move the cursor end by a word or a line and keep it in view."""
        start = self._start_ref()
        if start is None:
            return
        if self.anchor is None or self.cursor is None:
            self.anchor = self.cursor = start
            if self.span is None and key in (Qt.Key.Key_Right, Qt.Key.Key_Down):
                # The first Shift+Right selects the word at the caret itself.
                self.show((start, start))
                if key == Qt.Key.Key_Right:
                    return
        new = moved_caret(self.cursor, key, lambda row: len(self._model.turn(row).words), self._visible_rows)
        self.cursor = new
        assert self.anchor is not None
        self.show((min(self.anchor, new), max(self.anchor, new)))
        self._view.scrollTo(self._model.index(new.turn, 0), QAbstractItemView.ScrollHint.EnsureVisible)

    def _start_ref(self) -> WordRef | None:
        if self.cursor is not None:
            return self.cursor
        current = self._model.current_turn
        index = self._view.currentIndex()
        row = index.row() if index.isValid() else current
        if row is None or row < 0:
            row = self._first_visible_row()
        if row is None:
            return None
        word = self._model.current_word if row == current and self._model.current_word is not None else 0
        return WordRef(row, word)

    def _first_visible_row(self) -> int | None:
        index = self._view.indexAt(QPoint(10, 10))
        if index.isValid():
            return index.row()
        return 0 if self._model.rowCount() else None

    def _visible_rows(self, start: int, step: int) -> int | None:
        row = start + step
        while 0 <= row < self._model.rowCount():
            if not self._view.isRowHidden(row) and self._model.turn(row).words:
                return row
            row += step
        return None
