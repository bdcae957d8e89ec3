"""What the left mouse button does in the transcript view (the window seeks and plays on the signals):

- a click on a word activates it (``word(turn, word)``), on a turn's time label or its empty area the
  turn (``turn(row)``), on a chapter heading the chapter (``chapter(index)``);
- on a note of audio not in the transcript: its Skip button skips (``skip()``), the rest of it goes
  to the note's start (``untranscribed(start_ms)``);
- a drag selects words, scrolling when it reaches the viewport's top or bottom edge; Shift+click
  extends the selection.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QListView

from podplayer.core.model import WordRef
from podplayer.ui.transcript.hit_test import TranscriptHitTest
from podplayer.ui.transcript.model import Role
from podplayer.ui.transcript.word_selection import WordSelection

DRAG_THRESHOLD_PX = 4
AUTOSCROLL_EDGE_PX = 10
AUTOSCROLL_STEP_PX = 20


@dataclass(frozen=True, slots=True)
class Activations:
    """Where clicks go (the view's signals)."""

    word: Callable[[int, int], None]
    turn: Callable[[int], None]
    chapter: Callable[[int], None]
    untranscribed: Callable[[int], None]
    skip: Callable[[], None]


class ClickAndDrag:
    def __init__(
        self, view: QListView, hits: TranscriptHitTest, selection: WordSelection, activate: Activations
    ) -> None:
        self._view = view
        self._hits = hits
        self._selection = selection
        self._activate = activate
        self._press_word: WordRef | None = None
        self._press_pos: QPoint | None = None
        self._dragging = False

    def press(self, event: QMouseEvent) -> None:
        """A left-button press (or double click) on the viewport."""
        view, hits = self._view, self._hits
        pos = event.position().toPoint()
        view.setFocus(Qt.FocusReason.MouseFocusReason)
        index = view.indexAt(pos)
        if index.isValid():
            view.setCurrentIndex(index)
        on_note = hits.note_part_at(pos)
        if on_note is not None:
            self._press_word = None
            self._press_pos = None
            if on_note[1] == "skip":
                self._activate.skip()
            else:
                note = view.model().index(on_note[0], 0).data(Role.UNTRANSCRIBED_NOTE)
                self._activate.untranscribed(note.start_ms)
            return
        time_row = hits.time_label_row(pos)
        if time_row is not None:
            self._press_word = None
            self._press_pos = None
            self._activate.turn(time_row)
            return
        heading = hits.heading_at(pos)
        if heading is not None:
            self._press_word = None
            self._press_pos = None
            self._activate.chapter(heading.chapter)
            return
        ref = hits.word_at(pos)
        self._press_pos = pos
        self._dragging = False
        if ref is not None and event.modifiers() & Qt.KeyboardModifier.ShiftModifier and self._selection.anchor:
            self._dragging = True
            self._selection.drag_to(ref)
            self._press_word = ref
            return
        self._press_word = ref
        if ref is not None:
            self._selection.anchor = self._selection.cursor = ref

    def move(self, event: QMouseEvent) -> None:
        view = self._view
        pos = event.position().toPoint()
        if not event.buttons() & Qt.MouseButton.LeftButton or self._press_pos is None:
            over_link = self._hits.on_link(pos)
            view.viewport().setCursor(Qt.CursorShape.PointingHandCursor if over_link else Qt.CursorShape.IBeamCursor)
            return
        if not self._dragging and (pos - self._press_pos).manhattanLength() < DRAG_THRESHOLD_PX:
            return
        ref = self._hits.word_at(pos, nearest=True)
        if ref is None:
            return
        self._dragging = True
        self._selection.drag_to(ref)
        self._autoscroll(pos)

    def release(self, event: QMouseEvent) -> None:
        """A left-button release: a press and release without a drag between them is a click."""
        pos = event.position().toPoint()
        was_click = self._press_pos is not None and not self._dragging
        press_word = self._press_word
        self._press_pos = None
        self._dragging = False
        if not was_click:
            return
        self._selection.select(None)
        release_word = self._hits.word_at(pos)
        if press_word is not None and release_word == press_word:
            self._selection.anchor = self._selection.cursor = press_word
            self._activate.word(press_word.turn, press_word.word)
        elif press_word is None:
            index = self._view.indexAt(pos)
            if index.isValid():
                self._activate.turn(index.row())

    def _autoscroll(self, pos: QPoint) -> None:
        bar = self._view.verticalScrollBar()
        if pos.y() < AUTOSCROLL_EDGE_PX:
            bar.setValue(bar.value() - AUTOSCROLL_STEP_PX)
        elif pos.y() > self._view.viewport().height() - AUTOSCROLL_EDGE_PX:
            bar.setValue(bar.value() + AUTOSCROLL_STEP_PX)
