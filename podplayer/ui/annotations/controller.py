"""Wires the note-taking job into the main window: highlights, bookmarks, tags, notes, speakers,
find, library search and library-list operations, all undoable through one QUndoStack.

The window (ui/window/main_window.py) constructs ``AnnotationsController(window)`` at the end of its
``__init__``. The controller adds its own actions to ``window.menus``, its panel and episode note to
``window.right_panel_container`` and its find bar above the transcript. It talks to the window only
through the documented attributes: ``library``, ``settings``, ``controller``, ``transcript_view``,
``library_list``, ``menus``, ``current_episode``, ``open_episode``, ``reload_episode``,
``refresh_library``, ``close_episode``, ``episodeOpened``/``episodeClosed``. Speaker actions live in
ui/annotations/speakers.py, library-list operations in ui/annotations/library_actions.py.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QBoxLayout,
    QDialog,
    QTabWidget,
    QUndoView,
    QVBoxLayout,
    QWidget,
)

from podplayer.core.highlight_anchor import last_seconds_range, make_bookmark, make_highlight
from podplayer.core.model import Episode, Highlight, PodplayerError, SearchHit
from podplayer.store.repository import Library
from podplayer.ui.annotations import undo_commands as cmd
from podplayer.ui.annotations.highlights_model import HIGHLIGHT_COLORS
from podplayer.ui.annotations.highlights_panel import HighlightsPanel
from podplayer.ui.annotations.library_actions import LibraryListActions
from podplayer.ui.annotations.library_search import LibrarySearchDialog
from podplayer.ui.annotations.speakers import SpeakerActions
from podplayer.ui.dialogs import library_ops
from podplayer.ui.dialogs.highlight_dialog import HighlightDialog
from podplayer.ui.dialogs.markdown_note import MarkdownNoteEditor
from podplayer.ui.dialogs.tags_dialog import TagsDialog
from podplayer.ui.transcript.find_bar import FindBar

if TYPE_CHECKING:
    from podplayer.ui.window.main_window import MainWindow

LAST_SECONDS = 30
DEFAULT_COLOR = "yellow"


class AnnotationsController(QObject):
    """Everything the user *makes* in the window; see the module docstring for the contract."""

    highlightsChanged = Signal()  # after every highlight refresh (tests, benchmarks)
    dialogOpened = Signal(QDialog)  # each editor/manager dialog as it opens (non-blocking)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.library: Library = window.library
        self.undo_stack = QUndoStack(self)
        self.episode: Episode | None = None
        self.hidden_speakers: set[str] = set()
        self.highlights: list[Highlight] = []
        self.search_dialog: LibrarySearchDialog | None = None
        self.active_dialog: QDialog | None = None
        self._undo_view: QDialog | None = None
        self._note_episode_id: int | None = None

        self._build_panel()
        self._build_find_bar()
        self.speakers = SpeakerActions(self)
        self.library_actions = LibraryListActions(self)
        self._build_actions()
        self._connect_window()
        window.installEventFilter(self)  # to save a note still being typed when the window closes
        if window.current_episode is not None and window.current_episode.id is not None:
            self._episode_opened(window.current_episode.id)

    # ==== construction =============================================================================
    def _build_panel(self) -> None:
        container: QWidget = self.window.right_panel_container
        layout = container.layout()
        if layout is None:
            layout = QVBoxLayout(container)
        self.panel = HighlightsPanel()
        self.note_editor = MarkdownNoteEditor("Episode note (Markdown) — saved as you type")
        self.note_editor.setAccessibleName("Episode note")
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Annotations")
        self.tabs.addTab(self.panel, "Highlights")
        self.tabs.addTab(self.note_editor, "Episode note")
        layout.addWidget(self.tabs)
        self.panel.activated.connect(self.jump_to_highlight)
        self.panel.editRequested.connect(self.edit_highlight)
        self.panel.deleteRequested.connect(self.delete_highlights)
        self.panel.libraryScopeChanged.connect(lambda _on: self.refresh_highlights())
        self.note_editor.noteEdited.connect(self._save_episode_note)

    def _build_find_bar(self) -> None:
        view = self.window.transcript_view
        self.find_bar = FindBar()
        parent = view.parentWidget()
        layout = parent.layout() if parent is not None else None
        if not isinstance(layout, QBoxLayout):  # the view sits elsewhere: the bar goes atop the panel
            layout = self.window.right_panel_container.layout()
        assert isinstance(layout, QBoxLayout)
        index = layout.indexOf(view)
        layout.insertWidget(max(index, 0), self.find_bar)
        self.find_bar.matchesChanged.connect(self._show_matches)

    def _action(
        self,
        menu: str,
        text: str,
        slot: Callable[[], object],
        shortcuts: list[QKeySequence | QKeySequence.StandardKey | str] | None = None,
        name: str = "",
    ) -> QAction:
        action = QAction(text, self.window)
        if shortcuts:
            action.setShortcuts([QKeySequence(s) for s in shortcuts])
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        action.setObjectName(name or text.replace("…", "").replace("&", "").strip().lower().replace(" ", "_"))
        self.window.menus[menu].addAction(action)
        self.window.addAction(action)  # shortcuts work even when the menu bar is hidden
        return action

    def _build_actions(self) -> None:
        menus = self.window.menus
        edit = menus["edit"]
        self.undo_action = self.undo_stack.createUndoAction(self.window, "&Undo")
        self.undo_action.setShortcuts([QKeySequence(QKeySequence.StandardKey.Undo)])
        self.redo_action = self.undo_stack.createRedoAction(self.window, "&Redo")
        assert self.undo_action is not None and self.redo_action is not None
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        existing = edit.actions()
        if existing:
            edit.insertActions(existing[0], [self.undo_action, self.redo_action])
            edit.insertSeparator(existing[0])
        else:
            edit.addActions([self.undo_action, self.redo_action])
        self.window.addAction(self.undo_action)
        self.window.addAction(self.redo_action)
        self._action("edit", "Undo &history", self.show_undo_history)
        edit.addSeparator()
        self.find_action = self._action("edit", "&Find in episode…", self.open_find, [QKeySequence.StandardKey.Find])
        self.find_next_action = self._action("edit", "Find &next", self.find_bar.next, ["F3"])
        self.find_previous_action = self._action("edit", "Find &previous", self.find_bar.previous, ["Shift+F3"])
        self.search_action = self._action("edit", "&Search library…", self.open_library_search, ["Ctrl+Shift+F"])

        self.highlight_action = self._action(
            "annotate", "&Highlight selection…", self.highlight_selection, ["H", "Ctrl+H"], "highlight"
        )
        self.last_seconds_action = self._action(
            "annotate", f"Highlight the &last {LAST_SECONDS} seconds", self.highlight_last_seconds,
            ["L", "Ctrl+L"], "highlight_last",
        )
        self.bookmark_action = self._action("annotate", "&Bookmark here…", self.bookmark_here, ["B", "Ctrl+B"], "bookmark")
        menus["annotate"].addSeparator()
        self.edit_action = self._action("annotate", "&Edit highlight…", self.edit_current, ["E"], "edit_highlight")
        self.delete_action = self._action("annotate", "&Delete highlight", self.delete_current, [], "delete_highlight")
        menus["annotate"].addSeparator()
        self.tags_action = self._action("annotate", "&Tags…", self.open_tags_manager, [], "tags")
        self.speakers_action = self._action("annotate", "S&peakers…", self.speakers.open_speakers, [], "speakers")
        self.relink_action = self._action("file", "Relink &audio file…", self.library_actions.relink_current_audio, [], "relink_audio")
        self._update_enabled()

    def _connect_window(self) -> None:
        self.window.episodeOpened.connect(self._episode_opened)
        self.window.episodeClosed.connect(self._episode_closed)
        view = self.window.transcript_view
        view.selectionChangedRange.connect(self._update_enabled)
        self.undo_stack.indexChanged.connect(lambda _i: self._update_enabled())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close:
            self.note_editor.flush()
        return super().eventFilter(watched, event)

    # ==== episode life cycle =======================================================================
    def _episode_opened(self, episode_id: int) -> None:
        self.note_editor.flush()
        episode = self.window.current_episode
        if episode is None or episode.id != episode_id:
            try:
                episode = self.library.episode(episode_id)
            except PodplayerError as exc:
                self.report(str(exc))
                return
        same_episode = self.episode is not None and self.episode.id == episode.id
        self.episode = episode
        if not same_episode:
            self.hidden_speakers = set()
        else:
            self.hidden_speakers &= set(episode.transcript.speakers)
        self.window.transcript_view.set_hidden_speakers(self.hidden_speakers)
        self._note_episode_id = episode.id
        self.note_editor.set_text(episode.note)
        self.find_bar.set_texts([t.text for t in episode.transcript.turns])
        self.refresh_highlights()
        if library_ops.audio_missing(episode.audio_path):
            self._status(f"Audio file not found: {episode.audio_path} — File ▸ Relink audio file…")

    def _episode_closed(self) -> None:
        self.note_editor.flush()
        self.episode = None
        self._note_episode_id = None
        self.note_editor.set_text("")
        self.find_bar.set_texts([])
        self.refresh_highlights()

    def _save_episode_note(self, text: str) -> None:
        if self._note_episode_id is None:
            return
        try:
            self.library.set_episode_note(self._note_episode_id, text)
        except PodplayerError as exc:
            self.report(str(exc))
            return
        if self.episode is not None and self.episode.id == self._note_episode_id:
            self.episode.note = text

    # ==== refreshing ===============================================================================
    def refresh_highlights(self) -> None:
        """Re-read highlights from the library into the view, waveform and panel."""
        episode_id = self.episode.id if self.episode is not None else None
        try:
            self.highlights = self.library.highlights(episode_id) if episode_id is not None else []
            self._refresh_panel()
        except PodplayerError as exc:
            self.report(str(exc))
        # The window mirrors the view's highlights and search matches onto the waveform.
        self.window.transcript_view.set_highlights(self.highlights)
        self._update_enabled()
        self.highlightsChanged.emit()

    def highlights_edited(self) -> None:
        """A highlight was added, changed or removed: view, panel, and the library list's counts."""
        self.refresh_highlights()
        self.window.refresh_library()

    def _refresh_panel(self) -> None:
        self.panel.set_tags(self.library.tags())
        if self.panel.library_scope:
            titles = {e.id: e.title for e in self.library.episodes()}
            self.panel.set_highlights(self.library.highlights(), titles)
        else:
            self.panel.set_highlights(self.highlights)

    def episode_changed(self) -> None:
        """Speakers or turns changed: re-read the episode through the window, then highlights."""
        if self.episode is None:
            return
        self.window.reload_episode()
        episode = self.window.current_episode
        if episode is not None:
            self.episode = episode
            self.find_bar.set_texts([t.text for t in episode.transcript.turns])
        self.refresh_highlights()

    def library_changed(self) -> None:
        self.window.refresh_library()
        self.refresh_highlights()

    def _update_enabled(self) -> None:
        has_episode = self.episode is not None
        self.highlight_action.setEnabled(has_episode)
        self.last_seconds_action.setEnabled(has_episode)
        self.bookmark_action.setEnabled(has_episode)
        self.speakers_action.setEnabled(has_episode)
        self.relink_action.setEnabled(has_episode)
        self.find_action.setEnabled(has_episode)

    # ==== messages =================================================================================
    def _status(self, message: str, timeout_ms: int = 6000) -> None:
        self.window.statusBar().showMessage(message, timeout_ms)

    def report(self, message: str) -> None:
        """A refused change: one clear line in the status bar (no modal box in the user's way)."""
        self._status(message, 10000)

    def push(self, command: cmd._LibraryCommand) -> bool:
        try:
            cmd.push(self.undo_stack, command, self.report)
        except PodplayerError as exc:
            self.report(str(exc))
            return False
        return True

    # ==== highlights ===============================================================================
    def _last_color(self) -> str:
        color = self.window.settings.last_highlight_color
        return color if color in HIGHLIGHT_COLORS else DEFAULT_COLOR

    def _remember_color(self, color: str) -> None:
        self.window.settings.last_highlight_color = color

    def _position_ms(self) -> int:
        return self.window.controller.position

    def _open_editor(self, dialog: HighlightDialog, on_accept: Callable[[HighlightDialog], None]) -> HighlightDialog:
        """Show ``dialog`` window-modal without blocking; ``on_accept`` runs on OK."""
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: on_accept(dialog))
        dialog.finished.connect(lambda _r: setattr(self, "active_dialog", None))
        self.active_dialog = dialog
        dialog.open()
        self.dialogOpened.emit(dialog)
        return dialog

    def _known_tags(self) -> list[str]:
        try:
            return [t.name for t in self.library.tags()]
        except PodplayerError:
            return []

    def highlight_selection(self) -> HighlightDialog | None:
        """H: open the highlight editor for the words selected in the transcript."""
        if self.episode is None:
            return None
        selection = self.window.transcript_view.selected_range()
        if selection is None:
            self._status("Select some words first (drag, or Shift+arrows), then press H")
            return None
        highlight = make_highlight(self.episode.transcript, selection[0], selection[1], color=self._last_color())
        dialog = HighlightDialog(
            highlight.quote, color=highlight.color, tags=[], note="", known_tags=self._known_tags(),
            title="New highlight", parent=self.window,
        )

        def accept(d: HighlightDialog) -> None:
            values = d.values()
            highlight.color, highlight.tags, highlight.note = values.color, values.tags, values.note
            self._remember_color(values.color)
            self.add_highlight(highlight)

        return self._open_editor(dialog, accept)

    def add_highlight(self, highlight: Highlight) -> bool:
        """Save a new highlight (or bookmark) as one undoable step."""
        if self.episode is None or self.episode.id is None:
            return False
        done = self.push(cmd.AddHighlightCommand(self.library, self.episode.id, highlight, self.highlights_edited))
        if done:
            self.window.transcript_view.clear_selection()
        return done

    def highlight_last_seconds(self, seconds: int = LAST_SECONDS) -> bool:
        """L: highlight the whole words of the last ``seconds`` before the playhead, no questions."""
        if self.episode is None:
            return False
        try:
            start, end = last_seconds_range(self.episode.transcript, self._position_ms(), seconds)
        except PodplayerError as exc:
            self.report(str(exc))
            return False
        highlight = make_highlight(self.episode.transcript, start, end, color=self._last_color())
        if self.add_highlight(highlight):
            self._status(f"Highlighted the last {seconds} seconds")
            return True
        return False

    def bookmark_here(self) -> HighlightDialog | None:
        """B: a bookmark at the playhead; the editor asks for its note."""
        if self.episode is None:
            return None
        try:
            bookmark = make_bookmark(self.episode.transcript, self._position_ms(), color=self._last_color())
        except PodplayerError as exc:
            self.report(str(exc))
            return None
        dialog = HighlightDialog(
            "", color=bookmark.color, tags=[], note="", known_tags=self._known_tags(),
            title="New bookmark", parent=self.window,
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
        selection = self.window.transcript_view.selected_range()
        if selection is not None:
            for h in self.highlights:
                if h.start <= selection[0] <= h.end:
                    return h
        return None

    def edit_current(self) -> HighlightDialog | None:
        highlight = self._highlight_under_cursor()
        if highlight is None:
            self._status("Select a highlight in the panel (or put the selection inside one) to edit it")
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
            known_tags=self._known_tags(), title="Edit highlight", parent=self.window,
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
        return self.push(cmd.EditHighlightCommand(self.library, highlight, after, self.highlights_edited))

    def delete_highlights(self, highlights: list[Highlight]) -> bool:
        if not highlights:
            return False
        return self.push(cmd.DeleteHighlightsCommand(self.library, highlights, self.highlights_edited))

    def jump_to_highlight(self, highlight: Highlight) -> None:
        """Panel click: go to the highlight (opening its episode if needed) and play from there."""
        if highlight.episode_id is not None and (self.episode is None or highlight.episode_id != self.episode.id):
            self.window.open_episode(highlight.episode_id)
        self.window.transcript_view.scroll_to_turn(highlight.start.turn)
        if highlight.start_ms is not None:
            self.window.controller.seek(highlight.start_ms)
            self.window.controller.play()

    # ==== find & search ============================================================================
    def open_find(self) -> None:
        if self.episode is None:
            return
        selection = self.window.transcript_view.selected_text()
        self.find_bar.open_bar(selection if isinstance(selection, str) and 0 < len(selection) < 80 else "")

    def _show_matches(self, matches: list[tuple[int, int, int]], current: int) -> None:
        self.window.transcript_view.set_search_matches(matches, current)

    def open_library_search(self) -> LibrarySearchDialog:
        if self.search_dialog is None:
            self.search_dialog = LibrarySearchDialog(self.library, self.window)
            self.search_dialog.hitActivated.connect(self.open_search_hit)
        self.search_dialog.open_with()
        return self.search_dialog

    def open_search_hit(self, hit: SearchHit) -> None:
        """Open the hit's episode at that moment."""
        if self.episode is None or self.episode.id != hit.episode_id:
            self.window.open_episode(hit.episode_id)
        turn = hit.turn_index
        if hit.highlight_id is not None:
            match = next((h for h in self.highlights if h.id == hit.highlight_id), None)
            if match is not None:
                turn = match.start.turn
                self.panel.select_highlight(hit.highlight_id)
        if turn is not None:
            self.window.transcript_view.scroll_to_turn(turn)
        if hit.start_ms is not None:
            self.window.controller.seek(hit.start_ms)

    # ==== undo history =============================================================================
    def show_undo_history(self) -> QDialog:
        if self._undo_view is None:
            dialog = QDialog(self.window)
            dialog.setWindowTitle("Undo history")
            view = QUndoView(self.undo_stack, dialog)
            view.setEmptyLabel("Opened")
            view.setAccessibleName("Undo history")
            QVBoxLayout(dialog).addWidget(view)
            dialog.resize(320, 360)
            self._undo_view = dialog
        self._undo_view.show()
        self._undo_view.raise_()
        return self._undo_view

    # ==== tags =====================================================================================
    def open_tags_manager(self) -> TagsDialog:
        dialog = TagsDialog(self.library.tags(), self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def refresh() -> None:
            self.refresh_highlights()
            dialog.set_tags(self.library.tags())

        dialog.renameRequested.connect(lambda old, new: self.push(cmd.RenameTagCommand(self.library, old, new, refresh)))
        dialog.colorRequested.connect(
            lambda name, color: self.push(cmd.TagColorCommand(self.library, name, color, refresh))
        )
        self.active_dialog = dialog
        dialog.show()
        self.dialogOpened.emit(dialog)
        return dialog
