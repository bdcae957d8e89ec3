"""The episode note (Markdown, saved as you type), the tags manager and the code report."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QObject, Qt

from podplayer.core.model import PodplayerError
from podplayer.ui.annotations import undo_commands as cmd
from podplayer.ui.annotations.context import AnnotationContext
from podplayer.ui.dialogs.code_report_dialog import CodeReportDialog
from podplayer.ui.dialogs.markdown_note import MarkdownNoteEditor
from podplayer.ui.dialogs.tags_dialog import TagsDialog
from podplayer.ui.operations import OpChanges


class NotesAndTags(QObject):
    def __init__(self, context: AnnotationContext, note_editor: MarkdownNoteEditor) -> None:
        super().__init__(context)
        self.context = context
        self.note_editor = note_editor
        self._note_episode_id: int | None = None
        note_editor.noteEdited.connect(self._save_episode_note)

    def episode_shown(self) -> None:
        """Another episode (or none) is open: save the note being typed, show the new one."""
        self.note_editor.flush()
        episode = self.context.episode
        if episode is not None and episode.id == self._note_episode_id:
            return
        self._note_episode_id = episode.id if episode is not None else None
        self.note_editor.set_text(episode.note if episode is not None else "")

    def flush(self) -> None:
        self.note_editor.flush()

    def _save_episode_note(self, text: str) -> None:
        if self._note_episode_id is None:
            return
        try:
            self.context.library.set_episode_note(self._note_episode_id, text)
        except PodplayerError as exc:
            self.context.report(str(exc))
            return
        episode = self.context.episode
        if episode is not None and episode.id == self._note_episode_id:
            episode.note = text

    def open_code_report(self) -> CodeReportDialog:
        dialog = CodeReportDialog(self.context.library, self.context.dialog_parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.context.show_dialog(dialog)
        return dialog

    def open_tags_manager(self) -> TagsDialog:
        library = self.context.library
        dialog = TagsDialog(library.tags(), self.context.dialog_parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def follow(changes: OpChanges) -> None:
            if changes.tags and shiboken6.isValid(dialog):
                dialog.set_tags(library.tags())

        self.context.operations.changed.connect(follow)
        push = self.context.push
        dialog.renameRequested.connect(lambda old, new: push(cmd.RenameTagCommand(library, old, new)))
        dialog.colorRequested.connect(lambda name, color: push(cmd.TagColorCommand(library, name, color)))
        dialog.descriptionRequested.connect(lambda name, text: push(cmd.TagDescriptionCommand(library, name, text)))
        self.context.show_dialog(dialog)
        return dialog
