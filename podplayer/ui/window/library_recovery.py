"""Opening the library for the window: an unusable file is explained in a dialog, never deleted.

A corrupt or non-SQLite file at the library path gets a choice: move it aside (renamed next to
itself, kept for recovery) and start a fresh library, or quit. A library written by a newer
podplayer, or one that cannot be opened for another reason, is explained and left untouched; the
command then exits 1 with the same message on stderr.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from podplayer.store.errors import CorruptLibraryError, LibraryError
from podplayer.store.repository import Library

MOVE_ASIDE_TEXT = "Move Aside and Start Fresh"


def ask_move_aside(error: CorruptLibraryError, parent: QWidget | None = None) -> bool:
    """Ask whether to set the unusable file aside; True when the user chose to."""
    box = QMessageBox(parent)
    box.setObjectName("libraryRecovery")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Library cannot be opened")
    box.setText(f"{error.path.name} is not a usable podplayer library.")
    box.setInformativeText(
        f"{error}\n\nMoving it aside renames the file (nothing is deleted) and starts a new, empty library."
    )
    move = box.addButton(MOVE_ASIDE_TEXT, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Close)
    box.setDefaultButton(QMessageBox.StandardButton.Close)
    box.exec()
    return box.clickedButton() is move


def explain(error: LibraryError, parent: QWidget | None = None) -> None:
    QMessageBox.critical(parent, "Library cannot be opened", str(error))


def open_library_with_recovery(
    opener: Callable[[], Library],
    ask: Callable[[CorruptLibraryError], bool] = ask_move_aside,
    tell: Callable[[LibraryError], None] = explain,
) -> tuple[Library, Path | None]:
    """``opener()``, offering to move an unusable file aside first.

    Returns the library and, when a file was set aside, where it now is. Re-raises the error when
    the user declines or the library cannot be opened for another reason (after ``tell`` explains it).
    """
    try:
        return opener(), None
    except CorruptLibraryError as error:
        if not ask(error):
            raise
        moved = Library.move_aside(error.path)
        return opener(), moved
    except LibraryError as error:
        tell(error)
        raise
