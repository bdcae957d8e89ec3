"""A minimal built-in highlighter used only when the full annotations controller is not installed.

Select words, press H: the highlight is stored in the library, listed on the right, and a click on
it seeks there. The annotations controller (ui/annotations_controller.py) replaces all of this.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem

from podplayer.core.model import Highlight, Transcript, WordRef
from podplayer.ui.transcript_delegate import format_ms

if TYPE_CHECKING:
    from podplayer.ui.main_window import MainWindow

CONTEXT_WORDS = 8


def quote_for_range(transcript: Transcript, start: WordRef, end: WordRef) -> tuple[str, str, str]:
    """(quote, prefix, suffix) for a word range, with a few words of context on each side."""
    flat: list[tuple[WordRef, str]] = [
        (WordRef(ti, wi), w.text) for ti, t in enumerate(transcript.turns) for wi, w in enumerate(t.words)
    ]
    refs = [r for r, _ in flat]
    i0 = refs.index(start)
    i1 = refs.index(end)
    quote = " ".join(text for _, text in flat[i0 : i1 + 1])
    prefix = " ".join(text for _, text in flat[max(0, i0 - CONTEXT_WORDS) : i0])
    suffix = " ".join(text for _, text in flat[i1 + 1 : i1 + 1 + CONTEXT_WORDS])
    return quote, prefix, suffix


class HighlightFallback:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.title = QLabel("Highlights")
        self.title.setObjectName("panelTitle")
        self.list = QListWidget()
        self.list.setAccessibleName("Highlights")
        self.list.setWordWrap(True)
        self.list.itemActivated.connect(self._on_item)
        self.list.itemClicked.connect(self._on_item)
        layout = window.right_panel_container.layout()
        assert layout is not None
        layout.addWidget(self.title)
        layout.addWidget(self.list)
        self.action = QAction("&Highlight selection", window)
        self.action.setShortcuts([QKeySequence("H"), QKeySequence("Ctrl+H")])
        self.action.triggered.connect(self.highlight_selection)
        window.menus["annotate"].addAction(self.action)
        window.episodeOpened.connect(lambda _id: self.refresh())
        window.episodeClosed.connect(self.refresh)

    def highlight_selection(self) -> int | None:
        window = self.window
        episode = window.current_episode
        sel = window.transcript_view.selected_range()
        if episode is None or episode.id is None or sel is None:
            window.statusBar().showMessage("Select some words first, then press H", 4000)
            return None
        quote, prefix, suffix = quote_for_range(episode.transcript, sel[0], sel[1])
        h = Highlight(sel[0], sel[1], quote, prefix, suffix, color=window.settings.last_highlight_color)
        new_id = window.library.add_highlight(episode.id, h)
        window.transcript_view.clear_selection()
        self.refresh()
        window.statusBar().showMessage("Highlight saved", 3000)
        return new_id

    def refresh(self) -> None:
        window = self.window
        episode = window.current_episode
        highlights = window.library.highlights(episode.id) if episode and episode.id is not None else []
        window.transcript_view.set_highlights(highlights)
        self.list.clear()
        for h in highlights:
            text = f"{format_ms(h.start_ms) or '—'}   {h.quote or '(bookmark)'}"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, h.start_ms)
            item.setData(Qt.ItemDataRole.UserRole + 1, h.start.turn)
            self.list.addItem(item)

    def _on_item(self, item: QListWidgetItem) -> None:
        start_ms = item.data(Qt.ItemDataRole.UserRole)
        turn = item.data(Qt.ItemDataRole.UserRole + 1)
        if turn is not None:
            self.window.transcript_view.scroll_to_turn(int(turn))
        if start_ms is not None:
            self.window.controller.seek(int(start_ms))
            self.window.controller.play()
