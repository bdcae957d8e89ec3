"""The shape shared by the tags manager and the speakers dialog: a list of names with Rename…,
Merge… and Colour… buttons and Close.

The dialogs only emit intent (``renameRequested``, ``colorRequested``); the annotations controller
turns it into undoable commands and refills the list. Renaming onto a name that already exists merges
the two, after asking.
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
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QVBoxLayout,
    QWidget,
)

NameRole = Qt.ItemDataRole.UserRole + 1


def color_icon(color: str, size: int = 14) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(color) if color else QColor(0, 0, 0, 0))
    return QIcon(pixmap)


class NameListDialog(QDialog):
    """A list of ``noun``s (item data ``NameRole`` holds each name) with rename, merge and colour."""

    renameRequested = Signal(str, str)  # old, new (merges when new exists)
    colorRequested = Signal(str, str)  # name, "#rrggbb"

    recolor_several = False  # whether Colour… applies to several selected names at once
    default_color = "#888888"  # where the colour picker starts for a name without a colour

    def __init__(self, noun: str, title: str, list_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.noun = noun
        self.setWindowTitle(title)
        self.list = self.make_list()
        self.list.setAccessibleName(list_name)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.itemDoubleClicked.connect(lambda *_item: self.rename_selected())

        self.rename_button = QPushButton("Rename…", self)
        self.merge_button = QPushButton("Merge…", self)
        self.color_button = QPushButton("Colour…", self)
        self.rename_button.clicked.connect(self.rename_selected)
        self.merge_button.clicked.connect(self.merge_selected)
        self.color_button.clicked.connect(self.recolor_selected)
        self.merge_button.setToolTip(f"Merge the selected {noun}s into one")
        buttons = QHBoxLayout()
        for button in (self.rename_button, self.merge_button, self.color_button):
            button.setAccessibleName(f"{button.text().rstrip('…')} {noun}")
            buttons.addWidget(button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, parent=self)
        close.rejected.connect(self.reject)

        self.button_row = buttons
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        layout.addWidget(close)
        self.list.itemSelectionChanged.connect(self._update_buttons)

    def make_list(self) -> QListWidget | QTreeWidget:
        """The widget listing the names (a tree for the codebook); items keep their name in ``NameRole``."""
        return QListWidget(self)

    def names(self) -> list[str]:
        if isinstance(self.list, QTreeWidget):
            items = [self.list.topLevelItem(i) for i in range(self.list.topLevelItemCount())]
            found: list[str] = []
            while items:
                item = items.pop(0)
                if item is None:
                    continue
                if item.data(0, NameRole):
                    found.append(item.data(0, NameRole))
                items.extend(item.child(i) for i in range(item.childCount()))
            return found
        return [self.list.item(i).data(NameRole) for i in range(self.list.count())]

    def selected_names(self) -> list[str]:
        if isinstance(self.list, QTreeWidget):
            return [name for item in self.list.selectedItems() if (name := item.data(0, NameRole))]
        return [item.data(NameRole) for item in self.list.selectedItems()]

    def _update_buttons(self) -> None:
        count = len(self.selected_names())
        self.rename_button.setEnabled(count == 1)
        self.merge_button.setEnabled(count >= 2)
        self.color_button.setEnabled(count >= 1 if self.recolor_several else count == 1)

    def existing_name(self, new: str, old: str) -> str | None:
        """The listed name that ``new`` would merge into, if any."""
        return new if new in self.names() else None

    def rename_selected(self) -> None:
        names = self.selected_names()
        if len(names) == 1:
            new, ok = QInputDialog.getText(self, f"Rename {self.noun}", "New name:", text=names[0])
            if ok:
                self.rename(names[0], new)

    def rename(self, old: str, new: str) -> bool:
        """Rename ``old`` (confirming first when ``new`` exists, which merges). True if done."""
        new = " ".join(new.split())
        if not new or new == old:
            return False
        existing = self.existing_name(new, old)
        if existing is not None:
            answer = QMessageBox.question(
                self, f"Merge {self.noun}s", f"“{existing}” already exists. Merge “{old}” into it?"
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
        target, ok = QInputDialog.getItem(
            self, f"Merge {self.noun}s", f"Merge the selected {self.noun}s into:", names, 0, False
        )
        if ok and target:
            self.merge(names, target)

    def merge(self, names: list[str], target: str) -> None:
        for name in names:
            if name != target:
                self.renameRequested.emit(name, target)

    def current_color(self, name: str) -> str:
        """The colour ``name`` has now ("" for none); subclasses know where it is kept."""
        return ""

    def recolor_selected(self) -> None:
        names = self.selected_names()
        if not names or (len(names) > 1 and not self.recolor_several):
            return
        initial = QColor(self.current_color(names[0]) or self.default_color)
        title = f"Colour of {names[0]}" if len(names) == 1 else f"Colour of the selected {self.noun}s"
        color = QColorDialog.getColor(initial, self, title)
        if color.isValid():
            for name in names:
                self.colorRequested.emit(name, color.name())
