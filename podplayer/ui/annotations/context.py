"""What every annotation job shares: the library, the episode session, one undo stack, messages.

The highlights, speakers, tags and library-list actions each hold this context instead of the
window; a change goes through :meth:`push` so that Edit → Undo covers all of them.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QDialog, QWidget

from podplayer.core.model import Episode, PodplayerError
from podplayer.store.repository import Library
from podplayer.ui.annotations import undo_commands as cmd
from podplayer.ui.session import EpisodeSession
from podplayer.ui.transcript.view import TranscriptView

Status = Callable[[str, int], None]  # (message, milliseconds) in the status bar


class AnnotationContext(QObject):
    dialogOpened = Signal(QDialog)  # each editor/manager dialog as it opens (non-blocking)

    def __init__(self, library: Library, session: EpisodeSession, view: TranscriptView, status: Status,
                 dialog_parent: QWidget) -> None:
        super().__init__(dialog_parent)
        self.library = library
        self.session = session
        self.view = view
        self.status = status
        self.dialog_parent = dialog_parent  # parent of dialogs and context menus
        self.undo_stack = QUndoStack(self)
        self.hidden_speakers: set[str] = set()
        self.active_dialog: QDialog | None = None

    @property
    def episode(self) -> Episode | None:
        return self.session.episode

    def report(self, message: str) -> None:
        """A refused change: one clear line in the status bar (no modal box in the user's way)."""
        self.status(message, 10000)

    def push(self, command: cmd._LibraryCommand) -> bool:
        try:
            cmd.push(self.undo_stack, command, self.report)
        except PodplayerError as exc:
            self.report(str(exc))
            return False
        return True

    def show_dialog(self, dialog: QDialog) -> None:
        """Show a non-modal manager dialog and announce it."""
        self.active_dialog = dialog
        dialog.show()
        self.dialogOpened.emit(dialog)

    def episode_changed(self) -> None:
        """Speakers or turns of the open episode changed: re-read it (everyone listens to the session)."""
        self.session.reload()

    def library_changed(self) -> None:
        """Episodes were renamed, deleted or relinked."""
        self.session.library_changed()
