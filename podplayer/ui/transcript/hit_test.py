"""What is where in the transcript view: the word, time label, chapter heading or note of audio not in
the transcript under a viewport position, and the viewport rectangles of those parts (for clicks,
tooltips, popovers and tests). The delegate lays a row out; this module places that layout in the view.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF
from PySide6.QtWidgets import QListView

from podplayer.core.model import WordRef
from podplayer.ui.transcript.delegate import Heading, RowLayout, TranscriptDelegate
from podplayer.ui.transcript.model import Role, TranscriptModel
from podplayer.ui.transcript.untranscribed_note import NotePart

Rect = tuple[int, int, int, int]  # x, y, width, height in viewport coordinates


class TranscriptHitTest:
    def __init__(self, view: QListView, model: TranscriptModel, delegate: TranscriptDelegate) -> None:
        self._view = view
        self._model = model
        self._delegate = delegate

    def _layout(self, row: int) -> RowLayout:
        return self._delegate.row_layout(row, self._model.turn(row))

    def word_at(self, pos: QPoint, nearest: bool = False) -> WordRef | None:
        """The word under a viewport position (or the nearest one in that row)."""
        index = self._view.indexAt(pos)
        if not index.isValid():
            return None
        rect = self._view.visualRect(index)
        local = QPointF(pos.x() - rect.left(), pos.y() - rect.top())
        word = self._delegate.word_at(self._layout(index.row()), local, nearest=nearest)
        return WordRef(index.row(), word) if word is not None else None

    def word_rect(self, ref: WordRef) -> Rect | None:
        """Viewport rectangle of a word's first line."""
        rect = self._view.visualRect(self._model.index(ref.turn, 0))
        rects = self._delegate.word_rects(self._layout(ref.turn), ref.word, ref.word)
        if not rects or not rect.isValid():
            return None
        r = rects[0].translated(rect.left(), rect.top())
        return int(r.left()), int(r.top()), int(r.width()), int(r.height())

    def time_label_rect(self, row: int) -> Rect:
        rect = self._view.visualRect(self._model.index(row, 0))
        t = self._layout(row).time_rect.translated(rect.left(), rect.top())
        return int(t.left()), int(t.top()), int(t.width()), int(t.height())

    def time_label_row(self, pos: QPoint) -> int | None:
        """The row whose time label is at ``pos`` (with a little slack around it), if any."""
        index = self._view.indexAt(pos)
        if not index.isValid() or self._model.turn(index.row()).start_ms is None:
            return None
        x, y, w, h = self.time_label_rect(index.row())
        return index.row() if x - 4 <= pos.x() <= x + w + 4 and y - 2 <= pos.y() <= y + h + 2 else None

    def chapter_row(self, chapter: int) -> int | None:
        """The row whose heading shows chapter ``chapter`` (None when it has no heading)."""
        for row in range(self._model.rowCount()):
            if any(h.chapter == chapter for h in self._delegate.headings(row)):
                return row
        return None

    def heading_at(self, pos: QPoint) -> Heading | None:
        """The chapter heading under a viewport position, if any."""
        index = self._view.indexAt(pos)
        if not index.isValid() or not self._delegate.headings(index.row()):
            return None
        rect = self._view.visualRect(index)
        local = QPointF(pos.x() - rect.left(), pos.y() - rect.top())
        return self._delegate.heading_at(self._layout(index.row()), local)

    def heading_rect(self, chapter: int) -> Rect | None:
        """Viewport rectangle of a chapter's heading."""
        row = self.chapter_row(chapter)
        if row is None:
            return None
        rect = self._view.visualRect(self._model.index(row, 0))
        for r, heading in self._layout(row).heading_rects:
            if heading.chapter == chapter:
                t = r.translated(rect.left(), rect.top())
                return int(t.left()), int(t.top()), int(t.width()), int(t.height())
        return None

    def note_part_at(self, pos: QPoint) -> tuple[int, NotePart] | None:
        """(row, part) when ``pos`` is on a note of audio not in the transcript."""
        index = self._view.indexAt(pos)
        if not index.isValid() or index.data(Role.UNTRANSCRIBED_NOTE) is None:
            return None
        rect = self._view.visualRect(index)
        playing = index.data(Role.UNTRANSCRIBED_PLAYING) is not None
        local = QPointF(pos.x() - rect.left(), pos.y() - rect.top())
        part = self._delegate.note_part_at(self._layout(index.row()), local, playing)
        return None if part is None else (index.row(), part)

    def skip_button_center(self, row: int) -> QPoint | None:
        """The viewport centre of a note's Skip button (painted only while the note plays)."""
        button = self._delegate.skip_rect(self._layout(row))
        if button is None:
            return None
        return button.center().toPoint() + self._view.visualRect(self._model.index(row, 0)).topLeft()

    def on_link(self, pos: QPoint) -> bool:
        """Whether ``pos`` is on something a click goes to (a time label, a heading, a note)."""
        return self.time_label_row(pos) is not None or self.heading_at(pos) is not None or self.note_part_at(pos) is not None
