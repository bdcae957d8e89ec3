"""Small dialogs and helpers for library-list operations: rename, delete, reveal, relink audio."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget

from podplayer.core.formats.media import AUDIO_SUFFIXES, file_patterns

AUDIO_FILTER = f"Audio files ({file_patterns(AUDIO_SUFFIXES)});;All files (*)"


def audio_missing(audio_path: str | None) -> bool:
    """True when the episode names an audio file that is not there (no audio at all is not 'missing')."""
    return bool(audio_path) and not os.path.isfile(audio_path or "")


def ask_new_title(parent: QWidget, current: str) -> str | None:
    title, ok = QInputDialog.getText(parent, "Rename episode", "Title:", text=current)
    title = " ".join(title.split())
    return title if ok and title and title != current else None


def confirm_delete(parent: QWidget, title: str) -> bool:
    answer = QMessageBox.question(
        parent,
        "Delete episode",
        f"Delete “{title}” with its highlights and notes?\nYou can undo this until you quit (Ctrl+Z).",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def choose_audio(parent: QWidget, old_path: str | None) -> str | None:
    start = str(Path(old_path).parent) if old_path and Path(old_path).parent.is_dir() else str(Path.home())
    path, _selected = QFileDialog.getOpenFileName(parent, "Locate the audio file", start, AUDIO_FILTER)
    return path or None


def reveal_folder(audio_path: str) -> bool:
    """Open the folder holding ``audio_path`` in the desktop's file manager."""
    folder = Path(audio_path).parent
    if not folder.is_dir():
        return False
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
