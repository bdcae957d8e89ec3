"""Finding words: the find bar in the open episode (Ctrl+F) and library search (Ctrl+Shift+F)."""

from __future__ import annotations

from PySide6.QtCore import QObject

from podplayer.core.model import SearchHit
from podplayer.ui.annotations.context import AnnotationContext
from podplayer.ui.annotations.highlighting import Highlighting
from podplayer.ui.annotations.library_search import LibrarySearchDialog
from podplayer.ui.player.playback_controller import PlaybackController
from podplayer.ui.transcript.find_bar import FindBar


class Searching(QObject):
    def __init__(self, context: AnnotationContext, playback: PlaybackController, find_bar: FindBar,
                 highlighting: Highlighting) -> None:
        super().__init__(context)
        self.context = context
        self.playback = playback
        self.find_bar = find_bar
        self.highlighting = highlighting
        self.search_dialog: LibrarySearchDialog | None = None
        find_bar.matchesChanged.connect(self._show_matches)

    def episode_shown(self) -> None:
        """The open episode (or none) changed: the find bar searches its turns."""
        episode = self.context.episode
        self.find_bar.set_texts([t.text for t in episode.transcript.turns] if episode is not None else [])

    def open_find(self) -> None:
        if self.context.episode is None:
            return
        selection = self.context.view.selected_text()
        self.find_bar.open_bar(selection if isinstance(selection, str) and 0 < len(selection) < 80 else "")

    def _show_matches(self, matches: list[tuple[int, int, int]], current: int) -> None:
        self.context.view.set_search_matches(matches, current)

    def open_library_search(self) -> LibrarySearchDialog:
        if self.search_dialog is None:
            self.search_dialog = LibrarySearchDialog(self.context.library, self.context.dialog_parent)
            self.search_dialog.hitActivated.connect(self.open_search_hit)
        self.search_dialog.open_with()
        return self.search_dialog

    def open_search_hit(self, hit: SearchHit) -> None:
        """Open the hit's episode at that moment."""
        session = self.context.session
        if not session.is_open(hit.episode_id):
            session.open(hit.episode_id)
        turn = hit.turn_index
        if hit.highlight_id is not None:
            match = next((h for h in self.highlighting.highlights if h.id == hit.highlight_id), None)
            if match is not None:
                turn = match.start.turn
                self.highlighting.panel.select_highlight(hit.highlight_id)
        if turn is not None:
            self.context.view.scroll_to_turn(turn)
        if hit.start_ms is not None:
            self.playback.seek(hit.start_ms)
