"""The tags manager: every tag in the library with its colour and use count; rename, merge, recolour.

The dialog only emits intent (``renameRequested``, ``colorRequested``); the controller turns it into
undoable commands and calls :meth:`set_tags` with the new list.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QColorDialog,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from podplayer.core.model import Tag

NameRole = Qt.ItemDataRole.UserRole + 1


def color_icon(color: str, size: int = 14) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(color) if color else QColor(0, 0, 0, 0))
    return QIcon(pixmap)


class TagsDialog(QDialog):
    renameRequested = Signal(str, str)  # old, new (merges when new exists)
    colorRequested = Signal(str, str)  # name, "#rrggbb"

    def __init__(self, tags: list[Tag], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Tags")
        self.setAccessibleName("Tags manager")
        self.resize(360, 420)
        self.list = QListWidget(self)
        self.list.setAccessibleName("Tags")
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.itemDoubleClicked.connect(lambda _item: self.rename_selected())

        self.rename_button = QPushButton("Rename…", self)
        self.merge_button = QPushButton("Merge…", self)
        self.color_button = QPushButton("Colour…", self)
        self.rename_button.clicked.connect(self.rename_selected)
        self.merge_button.clicked.connect(self.merge_selected)
        self.color_button.clicked.connect(self.recolor_selected)
        self.merge_button.setToolTip("Merge the selected tags into one")
        buttons = QHBoxLayout()
        for button in (self.rename_button, self.merge_button, self.color_button):
            button.setAccessibleName(button.text().rstrip("…") + " tag")
            buttons.addWidget(button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, parent=self)
        close.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        layout.addWidget(close)
        self.list.itemSelectionChanged.connect(self._update_buttons)
        self.set_tags(tags)

    def set_tags(self, tags: list[Tag]) -> None:
        selected = set(self.selected_names())
        self.list.clear()
        self._tags = {t.name: t for t in tags}
        for tag in sorted(tags, key=lambda t: t.name.casefold()):
            item = QListWidgetItem(color_icon(tag.color), f"{tag.name}  ({tag.count})")
            item.setData(NameRole, tag.name)
            self.list.addItem(item)
            item.setSelected(tag.name in selected)
        self._update_buttons()

    def selected_names(self) -> list[str]:
        return [item.data(NameRole) for item in self.list.selectedItems()]

    def _update_buttons(self) -> None:
        count = len(self.list.selectedItems())
        self.rename_button.setEnabled(count == 1)
        self.color_button.setEnabled(count >= 1)
        self.merge_button.setEnabled(count >= 2)

    def rename_selected(self) -> None:
        names = self.selected_names()
        if len(names) != 1:
            return
        new, ok = QInputDialog.getText(self, "Rename tag", "New name:", text=names[0])
        self.rename(names[0], new if ok else "")

    def rename(self, old: str, new: str) -> bool:
        """Rename ``old`` (confirming first when ``new`` exists, which merges). True if done."""
        new = " ".join(new.split())
        if not new or new == old:
            return False
        existing = next((n for n in self._tags if n.casefold() == new.casefold() and n != old), None)
        if existing is not None:
            answer = QMessageBox.question(
                self, "Merge tags", f"“{existing}” already exists. Merge “{old}” into it?"
            )
            if answer != QMessageBox.StandardButton.Yes:
                return False
            new = existing
        self.renameRequested.emit(old, new)
        return True

    def merge_selected(self) -> None:
        names = self.selected_names()
        if len(names) < 2:
            return
        target, ok = QInputDialog.getItem(self, "Merge tags", "Merge the selected tags into:", names, 0, False)
        if ok and target:
            self.merge(names, target)

    def merge(self, names: list[str], target: str) -> None:
        for name in names:
            if name != target:
                self.renameRequested.emit(name, target)

    def recolor_selected(self) -> None:
        names = self.selected_names()
        if not names:
            return
        initial = QColor(self._tags[names[0]].color or "#ffe066")
        color = QColorDialog.getColor(initial, self, "Tag colour")
        if color.isValid():
            for name in names:
                self.colorRequested.emit(name, color.name())
