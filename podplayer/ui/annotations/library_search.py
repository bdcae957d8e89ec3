"""Library search (Ctrl+Shift+F): one box over transcripts, highlight quotes and notes.

The query goes to ``Library.search`` (SQLite FTS5), which turns any typed text into a safe query;
this dialog still catches a :class:`PodplayerError` so a bad query shows a line, never a traceback.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QLabel,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from podplayer.core.clock import format_clock
from podplayer.core.model import PodplayerError, SearchHit
from podplayer.store.repository import Library
from podplayer.ui.annotations.highlights_model import plain_tooltip

TYPING_DELAY_MS = 250
RESULT_LIMIT = 200
KIND_LABELS = {"turn": "Transcript", "highlight": "Highlight", "note": "Note"}
HitRole = Qt.ItemDataRole.UserRole + 1


class LibrarySearchDialog(QDialog):
    """Non-modal search window; ``hitActivated`` asks the window to open the episode at the hit."""

    hitActivated = Signal(object)  # SearchHit
    searched = Signal(int)  # number of results, after every search (tests and status)

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.setWindowTitle("Search library")
        self.setAccessibleName("Search library")
        self.resize(720, 460)

        self.query_edit = QLineEdit(self)
        self.query_edit.setPlaceholderText('Search transcripts, highlights and notes — words, "a phrase", pref*')
        self.query_edit.setAccessibleName("Library search query")
        self.query_edit.setClearButtonEnabled(True)
        self.status = QLabel(self)
        self.status.setAccessibleName("Search status")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.results = QTreeWidget(self)
        self.results.setAccessibleName("Search results")
        self.results.setHeaderLabels(["Episode", "Time", "Speaker", "In", "Context"])
        self.results.setRootIsDecorated(False)
        self.results.setUniformRowHeights(True)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.setColumnWidth(0, 160)
        self.results.setColumnWidth(1, 60)
        self.results.setColumnWidth(2, 90)
        self.results.setColumnWidth(3, 80)
        self.results.itemActivated.connect(self._activate)

        layout = QVBoxLayout(self)
        layout.addWidget(self.query_edit)
        layout.addWidget(self.status)
        layout.addWidget(self.results, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(TYPING_DELAY_MS)
        self._timer.timeout.connect(self.run_search)
        self.query_edit.textChanged.connect(self._timer.start)
        self.query_edit.returnPressed.connect(self._enter)

    def _enter(self) -> None:
        if self._timer.isActive() or self.results.topLevelItemCount() == 0:
            self.run_search()
        item = self.results.currentItem() or self.results.topLevelItem(0)
        if item is not None:
            self._activate(item)

    def run_search(self) -> None:
        self._timer.stop()
        query = self.query_edit.text()
        self.results.clear()
        if not query.strip():
            self.status.setText("")
            self.searched.emit(0)
            return
        try:
            hits = self.library.search(query, limit=RESULT_LIMIT)
        except PodplayerError as exc:
            self.status.setText(str(exc))
            self.searched.emit(0)
            return
        for hit in hits:
            item = QTreeWidgetItem(
                [
                    hit.episode_title,
                    format_clock(hit.start_ms),
                    hit.speaker,
                    KIND_LABELS.get(hit.kind, hit.kind),
                    " ".join(hit.context.split()),
                ]
            )
            item.setData(0, HitRole, hit)
            item.setToolTip(4, plain_tooltip(hit.context))
            self.results.addTopLevelItem(item)
        first = self.results.topLevelItem(0)
        if first is not None:
            self.results.setCurrentItem(first)
        count = len(hits)
        more = "+" if count >= RESULT_LIMIT else ""
        self.status.setText(f"{count}{more} result{'s' if count != 1 else ''}" if count else "No results")
        self.searched.emit(count)

    def hits(self) -> list[SearchHit]:
        items = (self.results.topLevelItem(i) for i in range(self.results.topLevelItemCount()))
        return [item.data(0, HitRole) for item in items if item is not None]

    def _activate(self, item: QTreeWidgetItem) -> None:
        hit = item.data(0, HitRole)
        if isinstance(hit, SearchHit):
            self.hitActivated.emit(hit)

    def open_with(self, text: str = "") -> None:
        if text:
            self.query_edit.setText(text)
        self.show()
        self.raise_()
        self.activateWindow()
        self.query_edit.setFocus()
        self.query_edit.selectAll()
