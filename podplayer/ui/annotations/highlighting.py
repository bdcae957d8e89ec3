"""Highlights and bookmarks: make, edit, delete, list in the panel, jump to; each one undoable step."""

from __future__ import annotations

import copy
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal

from podplayer.core.highlight_anchor import last_seconds_range, make_bookmark, make_highlight, reanchor
from podplayer.core.model import Highlight, PodplayerError
from podplayer.core.soundbites import Suggestion, suggestions
from podplayer.ui.annotations import undo_commands as cmd
from podplayer.ui.annotations.context import AnnotationContext
from podplayer.ui.annotations.highlights_model import HIGHLIGHT_COLORS
from podplayer.ui.annotations.highlights_panel import HighlightsPanel
from podplayer.ui.dialogs.highlight_dialog import HighlightDialog
from podplayer.ui.player.playback_controller import PlaybackController
from podplayer.ui.settings import Settings

LAST_SECONDS = 30
DEFAULT_COLOR = "yellow"


class Highlighting(QObject):
    highlightsChanged = Signal()  # after every highlight refresh (tests, benchmarks)

    def __init__(self, context: AnnotationContext, settings: Settings, playback: PlaybackController,
                 panel: HighlightsPanel) -> None:
        super().__init__(context)
        self.context = context
        self.library = context.library
        self.settings = settings
        self.playback = playback
        self.panel = panel
        self.highlights: list[Highlight] = []
        panel.activated.connect(self.jump_to_highlight)
        panel.editRequested.connect(self.edit_highlight)
        panel.deleteRequested.connect(self.delete_highlights)
        panel.reattachRequested.connect(self.reattach)
        panel.libraryScopeChanged.connect(lambda _on: self.refresh_highlights())
        panel.suggestions.keepRequested.connect(self.keep_suggestion)

    # --- refreshing -------------------------------------------------------------------------------
    def refresh_highlights(self) -> None:
        """Re-read highlights from the library into the view (and so the waveform) and the panel."""
        episode_id = self.context.session.episode_id
        try:
            self.highlights = self.library.highlights(episode_id) if episode_id is not None else []
            self._refresh_panel()
        except PodplayerError as exc:
            self.context.report(str(exc))
        self._refresh_suggestions()
        self.context.view.set_highlights(self.highlights)
        self.highlightsChanged.emit()

    def _refresh_suggestions(self) -> None:
        """The open episode's soundbites not kept yet, shown apart above the highlights."""
        episode, episode_id = self.context.episode, self.context.session.episode_id
        found: list[Suggestion] = []
        if episode is not None and episode_id is not None:
            try:
                found = suggestions(episode.transcript, self.library.soundbites(episode_id), self.highlights)
            except PodplayerError as exc:
                self.context.report(str(exc))
        self.panel.suggestions.set_suggestions(found)

    def keep_suggestion(self, suggestion: Suggestion) -> bool:
        """One click on Keep: the podcast's suggestion becomes the user's highlight (one undoable step)."""
        highlight = copy.deepcopy(suggestion.highlight)
        highlight.color = self._last_color()
        return self.add_highlight(highlight)

    def _refresh_panel(self) -> None:
        self.panel.set_tags(self.library.tags())
        if self.panel.library_scope:
            titles = {e.id: e.title for e in self.library.episodes()}
            self.panel.set_highlights(self.library.highlights(), titles)
        else:
            self.panel.set_highlights(self.highlights)

    # --- editing ----------------------------------------------------------------------------------
    def _last_color(self) -> str:
        color = self.settings.last_highlight_color
        return color if color in HIGHLIGHT_COLORS else DEFAULT_COLOR

    def _open_editor(self, dialog: HighlightDialog, on_accept: Callable[[HighlightDialog], None]) -> HighlightDialog:
        """Show ``dialog`` window-modal without blocking; ``on_accept`` runs on OK."""
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: on_accept(dialog))
        dialog.finished.connect(lambda _r: setattr(self.context, "active_dialog", None))
        self.context.active_dialog = dialog
        dialog.open()
        self.context.dialogOpened.emit(dialog)
        return dialog

    def _known_tags(self) -> list[str]:
        try:
            return [t.name for t in self.library.tags()]
        except PodplayerError:
            return []

    def highlight_selection(self) -> HighlightDialog | None:
        """H: open the highlight editor for the words selected in the transcript."""
        episode = self.context.episode
        if episode is None:
            return None
        selection = self.context.view.selected_range()
        if selection is None:
            self.context.status("Select some words first (drag, or Shift+arrows), then press H", 6000)
            return None
        highlight = make_highlight(episode.transcript, selection[0], selection[1], color=self._last_color())
        dialog = HighlightDialog(
            highlight.quote, color=highlight.color, tags=[], note="", known_tags=self._known_tags(),
            title="New highlight", parent=self.context.dialog_parent,
        )

        def accept(d: HighlightDialog) -> None:
            values = d.values()
            highlight.color, highlight.tags, highlight.note = values.color, values.tags, values.note
            self.settings.last_highlight_color = values.color
            self.add_highlight(highlight)

        return self._open_editor(dialog, accept)

    def add_highlight(self, highlight: Highlight) -> bool:
        """Save a new highlight (or bookmark) as one undoable step."""
        episode_id = self.context.session.episode_id
        if episode_id is None:
            return False
        done = self.context.push(cmd.AddHighlightCommand(self.library, episode_id, highlight))
        if done:
            self.context.view.clear_selection()
        return done

    def highlight_last_seconds(self, seconds: int = LAST_SECONDS) -> bool:
        """L: highlight the whole words of the last ``seconds`` before the playhead, no questions."""
        episode = self.context.episode
        if episode is None:
            return False
        try:
            start, end = last_seconds_range(episode.transcript, self.playback.position, seconds)
        except PodplayerError as exc:
            self.context.report(str(exc))
            return False
        highlight = make_highlight(episode.transcript, start, end, color=self._last_color())
        if self.add_highlight(highlight):
            self.context.status(f"Highlighted the last {seconds} seconds", 6000)
            return True
        return False

    def mark_last_seconds(self, seconds: float, tags: list[str], note: str) -> Highlight:
        """``podplayer mark``: highlight the whole words of the last ``seconds`` of what is playing, with
        ``tags`` and ``note``, as one undoable step; PodplayerError (in the caller's words) otherwise."""
        episode, episode_id = self.context.episode, self.context.session.episode_id
        if episode is None or episode_id is None:
            raise PodplayerError("nothing to mark: no episode is open in podplayer")
        start, end = last_seconds_range(episode.transcript, self.playback.position, seconds)
        highlight = make_highlight(episode.transcript, start, end, color=self._last_color(), note=note.strip())
        highlight.tags = list(dict.fromkeys(" ".join(t.split()) for t in tags if t.strip()))
        command = cmd.AddHighlightCommand(self.library, episode_id, highlight)
        if not self.context.push(command) or command.highlight.id is None:
            raise PodplayerError("the highlight could not be saved")
        self.context.view.clear_selection()
        return command.highlight

    def bookmark_here(self) -> HighlightDialog | None:
        """B: a bookmark at the playhead; the editor asks for its note."""
        episode = self.context.episode
        if episode is None:
            return None
        try:
            bookmark = make_bookmark(episode.transcript, self.playback.position, color=self._last_color())
        except PodplayerError as exc:
            self.context.report(str(exc))
            return None
        dialog = HighlightDialog(
            "", color=bookmark.color, tags=[], note="", known_tags=self._known_tags(),
            title="New bookmark", parent=self.context.dialog_parent,
        )

        def accept(d: HighlightDialog) -> None:
            values = d.values()
            bookmark.color, bookmark.tags, bookmark.note = values.color, values.tags, values.note
            self.add_highlight(bookmark)

        dialog.note_editor.editor.setFocus()
        return self._open_editor(dialog, accept)

    def _highlight_under_cursor(self) -> Highlight | None:
        selected = self.panel.selected_highlights()
        if selected:
            return selected[0]
        selection = self.context.view.selected_range()
        if selection is not None:
            for h in self.highlights:
                if h.start <= selection[0] <= h.end:
                    return h
        return None

    def edit_current(self) -> HighlightDialog | None:
        highlight = self._highlight_under_cursor()
        if highlight is None:
            self.context.status("Select a highlight in the panel (or put the selection inside one) to edit it", 6000)
            return None
        return self.edit_highlight(highlight)

    def delete_current(self) -> None:
        chosen = self.panel.selected_highlights()
        if not chosen:
            highlight = self._highlight_under_cursor()
            chosen = [highlight] if highlight is not None else []
        if chosen:
            self.delete_highlights(chosen)

    def edit_highlight(self, highlight: Highlight) -> HighlightDialog:
        dialog = HighlightDialog(
            highlight.quote, color=highlight.color, tags=highlight.tags, note=highlight.note,
            known_tags=self._known_tags(), title="Edit highlight", parent=self.context.dialog_parent,
        )

        def accept(d: HighlightDialog) -> None:
            values = d.values()
            self.update_highlight(highlight, color=values.color, tags=values.tags, note=values.note)

        return self._open_editor(dialog, accept)

    def update_highlight(
        self, highlight: Highlight, *, color: str | None = None, tags: list[str] | None = None, note: str | None = None
    ) -> bool:
        """Recolour, retag or re-note one highlight as one undoable step."""
        after = copy.deepcopy(highlight)
        if color is not None:
            after.color = color
        if tags is not None:
            after.tags = list(tags)
        if note is not None:
            after.note = note
        if (after.color, after.tags, after.note) == (highlight.color, highlight.tags, highlight.note):
            return False
        return self.context.push(cmd.EditHighlightCommand(self.library, highlight, after))

    def delete_highlights(self, highlights: list[Highlight]) -> bool:
        if not highlights:
            return False
        return self.context.push(cmd.DeleteHighlightsCommand(self.library, highlights))

    def reattach(self, highlight: Highlight) -> bool:
        """Put a detached highlight on the selected words (its colour, tags and note kept); undoable."""
        selected = self.context.view.selected_range()
        episode = self.context.episode
        if selected is None or episode is None or highlight.episode_id != episode.id:
            self.context.report("Select the words of this episode the highlight belongs to, then re-attach it")
            return False
        return self.context.push(
            cmd.EditHighlightCommand(self.library, highlight, reanchor(episode.transcript, highlight, *selected))
        )

    def jump_to_highlight(self, highlight: Highlight) -> None:
        """Panel click: go to the highlight (opening its episode if needed) and play from there."""
        session = self.context.session
        if highlight.episode_id is not None and not session.is_open(highlight.episode_id):
            session.open(highlight.episode_id)
        if not highlight.detached:
            self.context.view.scroll_to_turn(highlight.start.turn)
        if highlight.start_ms is not None:
            self.playback.seek(highlight.start_ms)
            self.playback.play()
