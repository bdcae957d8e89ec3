"""Typing over a turn: a text box laid over the turn's row in the transcript view.

Enter (or clicking away) commits, Escape cancels, Shift+Enter starts a new line, which becomes a new
turn of the same speaker (a split where the line breaks). The editor only says what was typed; the
transcript editing controller turns it into a correction.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QFrame, QPlainTextEdit

MIN_LINES = 3


class TurnEditor(QPlainTextEdit):
    committed = Signal(int, str)  # row, text as typed
    cancelled = Signal(int)  # row
    typed = Signal()  # every change of the text (for "pause while typing")

    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view.viewport())
        self._view = view
        self.row: int | None = None
        self.setObjectName("turnEditor")
        self.setAccessibleName("Edit turn")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setTabChangesFocus(True)
        self.setStyleSheet("QPlainTextEdit#turnEditor { border: 2px solid palette(highlight); border-radius: 4px; }")
        self.textChanged.connect(self.typed)
        view.verticalScrollBar().valueChanged.connect(lambda _v: self._place())
        view.viewport().installEventFilter(self)
        self.hide()

    @property
    def is_open(self) -> bool:
        return self.row is not None

    def open(self, row: int, text: str) -> None:
        """Show the editor over ``row`` holding ``text``, the caret at its end."""
        self.row = row
        font = self._view.font()
        size = getattr(self._view, "point_size", None)  # the transcript's own zoom
        if isinstance(size, float) and size > 0:
            font.setPointSizeF(size)
        self.setFont(font)
        self.setPlainText(text)
        self.moveCursor(self.textCursor().MoveOperation.End)
        self._place()
        self.show()
        self.raise_()
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def commit(self) -> None:
        if self.row is None:
            return
        row, text = self.row, self.toPlainText()
        self._close()
        self.committed.emit(row, text)

    def cancel(self) -> None:
        if self.row is None:
            return
        row = self.row
        self._close()
        self.cancelled.emit(row)

    def _close(self) -> None:
        self.row = None
        self.hide()
        self._view.setFocus(Qt.FocusReason.OtherFocusReason)

    def _place(self) -> None:
        if self.row is None:
            return
        model = self._view.model()
        rect = self._view.visualRect(model.index(self.row, 0))
        label = self._view.fontMetrics().height() + 8  # the speaker and time stay visible above it
        lines = max(MIN_LINES, self.document().lineCount() + 1)
        height = max(rect.height() - label, self.fontMetrics().lineSpacing() * lines + 16)
        self.setGeometry(rect.x() + 4, rect.y() + label, max(200, rect.width() - 8), height)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_Escape:
            self.cancel()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.commit()
            return
        super().keyPressEvent(event)
        self._place()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if event.reason() != Qt.FocusReason.PopupFocusReason:  # a context menu is not clicking away
            self.commit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self._place()
        return super().eventFilter(watched, event)
