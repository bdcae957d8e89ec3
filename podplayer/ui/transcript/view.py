"""The synced transcript: a QListView of turns with word-level selection, follow mode and zoom.

- One row per turn (TranscriptModel), painted by TranscriptDelegate, which also lays each row out;
  hit_test.py places those layouts in the view (the word, time label, heading or note at a point).
- Word selection (word_selection.py) is this view's own model (anchor + cursor WordRefs) on top of the
  list view: mouse drag and Shift+arrow keys select word spans within and across turns;
  ``selected_range()`` returns it.
- Follow mode (follow.py) keeps the playing turn in view. Any user scroll (wheel, scroll bar, page
  keys) pauses follow and shows a "Back to now" button that resumes it.
- Clicks (clicks.py): a click on a word emits ``wordActivated(turn, word)``; a click on a turn's time
  or its empty area emits ``turnActivated(turn)``; a click on a chapter heading emits
  ``chapterActivated(chapter)``. The window seeks and plays.
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
from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QHelpEvent, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QAbstractItemView, QListView, QPushButton, QToolTip, QWidget

from podplayer.core.chapters import Chapter, chapter_turns
from podplayer.core.clock import format_clock
from podplayer.core.model import Highlight, Transcript, WordRef
from podplayer.core.timeline import Timeline
from podplayer.core.untranscribed import UntranscribedAudio, UntranscribedStretch
from podplayer.ui import theme
from podplayer.ui.transcript.clicks import Activations, ClickAndDrag
from podplayer.ui.transcript.delegate import Heading, TranscriptDelegate
from podplayer.ui.transcript.follow import FollowScroll
from podplayer.ui.transcript.hit_test import TranscriptHitTest
from podplayer.ui.transcript.hover_text import hover_text
from podplayer.ui.transcript.model import TranscriptModel
from podplayer.ui.transcript.untranscribed_note import NotePart
from podplayer.ui.transcript.word_selection import WordSelection

ZOOM_STEP = 1.0
MIN_POINT_SIZE = 7.0
MAX_POINT_SIZE = 40.0
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

        self._hidden_speakers: set[str] = set()
        self._chapters: list[Chapter] = []
        self._untranscribed: list[tuple[int, int]] = []
        self.placeholder_text = ""
        self._follow = FollowScroll(self, self._model, self.followChanged.emit)
        self._selection = WordSelection(self, self._model, self.selectionChangedRange.emit)
        self._hits = TranscriptHitTest(self, self._model, self._delegate)
        activations = Activations(
            word=self.wordActivated.emit, turn=self.turnActivated.emit, chapter=self.chapterActivated.emit,
            untranscribed=self.untranscribedActivated.emit, skip=self.skipRequested.emit,
        )
        self._clicks = ClickAndDrag(self, self._hits, self._selection, activations)

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
        self._selection.forget_ends()
        self._apply_hidden_speakers()
        self._follow.restart()
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
        return self._hits.chapter_row(chapter)

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

    # --- playing position & follow (ui/transcript/follow.py) -----------------------------------------
    @property
    def follow(self) -> bool:
        return self._follow.following

    @property
    def back_to_now(self) -> QPushButton:
        return self._follow.back_to_now

    def set_current(self, turn: int | None, word: int | None) -> None:
        """Mark the playing turn/word; in follow mode bring a newly current turn into view."""
        changed_row = turn != self._model.current_turn
        self._model.set_current(turn, word)
        if changed_row and turn is not None:
            self._follow.follow_row(turn)

    def set_playing_stretch(self, stretch: UntranscribedStretch | None) -> None:
        """Audio not in the transcript plays (or None): its note is the current place, followed like a turn."""
        self._model.set_playing_stretch(stretch)
        if stretch is not None and stretch.turn is not None:
            self._follow.follow_row(stretch.turn)

    def pause_follow(self) -> None:
        self._follow.pause()

    def resume_follow(self) -> None:
        self._follow.resume()

    def scroll_to_turn(self, row: int) -> None:
        """Show a turn near the top of the view (search results, highlight jumps)."""
        if 0 <= row < self._model.rowCount():
            self.scrollTo(self._model.index(row, 0), QAbstractItemView.ScrollHint.PositionAtTop)
            self.setCurrentIndex(self._model.index(row, 0))

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

    # --- selection (ui/transcript/word_selection.py) ---------------------------------------------
    def selected_range(self) -> tuple[WordRef, WordRef] | None:
        return self._selection.span

    def set_selected_range(self, start: WordRef | None, end: WordRef | None = None) -> None:
        self._selection.select(start, end)

    def clear_selection(self) -> None:
        self._selection.select(None)

    def selected_text(self) -> str:
        return self._selection.text()

    # --- hit testing (ui/transcript/hit_test.py) ---------------------------------------------------
    def word_at(self, pos: QPoint, nearest: bool = False) -> WordRef | None:
        """The word under a viewport position (or the nearest one in that row)."""
        return self._hits.word_at(pos, nearest)

    def word_rect(self, ref: WordRef) -> tuple[int, int, int, int] | None:
        """Viewport rectangle (x, y, w, h) of a word's first line, for tests and popovers."""
        return self._hits.word_rect(ref)

    def word_center(self, ref: WordRef) -> QPoint | None:
        r = self.word_rect(ref)
        return None if r is None else QPoint(r[0] + r[2] // 2, r[1] + r[3] // 2)

    def time_label_rect(self, row: int) -> tuple[int, int, int, int]:
        return self._hits.time_label_rect(row)

    def heading_at(self, pos: QPoint) -> Heading | None:
        """The chapter heading under a viewport position, if any."""
        return self._hits.heading_at(pos)

    def heading_rect(self, chapter: int) -> tuple[int, int, int, int] | None:
        """Viewport rectangle (x, y, w, h) of a chapter's heading, for tests."""
        return self._hits.heading_rect(chapter)

    def note_part_at(self, pos: QPoint) -> tuple[int, NotePart] | None:
        """(row, "skip" or "note") when ``pos`` is on a note of audio not in the transcript."""
        return self._hits.note_part_at(pos)

    def skip_button_center(self, row: int) -> QPoint | None:
        """The viewport centre of a note's Skip button (for tests; painted only while the note plays)."""
        return self._hits.skip_button_center(row)

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
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        self._clicks.press(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        self._clicks.move(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            super().mouseReleaseEvent(event)
            return
        self._clicks.release(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        self.mousePressEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        if shift and key in (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down):
            self._selection.extend(key)
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
        self._follow.viewport_resized()

    def showEvent(self, event: QShowEvent) -> None:
        self._delegate.set_width(self.viewport().width())
        super().showEvent(event)

