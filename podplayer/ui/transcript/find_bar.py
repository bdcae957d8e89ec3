"""Ctrl+F find-in-episode bar: case/accent-insensitive, "3 of 12", Enter / Shift+Enter, Esc closes.

The matching is :mod:`podplayer.core.text_search`; this widget only keeps the current match and
emits what to paint (``matchesChanged``) and where to go (``currentChanged``).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from podplayer.core.text_search import TextMatch, TurnTextIndex

TYPING_DELAY_MS = 120  # re-search once typing pauses; a 40,000-word episode takes a few ms


class FindBar(QWidget):
    matchesChanged = Signal(list, int)  # list[(turn, char_start, char_end)], current index or -1
    currentChanged = Signal(int, int, int)  # turn, char_start, char_end of the current match
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Find bar")
        self._index = TurnTextIndex([])
        self._matches: list[TextMatch] = []
        self._current = -1

        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText("Find in episode")
        self.edit.setAccessibleName("Find in episode")
        self.edit.setClearButtonEnabled(True)
        self.edit.installEventFilter(self)
        self.count_label = QLabel(self)
        self.count_label.setAccessibleName("Match count")
        self.count_label.setMinimumWidth(70)
        self.previous_button = self._button("▲", "Previous match (Shift+Enter)", self.previous)
        self.next_button = self._button("▼", "Next match (Enter)", self.next)
        self.close_button = self._button("✕", "Close (Esc)", self.close_bar)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.count_label)
        layout.addWidget(self.previous_button)
        layout.addWidget(self.next_button)
        layout.addWidget(self.close_button)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(TYPING_DELAY_MS)
        self._timer.timeout.connect(self.search)
        self.edit.textChanged.connect(self._timer.start)
        self.hide()

    def _button(self, text: str, tip: str, slot: object) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(tip.split(" (")[0])
        button.clicked.connect(slot)
        return button

    # --- content ------------------------------------------------------------------------------
    def set_texts(self, texts: Sequence[str]) -> None:
        """The turn texts to search (the episode changed or was edited); re-runs an open search."""
        self._index = TurnTextIndex(texts)
        if self.isVisible() and self.edit.text():
            self.search(keep_position=True)
        else:
            self._set_matches([], -1)

    @property
    def matches(self) -> list[TextMatch]:
        return list(self._matches)

    @property
    def current(self) -> int:
        return self._current

    def open_bar(self, text: str = "") -> None:
        self.show()
        if text:
            self.edit.setText(text)
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()
        if self.edit.text():
            self.search()

    def close_bar(self) -> None:
        self._timer.stop()
        self.hide()
        self._set_matches([], -1)
        self.closed.emit()

    # --- searching ----------------------------------------------------------------------------
    def search(self, keep_position: bool = False) -> None:
        self._timer.stop()
        previous = self._matches[self._current] if keep_position and self._current >= 0 else None
        matches = self._index.find(self.edit.text())
        current = 0 if matches else -1
        if previous is not None and matches:
            current = next((i for i, m in enumerate(matches) if (m.turn, m.start) >= (previous.turn, previous.start)), 0)
        self._set_matches(matches, current)

    def next(self) -> None:
        self._step(+1)

    def previous(self) -> None:
        self._step(-1)

    def _step(self, delta: int) -> None:
        if self._timer.isActive():
            self.search()
            if delta > 0:
                return  # the fresh search already sits on the first match
        if not self._matches:
            return
        self._current = (self._current + delta) % len(self._matches)
        self._emit()

    def _set_matches(self, matches: list[TextMatch], current: int) -> None:
        self._matches = matches
        self._current = current
        self._emit()

    def _emit(self) -> None:
        total = len(self._matches)
        if not self.edit.text().strip():
            self.count_label.setText("")
        elif total == 0:
            self.count_label.setText("No matches")
        else:
            self.count_label.setText(f"{self._current + 1} of {total}")
        self.previous_button.setEnabled(total > 1)
        self.next_button.setEnabled(total > 1)
        self.matchesChanged.emit([(m.turn, m.start, m.end) for m in self._matches], self._current)
        if 0 <= self._current < total:
            m = self._matches[self._current]
            self.currentChanged.emit(m.turn, m.start, m.end)

    # --- keys: Enter / Shift+Enter step, Esc closes ----------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                    self.previous()
                else:
                    self.next()
                return True
            if event.key() == Qt.Key.Key_Escape:
                self.close_bar()
                return True
        return super().eventFilter(watched, event)
