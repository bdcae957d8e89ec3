"""Follow mode: the playing turn stays in view while playback moves on.

Any user scroll (wheel, scroll bar, page keys) pauses following and shows a "Back to now" button over
the viewport's corner; the button (or ``resume``) brings the playing row back and follows again.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QAbstractSlider, QListView, QPushButton

from podplayer.ui.transcript.model import TranscriptModel

FOLLOW_ANCHOR = 0.28  # the playing row's top sits this far down the viewport


class FollowScroll:
    """Whether the view follows the playing row, the scrolling that does it, and "Back to now"."""

    def __init__(self, view: QListView, model: TranscriptModel, changed: Callable[[bool], None]) -> None:
        self._view = view
        self._model = model
        self._changed = changed
        self.following = True
        self.back_to_now = QPushButton("↓  Back to now", view.viewport())
        self.back_to_now.setObjectName("backToNow")
        self.back_to_now.setAccessibleName("Back to now")
        self.back_to_now.setToolTip("Resume following the playing position")
        self.back_to_now.setCursor(Qt.CursorShape.PointingHandCursor)
        self.back_to_now.clicked.connect(self.resume)
        self.back_to_now.hide()
        view.verticalScrollBar().actionTriggered.connect(self._on_user_scroll)

    def restart(self) -> None:
        """A new transcript: follow again, quietly (nothing was paused from the user's point of view)."""
        self.following = True
        self.back_to_now.hide()

    def follow_row(self, row: int) -> None:
        """A row became the current place: bring it into view if following."""
        if self.following:
            self.bring_into_view(row)

    def pause(self) -> None:
        if self.following:
            self.following = False
            self._changed(False)
        if self._model.current_row is not None:
            self._place_back_to_now()
            self.back_to_now.show()

    def resume(self) -> None:
        self.back_to_now.hide()
        if not self.following:
            self.following = True
            self._changed(True)
        if self._model.current_row is not None:
            self.bring_into_view(self._model.current_row, force=True)

    def bring_into_view(self, row: int, force: bool = False) -> None:
        view = self._view
        rect = view.visualRect(self._model.index(row, 0))
        viewport_h = view.viewport().height()
        fully_visible = rect.top() >= 0 and rect.bottom() <= viewport_h
        if fully_visible and not force and rect.top() < viewport_h * 0.8:
            return
        bar = view.verticalScrollBar()
        bar.setValue(bar.value() + rect.top() - int(viewport_h * FOLLOW_ANCHOR))

    def viewport_resized(self) -> None:
        """Keep the button in its corner and, once the rows are laid out again, the playing row in view."""
        if self.back_to_now.isVisible():
            self._place_back_to_now()
        if self.following and self._model.current_row is not None:
            QTimer.singleShot(0, lambda: self.bring_into_view(self._model.current_row or 0))

    def _on_user_scroll(self, action: int) -> None:
        if action != QAbstractSlider.SliderAction.SliderNoAction.value:
            self.pause()

    def _place_back_to_now(self) -> None:
        self.back_to_now.adjustSize()
        vp = self._view.viewport()
        self.back_to_now.move(
            vp.width() - self.back_to_now.width() - 16, vp.height() - self.back_to_now.height() - 14
        )
