"""The synced transcript: a QListView of turns with word-level selection, follow mode and zoom.

- One row per turn (TranscriptModel), painted by TranscriptDelegate, which also answers hit tests.
- Word selection is this view's own model (anchor + cursor WordRefs) on top of the list view: mouse
  drag and Shift+arrow keys select word spans within and across turns; ``selected_range()`` returns it.
- Follow mode keeps the playing turn in view. Any user scroll (wheel, scroll bar, page keys) pauses
  follow and shows a "Back to now" button that resumes it.
- A click on a word emits ``wordActivated(turn, word)``; a click on a turn's time or its empty area
  emits ``turnActivated(turn)``; a click on a chapter heading emits ``chapterActivated(chapter)``.
  The window seeks and plays.
- Chapters (``set_chapters``) are headings above the turns where they start; they change only
  those rows' heights, and the view re-lays the rows out once.
- Audio not in the transcript (``set_untranscribed``: ads) is a note above the turn after it. While
  it plays (``set_playing_stretch``) no word is current and the note is the current place, followed
  like a turn; its Skip button emits ``skipRequested``, a click elsewhere on a note
  ``untranscribedActivated(start_ms)``.
- Speed on long episodes: the model's ``dataChanged`` (playing word, highlights, selection, search)
  only ever changes how rows look, never their size, so it repaints those rows instead of letting
  QListView re-measure every row; row heights come from the delegate's cached estimates.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6 import QtGui
from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QPoint, QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QHelpEvent, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QAbstractItemView, QAbstractSlider, QListView, QPushButton, QToolTip, QWidget

from podplayer.core.chapters import Chapter, chapter_turns
from podplayer.core.clock import format_clock
from podplayer.core.model import Highlight, Transcript, WordRef
from podplayer.core.timeline import Timeline
from podplayer.core.untranscribed import UntranscribedAudio, UntranscribedStretch
from podplayer.ui import theme
from podplayer.ui.transcript.caret import moved_caret
from podplayer.ui.transcript.delegate import Heading, TranscriptDelegate
from podplayer.ui.transcript.hover_text import hover_text
from podplayer.ui.transcript.model import Role, TranscriptModel
from podplayer.ui.transcript.untranscribed_note import NotePart

ZOOM_STEP = 1.0
MIN_POINT_SIZE = 7.0
MAX_POINT_SIZE = 40.0
FOLLOW_ANCHOR = 0.28  # the playing row's top sits this far down the viewport
REPAINT_ROWS_ONE_BY_ONE = 64  # a dataChanged spanning more rows repaints the whole viewport instead


class TranscriptView(QListView):
    selectionChangedRange = Signal()
    wordActivated = Signal(int, int)  # turn, word
    turnActivated = Signal(int)
    chapterActivated = Signal(int)  # index in the chapters given to set_chapters
    untranscribedActivated = Signal(int)  # a note of audio not in the transcript was clicked: its start (ms)
    skipRequested = Signal()  # the playing note's Skip button was clicked
    followChanged = Signal(bool)
    fontSizeChanged = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("transcriptView")
        self.setAccessibleName("Transcript")
        self._model = TranscriptModel(self)
        self._delegate = TranscriptDelegate(self)
        self.setModel(self._model)
        self.setItemDelegate(self._delegate)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setUniformItemSizes(False)
        self.setMouseTracking(True)
        self.setFrameShape(QListView.Shape.NoFrame)
        self.verticalScrollBar().setSingleStep(24)

        self._anchor: WordRef | None = None
        self._cursor: WordRef | None = None
        self._press_word: WordRef | None = None
        self._press_pos: QPoint | None = None
        self._dragging = False
        self._hidden_speakers: set[str] = set()
        self._chapters: list[Chapter] = []
        self._untranscribed: list[tuple[int, int]] = []
        self._follow = True
        self.placeholder_text = ""

        self.back_to_now = QPushButton("↓  Back to now", self.viewport())
        self.back_to_now.setObjectName("backToNow")
        self.back_to_now.setAccessibleName("Back to now")
        self.back_to_now.setToolTip("Resume following the playing position")
        self.back_to_now.setCursor(Qt.CursorShape.PointingHandCursor)
        self.back_to_now.clicked.connect(self.resume_follow)
        self.back_to_now.hide()

        self.verticalScrollBar().actionTriggered.connect(self._on_user_scroll)
        self._delegate.rowHeightsCorrected.connect(self.scheduleDelayedItemsLayout)

    # --- content ----------------------------------------------------------------------------
    @property
    def transcript_model(self) -> TranscriptModel:
        return self._model

    @property
    def delegate(self) -> TranscriptDelegate:
        return self._delegate

    def set_transcript(self, transcript: Transcript, speaker_colors: dict[str, str] | None = None) -> None:
        self._delegate.clear_cache()
        self._delegate.set_headings({})
        self._chapters = []
        self._model.set_transcript(transcript, speaker_colors)
        self._show_untranscribed()
        self._anchor = self._cursor = None
        self._apply_hidden_speakers()
        self._follow = True
        self.back_to_now.hide()
        self.scrollToTop()

    def set_speaker_colors(self, colors: dict[str, str]) -> None:
        self._model.set_speaker_colors(colors)

    def set_chapters(self, chapters: list[Chapter], timeline: Timeline | None = None) -> None:
        """Show chapter headings above the turns where the chapters start (none when untimed).

        ``timeline``: one already built for the transcript on show (saves building it again)."""
        self._chapters = list(chapters)
        if timeline is None or timeline.transcript is not self._model.transcript:
            timeline = Timeline(self._model.transcript)
        placed = chapter_turns(timeline, self._chapters) if self._chapters else {}
        headings = {
            row: [Heading(c, self._chapters[c].title, format_clock(self._chapters[c].start_ms)) for c in indexes]
            for row, indexes in placed.items()
        }
        changed = self._delegate.set_headings(headings)
        self._model.set_chapter_titles({row: [h.title for h in items] for row, items in headings.items()})
        if changed:
            self.scheduleDelayedItemsLayout()  # only the changed rows are measured again

    @property
    def chapters(self) -> list[Chapter]:
        return list(self._chapters)

    def chapter_row(self, chapter: int) -> int | None:
        """The row whose heading shows chapter ``chapter`` (None when it has no heading)."""
        for row in range(self._model.rowCount()):
            if any(h.chapter == chapter for h in self._delegate.headings(row)):
                return row
        return None

    def set_untranscribed(self, spans: list[tuple[int, int]]) -> None:
        """Note each stretch of audio not in the transcript (ads) above the turn that follows it."""
        self._untranscribed = list(spans)
        self._show_untranscribed()

    def _show_untranscribed(self) -> None:
        transcript = self._model.transcript
        notes = UntranscribedAudio(self._untranscribed, Timeline(transcript)).notes() if self._untranscribed else {}
        self._model.set_untranscribed(notes)
        if self._delegate.set_note_rows(set(notes)):
            self.scheduleDelayedItemsLayout()  # only the changed rows are measured again

    def set_highlights(self, highlights: list[Highlight]) -> None:
        self._model.set_highlights(highlights)

    def set_search_matches(self, matches: list[tuple[int, int, int]], current: int) -> None:
        self._model.set_search_matches(matches, current)
        if 0 <= current < len(matches):
            # Looking at a match is reading elsewhere: stop following until "Back to now".
            if self._model.current_turn is not None and matches[current][0] != self._model.current_turn:
                self.pause_follow()
            self.scroll_to_turn(matches[current][0])

    def set_hidden_speakers(self, speakers: set[str]) -> None:
        self._hidden_speakers = set(speakers)
        self._apply_hidden_speakers()

    def _apply_hidden_speakers(self) -> None:
        hidden = self._hidden_speakers
        for row, turn in enumerate(self._model.transcript.turns):
            hide = turn.speaker in hidden
            if hide != self.isRowHidden(row):  # each setRowHidden schedules a relayout of every row
                self.setRowHidden(row, hide)

    # --- playing position & follow ----------------------------------------------------------------
    @property
    def follow(self) -> bool:
        return self._follow

    def set_current(self, turn: int | None, word: int | None) -> None:
        """Mark the playing turn/word; in follow mode bring a newly current turn into view."""
        changed_row = turn != self._model.current_turn
        self._model.set_current(turn, word)
        if changed_row and turn is not None and self._follow:
            self._bring_into_view(turn)

    def set_playing_stretch(self, stretch: UntranscribedStretch | None) -> None:
        """Audio not in the transcript plays (or None): its note is the current place, followed like a turn."""
        self._model.set_playing_stretch(stretch)
        if stretch is not None and stretch.turn is not None and self._follow:
            self._bring_into_view(stretch.turn)

    def pause_follow(self) -> None:
        if self._follow:
            self._follow = False
            self.followChanged.emit(False)
        if self._model.current_row is not None:
            self._place_back_to_now()
            self.back_to_now.show()

    def resume_follow(self) -> None:
        self.back_to_now.hide()
        if not self._follow:
            self._follow = True
            self.followChanged.emit(True)
        if self._model.current_row is not None:
            self._bring_into_view(self._model.current_row, force=True)

    def _on_user_scroll(self, action: int) -> None:
        if action != QAbstractSlider.SliderAction.SliderNoAction.value:
            self.pause_follow()

    def _bring_into_view(self, row: int, force: bool = False) -> None:
        index = self._model.index(row, 0)
        rect = self.visualRect(index)
        viewport_h = self.viewport().height()
        fully_visible = rect.top() >= 0 and rect.bottom() <= viewport_h
        if fully_visible and not force and rect.top() < viewport_h * 0.8:
            return
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + rect.top() - int(viewport_h * FOLLOW_ANCHOR))

    def scroll_to_turn(self, row: int) -> None:
        """Show a turn near the top of the view (search results, highlight jumps)."""
        if 0 <= row < self._model.rowCount():
            self.scrollTo(self._model.index(row, 0), QAbstractItemView.ScrollHint.PositionAtTop)
            self.setCurrentIndex(self._model.index(row, 0))

    def _place_back_to_now(self) -> None:
        self.back_to_now.adjustSize()
        vp = self.viewport()
        self.back_to_now.move(
            vp.width() - self.back_to_now.width() - 16, vp.height() - self.back_to_now.height() - 14
        )

    # --- zoom ----------------------------------------------------------------------------------
    @property
    def point_size(self) -> float:
        return self._delegate.font.pointSizeF()

    def set_point_size(self, size: float) -> None:
        size = min(MAX_POINT_SIZE, max(MIN_POINT_SIZE, size))
        self._delegate.set_point_size(size)
        self.doItemsLayout()
        self.viewport().update()
        self.fontSizeChanged.emit(size)

    def zoom_in(self) -> None:
        self.set_point_size(self.point_size + ZOOM_STEP)

    def zoom_out(self) -> None:
        self.set_point_size(self.point_size - ZOOM_STEP)

    # --- selection -------------------------------------------------------------------------------
    def selected_range(self) -> tuple[WordRef, WordRef] | None:
        return self._model.selection

    def set_selected_range(self, start: WordRef | None, end: WordRef | None = None) -> None:
        if start is None:
            self._anchor = self._cursor = None
            self._set_selection(None)
            return
        end = end or start
        self._anchor, self._cursor = start, end
        self._set_selection((min(start, end), max(start, end)))

    def clear_selection(self) -> None:
        self.set_selected_range(None)

    def selected_text(self) -> str:
        sel = self.selected_range()
        if sel is None:
            return ""
        parts: list[str] = []
        for row in range(sel[0].turn, sel[1].turn + 1):
            words = self._model.turn(row).words
            w0 = sel[0].word if row == sel[0].turn else 0
            w1 = sel[1].word if row == sel[1].turn else len(words) - 1
            parts.append(" ".join(w.text for w in words[w0 : w1 + 1]))
        return "\n".join(p for p in parts if p)

    def _set_selection(self, sel: tuple[WordRef, WordRef] | None) -> None:
        if sel != self._model.selection:
            self._model.set_selection(sel)
            self.selectionChangedRange.emit()

    # --- hit testing -------------------------------------------------------------------------------
    def word_at(self, pos: QPoint, nearest: bool = False) -> WordRef | None:
        """The word under a viewport position (or the nearest one in that row)."""
        index = self.indexAt(pos)
        if not index.isValid():
            return None
        rect = self.visualRect(index)
        layout = self._delegate.row_layout(index.row(), self._model.turn(index.row()))
        local = QPointF(pos.x() - rect.left(), pos.y() - rect.top())
        word = self._delegate.word_at(layout, local, nearest=nearest)
        return WordRef(index.row(), word) if word is not None else None

    def word_rect(self, ref: WordRef) -> tuple[int, int, int, int] | None:
        """Viewport rectangle (x, y, w, h) of a word's first line, for tests and popovers."""
        index = self._model.index(ref.turn, 0)
        rect = self.visualRect(index)
        layout = self._delegate.row_layout(ref.turn, self._model.turn(ref.turn))
        rects = self._delegate.word_rects(layout, ref.word, ref.word)
        if not rects or not rect.isValid():
            return None
        r = rects[0].translated(rect.left(), rect.top())
        return int(r.left()), int(r.top()), int(r.width()), int(r.height())

    def word_center(self, ref: WordRef) -> QPoint | None:
        r = self.word_rect(ref)
        return None if r is None else QPoint(r[0] + r[2] // 2, r[1] + r[3] // 2)

    def time_label_rect(self, row: int) -> tuple[int, int, int, int]:
        index = self._model.index(row, 0)
        rect = self.visualRect(index)
        layout = self._delegate.row_layout(row, self._model.turn(row))
        t = layout.time_rect.translated(rect.left(), rect.top())
        return int(t.left()), int(t.top()), int(t.width()), int(t.height())

    def heading_at(self, pos: QPoint) -> Heading | None:
        """The chapter heading under a viewport position, if any."""
        index = self.indexAt(pos)
        if not index.isValid() or not self._delegate.headings(index.row()):
            return None
        rect = self.visualRect(index)
        layout = self._delegate.row_layout(index.row(), self._model.turn(index.row()))
        return self._delegate.heading_at(layout, QPointF(pos.x() - rect.left(), pos.y() - rect.top()))

    def heading_rect(self, chapter: int) -> tuple[int, int, int, int] | None:
        """Viewport rectangle (x, y, w, h) of a chapter's heading, for tests."""
        row = self.chapter_row(chapter)
        if row is None:
            return None
        rect = self.visualRect(self._model.index(row, 0))
        layout = self._delegate.row_layout(row, self._model.turn(row))
        for r, heading in layout.heading_rects:
            if heading.chapter == chapter:
                t = r.translated(rect.left(), rect.top())
                return int(t.left()), int(t.top()), int(t.width()), int(t.height())
        return None

    def note_part_at(self, pos: QPoint) -> tuple[int, NotePart] | None:
        """(row, "skip" or "note") when ``pos`` is on a note of audio not in the transcript."""
        index = self.indexAt(pos)
        if not index.isValid() or index.data(Role.UNTRANSCRIBED_NOTE) is None:
            return None
        rect = self.visualRect(index)
        layout = self._delegate.row_layout(index.row(), self._model.turn(index.row()))
        playing = index.data(Role.UNTRANSCRIBED_PLAYING) is not None
        part = self._delegate.note_part_at(layout, QPointF(pos.x() - rect.left(), pos.y() - rect.top()), playing)
        return None if part is None else (index.row(), part)

    def skip_button_center(self, row: int) -> QPoint | None:
        """The viewport centre of a note's Skip button (for tests; painted only while the note plays)."""
        layout = self._delegate.row_layout(row, self._model.turn(row))
        button = self._delegate.skip_rect(layout)
        if button is None:
            return None
        return button.center().toPoint() + self.visualRect(self._model.index(row, 0)).topLeft()

    def _on_time_label(self, pos: QPoint) -> int | None:
        index = self.indexAt(pos)
        if not index.isValid() or self._model.turn(index.row()).start_ms is None:
            return None
        x, y, w, h = self.time_label_rect(index.row())
        return index.row() if x - 4 <= pos.x() <= x + w + 4 and y - 2 <= pos.y() <= y + h + 2 else None

    def tooltip_text_at(self, pos: QPoint) -> str | None:
        """The plain text shown when hovering ``pos``: highlight tags/notes, an ad's note, or a confidence hint."""
        note_part = self.note_part_at(pos)
        return hover_text(self._model, note_part, None if note_part is not None else self.word_at(pos))

    # --- model changes ---------------------------------------------------------------------------
    def dataChanged(
        self,
        topLeft: QModelIndex | QPersistentModelIndex,
        bottomRight: QModelIndex | QPersistentModelIndex,
        roles: Sequence[int] = (),
    ) -> None:
        """Repaint the changed rows without re-measuring any row.

        QListView answers every dataChanged, whatever the roles, with a relayout of all rows (one
        sizeHint per row: ~3,000 on a three-hour episode, on every playing-word tick). This model's
        dataChanged only changes how rows look; text and size change through a model reset.
        """
        first, last = topLeft.row(), bottomRight.row()
        viewport = self.viewport()
        if first < 0 or last < first:
            return
        if last - first >= REPAINT_ROWS_ONE_BY_ONE:
            viewport.update()
            return
        visible = viewport.rect()
        for row in range(first, last + 1):
            rect = self.visualRect(self._model.index(row, 0))
            if rect.intersects(visible):
                viewport.update(rect)

    # --- events ------------------------------------------------------------------------------------
    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            assert isinstance(event, QHelpEvent)
            text = self.tooltip_text_at(event.pos())
            if text:
                # convertFromPlainText escapes markup: a note containing <b> shows literally.
                QToolTip.showText(event.globalPos(), QtGui.Qt.convertFromPlainText(text), self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        pos = event.position().toPoint()
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        index = self.indexAt(pos)
        if index.isValid():
            self.setCurrentIndex(index)
        on_note = self.note_part_at(pos)
        if on_note is not None:
            self._press_word = None
            self._press_pos = None
            if on_note[1] == "skip":
                self.skipRequested.emit()
            else:
                note = self._model.index(on_note[0], 0).data(Role.UNTRANSCRIBED_NOTE)
                self.untranscribedActivated.emit(note.start_ms)
            return
        time_row = self._on_time_label(pos)
        if time_row is not None:
            self._press_word = None
            self._press_pos = None
            self.turnActivated.emit(time_row)
            return
        heading = self.heading_at(pos)
        if heading is not None:
            self._press_word = None
            self._press_pos = None
            self.chapterActivated.emit(heading.chapter)
            return
        ref = self.word_at(pos)
        self._press_pos = pos
        self._dragging = False
        if ref is not None and event.modifiers() & Qt.KeyboardModifier.ShiftModifier and self._anchor:
            self._cursor = ref
            self._dragging = True
            self._set_selection((min(self._anchor, ref), max(self._anchor, ref)))
            self._press_word = ref
            return
        self._press_word = ref
        if ref is not None:
            self._anchor = self._cursor = ref

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        pos = event.position().toPoint()
        if not event.buttons() & Qt.MouseButton.LeftButton or self._press_pos is None:
            over_link = (self._on_time_label(pos) is not None or self.heading_at(pos) is not None
                         or self.note_part_at(pos) is not None)
            self.viewport().setCursor(Qt.CursorShape.PointingHandCursor if over_link else Qt.CursorShape.IBeamCursor)
            return
        if not self._dragging and (pos - self._press_pos).manhattanLength() < 4:
            return
        ref = self.word_at(pos, nearest=True)
        if ref is None:
            return
        if self._anchor is None:
            self._anchor = ref
        self._dragging = True
        self._cursor = ref
        self._set_selection((min(self._anchor, ref), max(self._anchor, ref)))
        self._autoscroll(pos)

    def _autoscroll(self, pos: QPoint) -> None:
        bar = self.verticalScrollBar()
        if pos.y() < 10:
            bar.setValue(bar.value() - 20)
        elif pos.y() > self.viewport().height() - 10:
            bar.setValue(bar.value() + 20)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            super().mouseReleaseEvent(event)
            return
        pos = event.position().toPoint()
        was_click = self._press_pos is not None and not self._dragging
        press_word = self._press_word
        self._press_pos = None
        self._dragging = False
        if not was_click:
            return
        self.clear_selection()
        release_word = self.word_at(pos)
        if press_word is not None and release_word == press_word:
            self._anchor = self._cursor = press_word
            self.wordActivated.emit(press_word.turn, press_word.word)
        elif press_word is None:
            index = self.indexAt(pos)
            if index.isValid():
                self.turnActivated.emit(index.row())

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        self.mousePressEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        if shift and key in (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down):
            self._extend_selection(key)
            return
        if key == Qt.Key.Key_Escape and self.selected_range() is not None:
            self.clear_selection()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.turnActivated.emit(self.currentIndex().row())
            return
        if key in (Qt.Key.Key_PageUp, Qt.Key.Key_PageDown, Qt.Key.Key_Home, Qt.Key.Key_End):
            self.pause_follow()
        super().keyPressEvent(event)

    def _start_ref(self) -> WordRef | None:
        if self._cursor is not None:
            return self._cursor
        current = self._model.current_turn
        row = self.currentIndex().row() if self.currentIndex().isValid() else current
        if row is None or row < 0:
            row = self._first_visible_row()
        if row is None:
            return None
        word = self._model.current_word if row == current and self._model.current_word is not None else 0
        return WordRef(row, word)

    def _first_visible_row(self) -> int | None:
        index = self.indexAt(QPoint(10, 10))
        if index.isValid():
            return index.row()
        return 0 if self._model.rowCount() else None

    def _visible_rows(self, start: int, step: int) -> int | None:
        row = start + step
        while 0 <= row < self._model.rowCount():
            if not self.isRowHidden(row) and self._model.turn(row).words:
                return row
            row += step
        return None

    def _extend_selection(self, key: int) -> None:
        start = self._start_ref()
        if start is None:
            return
        if self._anchor is None or self._cursor is None:
            self._anchor = self._cursor = start
            if self.selected_range() is None and key in (Qt.Key.Key_Right, Qt.Key.Key_Down):
                # The first Shift+Right selects the word at the caret itself.
                self._set_selection((start, start))
                if key == Qt.Key.Key_Right:
                    return
        new = moved_caret(self._cursor, key, lambda row: len(self._model.turn(row).words), self._visible_rows)
        self._cursor = new
        assert self._anchor is not None
        self._set_selection((min(self._anchor, new), max(self._anchor, new)))
        self.scrollTo(self._model.index(new.turn, 0), QAbstractItemView.ScrollHint.EnsureVisible)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self._model.rowCount() == 0 and self.placeholder_text:
            painter = QPainter(self.viewport())
            painter.setPen(theme.muted_text(self.palette()))
            font = self._delegate.font
            font.setPointSizeF(font.pointSizeF() * 1.1)
            painter.setFont(font)
            painter.drawText(self.viewport().rect().adjusted(40, 0, -40, 0),
                             Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.placeholder_text)
            painter.end()

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._delegate.set_width(self.viewport().width())
        super().resizeEvent(event)
        if self.back_to_now.isVisible():
            self._place_back_to_now()
        if self._follow and self._model.current_row is not None:
            QTimer.singleShot(0, lambda: self._bring_into_view(self._model.current_row or 0))

    def showEvent(self, event: QShowEvent) -> None:
        self._delegate.set_width(self.viewport().width())
        super().showEvent(event)

