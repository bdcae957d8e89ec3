"""A Markdown note editor: plain-text editing, an optional rendered preview, debounced autosave."""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, QTimer, Signal
from PySide6.QtWidgets import QCheckBox, QPlainTextEdit, QTextBrowser, QVBoxLayout, QWidget

AUTOSAVE_DELAY_MS = 600


class MarkdownNoteEditor(QWidget):
    """Edits Markdown as plain text; ``noteEdited`` fires once typing pauses (autosave)."""

    noteEdited = Signal(str)

    def __init__(self, placeholder: str = "Note (Markdown)", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = QPlainTextEdit(self)
        self.editor.setPlaceholderText(placeholder)
        self.editor.setAccessibleName("Note editor")
        self.editor.setTabChangesFocus(True)
        self.preview = QTextBrowser(self)
        self.preview.setAccessibleName("Note preview")
        self.preview.setOpenExternalLinks(True)
        self.preview.hide()
        self.preview_toggle = QCheckBox("Preview", self)
        self.preview_toggle.setAccessibleName("Preview note")
        self.preview_toggle.toggled.connect(self._show_preview)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.editor)
        layout.addWidget(self.preview)
        layout.addWidget(self.preview_toggle)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(AUTOSAVE_DELAY_MS)
        self._timer.timeout.connect(self._emit)
        self.editor.textChanged.connect(self._timer.start)

    def text(self) -> str:
        return self.editor.toPlainText()

    def set_text(self, text: str) -> None:
        """Replace the text without triggering an autosave (loading is not editing)."""
        self._timer.stop()
        with QSignalBlocker(self.editor):
            self.editor.setPlainText(text)
        if self.preview.isVisible():
            self.preview.setMarkdown(text)

    def flush(self) -> None:
        """Emit a pending edit now (called on timeout, and before the note changes owner)."""
        if self._timer.isActive():
            self._timer.stop()
            self._emit()

    def _emit(self) -> None:
        self.noteEdited.emit(self.text())

    def has_pending_edit(self) -> bool:
        return self._timer.isActive()

    def _show_preview(self, on: bool) -> None:
        if on:
            self.preview.setMarkdown(self.text())
        self.preview.setVisible(on)
        self.editor.setVisible(not on)
