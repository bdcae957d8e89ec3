"""The podcast's suggested highlights (its ``<podcast:soundbite>``s), shown apart above the user's own
highlights: one row each with its time, title and words, and a Keep button that makes it a highlight."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from podplayer.core.clock import format_clock
from podplayer.core.export.bundle import first_words
from podplayer.core.soundbites import Suggestion


class SuggestionsBox(QFrame):
    keepRequested = Signal(object)  # Suggestion

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("suggestionsBox")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.suggestions: list[Suggestion] = []
        self.keep_buttons: list[QPushButton] = []
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(8, 6, 8, 6)
        self.heading = QLabel("<b>Suggested by the podcast</b>")
        self._layout.addWidget(self.heading)
        self._rows: list[QWidget] = []
        self.setVisible(False)

    def set_suggestions(self, suggestions: list[Suggestion]) -> None:
        for row in self._rows:
            row.deleteLater()
        self._rows, self.keep_buttons, self.suggestions = [], [], list(suggestions)
        for suggestion in suggestions:
            row = QWidget(self)
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            bite = suggestion.soundbite
            title = f"{bite.title} — " if bite.title else ""
            words = suggestion.highlight.quote.split()
            more = "…" if len(words) > 10 else ""
            label = QLabel(f"{format_clock(bite.start_ms)}  {title}“{first_words(suggestion.highlight.quote, 10)}{more}”")
            label.setWordWrap(True)
            label.setToolTip(suggestion.highlight.quote)
            keep = QPushButton("Keep")
            keep.setToolTip("Make this a highlight of yours")
            keep.clicked.connect(lambda _checked=False, s=suggestion: self.keepRequested.emit(s))
            line.addWidget(label, 1)
            line.addWidget(keep)
            self._layout.addWidget(row)
            self._rows.append(row)
            self.keep_buttons.append(keep)
        self.setVisible(bool(suggestions))
