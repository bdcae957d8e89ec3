"""The note-taking side of the window, assembled: highlights, find and search, notes and tags,
speakers and library-list operations, all undoable through one QUndoStack.

Each job lives in its own module and holds only what it uses (ui/annotations/context.py is what
they share): highlights and bookmarks in highlighting.py, find and library search in searching.py,
the episode note and the tags manager in notes_and_tags.py, speakers in speakers.py, library-list
operations in library_actions.py. This module builds the side panel's tabs and the find bar, adds
the Edit and Annotate actions, and follows the episode session.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QBoxLayout, QDialog, QMessageBox, QTabWidget, QUndoView, QVBoxLayout, QWidget

from podplayer.store.repository import Library
from podplayer.ui.action_registry import ActionRegistry
from podplayer.ui.annotations.context import AnnotationContext
from podplayer.ui.annotations.highlighting import LAST_SECONDS, Highlighting
from podplayer.ui.annotations.highlights_panel import HighlightsPanel
from podplayer.ui.annotations.library_actions import LibraryListActions
from podplayer.ui.annotations.notes_and_tags import NotesAndTags
from podplayer.ui.annotations.searching import Searching
from podplayer.ui.annotations.speakers import SpeakerActions
from podplayer.ui.annotations.transcript_editing import TranscriptEditing
from podplayer.ui.dialogs import library_ops
from podplayer.ui.dialogs.markdown_note import MarkdownNoteEditor
from podplayer.ui.feedback import ShowStatus
from podplayer.ui.jobs import JobRunner
from podplayer.ui.library_list import LibraryList
from podplayer.ui.operations import OpChanges, OperationRunner
from podplayer.ui.player.playback_controller import PlaybackController
from podplayer.ui.session import EpisodeSession
from podplayer.ui.settings import Settings
from podplayer.ui.transcript.find_bar import FindBar
from podplayer.ui.transcript.view import TranscriptView


class AnnotationsController(QObject):
    def __init__(
        self,
        *,
        library: Library,
        settings: Settings,
        session: EpisodeSession,
        playback: PlaybackController,
        view: TranscriptView,
        library_list: LibraryList,
        actions: ActionRegistry,
        side_panel: QWidget,
        status: ShowStatus,
        owner: QWidget,
        operations: OperationRunner | None = None,
        jobs: JobRunner | None = None,
    ) -> None:
        """``owner`` (the window) parents the dialogs and carries the shortcuts; ``side_panel`` gets the tabs."""
        super().__init__(owner)
        self.owner = owner
        self.actions = actions
        self.menus = actions.menus
        self.context = AnnotationContext(library, session, view, status, owner, operations)
        self.undo_stack = self.context.undo_stack
        self.dialogOpened = self.context.dialogOpened
        self._undo_view: QDialog | None = None

        self.panel = HighlightsPanel()
        self.note_editor = MarkdownNoteEditor("Episode note (Markdown) — saved as you type")
        self.note_editor.setAccessibleName("Episode note")
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Annotations")
        self.tabs.addTab(self.panel, "Highlights")
        self.tabs.addTab(self.note_editor, "Episode note")
        layout = side_panel.layout() or QVBoxLayout(side_panel)
        layout.addWidget(self.tabs)
        self.find_bar = FindBar()
        self._place_find_bar(view, side_panel)

        self.highlighting = Highlighting(self.context, settings, playback, self.panel)
        self.highlightsChanged = self.highlighting.highlightsChanged
        self.search = Searching(self.context, playback, self.find_bar, self.highlighting)
        self.notes = NotesAndTags(self.context, self.note_editor)
        self.editing = TranscriptEditing(self.context, settings, playback, lambda: self.highlighting.highlights, jobs)
        self._build_actions()
        self.speakers = SpeakerActions(self.context, [self.highlight_action, self.edit_action])
        self.library_actions = LibraryListActions(self.context, library_list)
        self.speakers_action.triggered.connect(lambda _c=False: self.speakers.open_speakers())
        self.relink_action.triggered.connect(lambda _c=False: self.library_actions.relink_current_audio())

        self.context.operations.changed.connect(self._follow_changes)
        session.episodeOpened.connect(self._episode_opened)
        session.episodeReloaded.connect(lambda _id, _audio: self._episode_reloaded())
        session.episodeClosed.connect(self._episode_closed)
        session.turnsEdited.connect(lambda _first, _count: self.highlighting.refresh_highlights())
        view.selectionChangedRange.connect(self._update_enabled)
        self.undo_stack.indexChanged.connect(lambda _i: self._update_enabled())
        owner.installEventFilter(self)  # to save a note still being typed when the window closes
        if session.episode_id is not None:
            self._episode_opened(session.episode_id)
        else:
            self._update_enabled()

    def _place_find_bar(self, view: TranscriptView, side_panel: QWidget) -> None:
        parent = view.parentWidget()
        layout = parent.layout() if parent is not None else None
        if not isinstance(layout, QBoxLayout):  # the view sits elsewhere: the bar goes atop the panel
            layout = side_panel.layout()
        assert isinstance(layout, QBoxLayout)
        layout.insertWidget(max(layout.indexOf(view), 0), self.find_bar)

    # --- actions ------------------------------------------------------------------------------------
    def _action(
        self,
        menu: str,
        text: str,
        slot: Callable[[], object] | None,
        shortcuts: list[QKeySequence | QKeySequence.StandardKey | str] | None = None,
        name: str = "",
    ) -> QAction:
        return self.actions.add(menu, text, slot, shortcuts or (), name=name)

    def _build_actions(self) -> None:
        edit = self.menus["edit"]
        hl, search = self.highlighting, self.search
        self.undo_action = self.undo_stack.createUndoAction(self.owner, "&Undo")
        self.undo_action.setShortcuts([QKeySequence(QKeySequence.StandardKey.Undo)])
        self.redo_action = self.undo_stack.createRedoAction(self.owner, "&Redo")
        assert self.undo_action is not None and self.redo_action is not None
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        existing = edit.actions()
        if existing:
            edit.insertActions(existing[0], [self.undo_action, self.redo_action])
            edit.insertSeparator(existing[0])
        else:
            edit.addActions([self.undo_action, self.redo_action])
        self.owner.addAction(self.undo_action)
        self.owner.addAction(self.redo_action)
        self._action("edit", "Undo &history", self.show_undo_history)
        edit.addSeparator()
        self.find_action = self._action("edit", "&Find in episode…", search.open_find, [QKeySequence.StandardKey.Find])
        self.find_next_action = self._action("edit", "Find &next", self.find_bar.next, ["F3"])
        self.find_previous_action = self._action("edit", "Find &previous", self.find_bar.previous, ["Shift+F3"])
        self.search_action = self._action("edit", "&Search library…", search.open_library_search, ["Ctrl+Shift+F"])

        self.highlight_action = self._action(
            "annotate", "&Highlight selection…", hl.highlight_selection, ["H", "Ctrl+H"], "highlight"
        )
        self.last_seconds_action = self._action(
            "annotate", f"Highlight the &last {LAST_SECONDS} seconds", hl.highlight_last_seconds,
            ["L", "Ctrl+L"], "highlight_last",
        )
        self.bookmark_action = self._action("annotate", "&Bookmark here…", hl.bookmark_here, ["B", "Ctrl+B"], "bookmark")
        self.menus["annotate"].addSeparator()
        self.edit_action = self._action("annotate", "&Edit highlight…", hl.edit_current, ["E"], "edit_highlight")
        self.delete_action = self._action("annotate", "&Delete highlight", hl.delete_current, [], "delete_highlight")
        self.menus["annotate"].addSeparator()
        self.tags_action = self._action("annotate", "&Tags…", self.notes.open_tags_manager, [], "tags")
        self.code_report_action = self._action(
            "annotate", "&Code report…", self.notes.open_code_report, [], "code_report"
        )
        self.speakers_action = self._action("annotate", "S&peakers…", None, [], "speakers")
        self._build_editing_actions()
        self.relink_action = self._action("file", "Relink &audio file…", None, [], "relink_audio")

    def _build_editing_actions(self) -> None:
        ed = self.editing
        self.menus["edit"].addSeparator()
        self.edit_turn_action = self._action("edit", "&Edit turn", ed.edit_turn, ["F2"], "edit_turn")
        self.split_turn_action = self._action("edit", "S&plit turn at selection", ed.split_turn, ["Ctrl+Shift+Return"],
                                              "split_turn")
        self.merge_turn_action = self._action("edit", "&Merge with previous turn", ed.merge_with_previous,
                                              ["Ctrl+Shift+Backspace"], "merge_turn")
        self.set_speaker_action = self._action("edit", "Set spea&ker of selection…", ed.set_speaker, ["Ctrl+Shift+K"],
                                               "set_speaker")
        self.next_uncertain_action = self._action("edit", "Next &uncertain word", ed.next_uncertain, ["Ctrl+U"],
                                                  "next_uncertain")
        self.revert_action = self._action("edit", "Revert to &original transcript…", self._ask_revert, [],
                                          "revert_transcript")

    def _ask_revert(self) -> None:
        answer = QMessageBox.question(
            self.owner, "Revert to original transcript",
            "Bring back the transcript as it was before it was first corrected? Highlights stay on their words; "
            "Edit → Undo takes it back.",
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.editing.revert_to_original()

    def _update_enabled(self) -> None:
        has_episode = self.context.episode is not None
        for action in (self.highlight_action, self.last_seconds_action, self.bookmark_action, self.speakers_action,
                       self.relink_action, self.find_action, self.edit_turn_action, self.split_turn_action,
                       self.merge_turn_action, self.set_speaker_action, self.next_uncertain_action,
                       self.revert_action):
            action.setEnabled(has_episode)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.owner and event.type() == QEvent.Type.Close:
            self.notes.flush()
        return super().eventFilter(watched, event)

    # --- following the session ---------------------------------------------------------------------
    def _episode_opened(self, _episode_id: int) -> None:
        episode = self.context.episode
        assert episode is not None
        self.context.hidden_speakers = set()
        self.context.view.set_hidden_speakers(self.context.hidden_speakers)
        self.notes.episode_shown()
        self.search.episode_shown()
        self.highlighting.refresh_highlights()
        self._update_enabled()
        if library_ops.audio_missing(episode.audio_path):
            self.context.status(f"Audio file not found: {episode.audio_path} — File ▸ Relink audio file…", 6000)

    def _episode_reloaded(self) -> None:
        episode = self.context.episode
        if episode is None:
            return
        self.context.hidden_speakers &= set(episode.transcript.speakers)
        self.context.view.set_hidden_speakers(self.context.hidden_speakers)
        self.notes.episode_shown()
        self.search.episode_shown()
        self.highlighting.refresh_highlights()

    def _episode_closed(self) -> None:
        self.notes.episode_shown()
        self.search.episode_shown()
        self.highlighting.refresh_highlights()
        self._update_enabled()

    def _follow_changes(self, changes: OpChanges) -> None:
        """After an operation, its undo or redo: re-read only what it changed."""
        session = self.context.session
        open_id = session.episode_id
        mine = open_id is not None and changes.concerns(open_id)
        reread = changes.transcript or changes.speakers or changes.audio or changes.title
        if mine and reread:
            if not changes.shown:  # (an edit that shows its own turns has been re-shown already)
                session.reload()  # the view, the waveform and the highlights follow the reloaded episode
        elif changes.highlights or changes.tags:
            self.highlighting.refresh_highlights()
        if changes.episodes or changes.transcript:
            self.context.library_changed()  # the library list: titles, counts, timing

    # --- undo history -------------------------------------------------------------------------------
    def show_undo_history(self) -> QDialog:
        if self._undo_view is None:
            dialog = QDialog(self.owner)
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
