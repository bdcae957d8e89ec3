"""What every annotation job shares: the library, the episode session, the operation runner, messages.

The highlights, speakers, tags and library-list actions each hold this context instead of the
window; a change is an operation run through :meth:`push` (ui/operations.py), so that Edit → Undo
covers all of them and each view refreshes what the operation says it changed.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QWidget

from podplayer.core.model import Episode
from podplayer.store.repository import Library
from podplayer.ui.feedback import ShowStatus
from podplayer.ui.operations import Operation, OperationRunner
from podplayer.ui.session import EpisodeSession
from podplayer.ui.transcript.view import TranscriptView


class AnnotationContext(QObject):
    dialogOpened = Signal(QDialog)  # each editor/manager dialog as it opens (non-blocking)

    def __init__(self, library: Library, session: EpisodeSession, view: TranscriptView, status: ShowStatus,
                 dialog_parent: QWidget, operations: OperationRunner | None = None) -> None:
        super().__init__(dialog_parent)
        self.library = library
        self.session = session
        self.view = view
        self.status = status
        self.dialog_parent = dialog_parent  # parent of dialogs and context menus
        self.operations = operations or OperationRunner(self.report, self)
        self.undo_stack = self.operations.undo_stack
        self.hidden_speakers: set[str] = set()
        self.active_dialog: QDialog | None = None

    @property
    def episode(self) -> Episode | None:
        return self.session.episode

    def report(self, message: str) -> None:
        """A refused change: one clear line in the status bar (no modal box in the user's way)."""
        self.status(message, 10000)

    def push(self, operation: Operation) -> bool:
        """Run an operation now and put it on the undo stack; a refusal is reported (False)."""
        return self.operations.run(operation)

    def show_dialog(self, dialog: QDialog) -> None:
        """Show a non-modal manager dialog and announce it."""
        self.active_dialog = dialog
        dialog.show()
        self.dialogOpened.emit(dialog)

    def library_changed(self) -> None:
        """Episodes were renamed, deleted or relinked."""
        self.session.library_changed()
