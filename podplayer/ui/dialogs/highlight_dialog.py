"""The highlight editor: colour from a small palette, any number of tags, an optional Markdown note."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QWidget,
)

from podplayer.core.palette import HIGHLIGHT_COLORS
from podplayer.ui import theme
from podplayer.ui.dialogs.markdown_note import MarkdownNoteEditor

TAG_SEPARATOR = ","


def parse_tags(text: str) -> list[str]:
    """Comma-separated tags, trimmed, duplicates (case-insensitive) dropped, order kept."""
    seen: set[str] = set()
    tags: list[str] = []
    for raw in text.split(TAG_SEPARATOR):
        tag = " ".join(raw.split())
        if tag and tag.casefold() not in seen:
            seen.add(tag.casefold())
            tags.append(tag)
    return tags


class TagCompleter(QCompleter):
    """Completes the tag being typed after the last comma, keeping the tags before it."""

    def __init__(self, tags: list[str], line_edit: QLineEdit) -> None:
        super().__init__(line_edit)
        self._tags_model = QStringListModel(sorted(tags, key=str.casefold), self)
        self.setModel(self._tags_model)
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterMode(Qt.MatchFlag.MatchContains)
        self._line_edit = line_edit
        self.setWidget(line_edit)
        self.activated.connect(self._insert)
        line_edit.textEdited.connect(self._update)

    def _update(self, text: str) -> None:
        prefix = text.rsplit(TAG_SEPARATOR, 1)[-1].strip()
        if prefix:
            self.setCompletionPrefix(prefix)
        if prefix and self.completionCount():
            self.complete()
            return
        popup = self.popup()
        if popup is not None:
            popup.hide()

    def _insert(self, completion: str) -> None:
        before = self._line_edit.text().rsplit(TAG_SEPARATOR, 1)
        kept = before[0] + TAG_SEPARATOR + " " if len(before) > 1 else ""
        self._line_edit.setText(kept + completion + TAG_SEPARATOR + " ")


def _swatch(color: QColor, size: int = 16) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(color)
    return QIcon(pixmap)


@dataclass(slots=True)
class HighlightValues:
    color: str
    tags: list[str]
    note: str


class HighlightDialog(QDialog):
    """Create or edit one highlight. Read the result with :meth:`values` after ``accept``."""

    def __init__(
        self,
        quote: str,
        *,
        color: str,
        tags: list[str],
        note: str,
        known_tags: list[str],
        title: str = "Highlight",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName("Highlight editor")

        quote_label = QLabel(self)
        quote_label.setTextFormat(Qt.TextFormat.PlainText)
        quote_label.setWordWrap(True)
        shown = " ".join(quote.split())
        quote_label.setText(f"“{shown[:280]}{'…' if len(shown) > 280 else ''}”" if shown else "Bookmark")

        self.color_group = QButtonGroup(self)
        self.color_group.setExclusive(True)
        colors = QWidget(self)
        colors_layout = QHBoxLayout(colors)
        colors_layout.setContentsMargins(0, 0, 0, 0)
        names = list(HIGHLIGHT_COLORS)
        if color not in HIGHLIGHT_COLORS:
            names.append(color)  # keep a colour set elsewhere (e.g. imported) selectable
        self._color_names: dict[int, str] = {}
        for i, name in enumerate(names):
            button = QToolButton(colors)
            button.setCheckable(True)
            button.setIcon(_swatch(theme.highlight_color(name, 255)))
            button.setToolTip(name)
            button.setAccessibleName(f"Colour {name}")
            button.setChecked(name == color)
            self.color_group.addButton(button, i)
            self._color_names[i] = name
            colors_layout.addWidget(button)
        colors_layout.addStretch(1)

        self.tags_edit = QLineEdit(self)
        self.tags_edit.setAccessibleName("Tags")
        self.tags_edit.setPlaceholderText("tags, separated by commas")
        self.tags_edit.setText(", ".join(tags))
        self.completer = TagCompleter(known_tags, self.tags_edit)

        self.note_editor = MarkdownNoteEditor(parent=self)
        self.note_editor.set_text(note)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, parent=self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons

        form = QFormLayout(self)
        form.addRow(quote_label)
        form.addRow("Colour", colors)
        form.addRow("Tags", self.tags_edit)
        form.addRow("Note", self.note_editor)
        form.addRow(buttons)
        self.tags_edit.setFocus()

    def select_color(self, name: str) -> None:
        for button_id, color in self._color_names.items():
            if color == name:
                button = self.color_group.button(button_id)
                button.setChecked(True)

    def values(self) -> HighlightValues:
        checked = self.color_group.checkedId()
        color = self._color_names.get(checked, next(iter(HIGHLIGHT_COLORS)))
        return HighlightValues(color, parse_tags(self.tags_edit.text()), self.note_editor.text().strip())
