"""Speakers of the open episode: rename (everywhere in it), colour, merge, show/hide in the view.

Like the tags manager, the dialog emits intent and the controller makes undoable commands of it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
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

from podplayer.ui.dialogs.tags_dialog import color_icon

NameRole = Qt.ItemDataRole.UserRole + 1


class SpeakersDialog(QDialog):
    renameRequested = Signal(str, str)  # old, new (merges when new exists)
    colorRequested = Signal(str, str)  # speaker, "#rrggbb"
    hiddenChanged = Signal(set)  # speakers whose turns are hidden in the view

    def __init__(
        self,
        speakers: list[str],
        colors: dict[str, str],
        hidden: set[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Speakers")
        self.setAccessibleName("Speakers")
        self.resize(340, 360)
        self.list = QListWidget(self)
        self.list.setAccessibleName("Speakers list")
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.itemChanged.connect(self._check_changed)
        self.list.itemDoubleClicked.connect(lambda _item: self.rename_selected())
        self.rename_button = QPushButton("Rename…", self)
        self.merge_button = QPushButton("Merge…", self)
        self.color_button = QPushButton("Colour…", self)
        self.rename_button.clicked.connect(self.rename_selected)
        self.merge_button.clicked.connect(self.merge_selected)
        self.color_button.clicked.connect(self.recolor_selected)
        row = QHBoxLayout()
        for button in (self.rename_button, self.merge_button, self.color_button):
            button.setAccessibleName(button.text().rstrip("…") + " speaker")
            row.addWidget(button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, parent=self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addLayout(row)
        layout.addWidget(close)
        self.list.itemSelectionChanged.connect(self._update_buttons)
        self.set_speakers(speakers, colors, hidden)

    def set_speakers(self, speakers: list[str], colors: dict[str, str], hidden: set[str]) -> None:
        self._speakers = list(speakers)
        self._colors = dict(colors)
        self.list.blockSignals(True)
        self.list.clear()
        for name in speakers:
            item = QListWidgetItem(color_icon(colors.get(name, "")), name)
            item.setData(NameRole, name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked if name in hidden else Qt.CheckState.Checked)
            item.setToolTip("Untick to hide this speaker's turns")
            self.list.addItem(item)
        self.list.blockSignals(False)
        self._update_buttons()

    def hidden(self) -> set[str]:
        return {
            self.list.item(i).data(NameRole)
            for i in range(self.list.count())
            if self.list.item(i).checkState() == Qt.CheckState.Unchecked
        }

    def set_visible(self, speaker: str, visible: bool) -> None:
        for i in range(self.list.count()):
            item = self.list.item(i)
            if item.data(NameRole) == speaker:
                item.setCheckState(Qt.CheckState.Checked if visible else Qt.CheckState.Unchecked)

    def _check_changed(self, _item: QListWidgetItem) -> None:
        self.hiddenChanged.emit(self.hidden())

    def selected_names(self) -> list[str]:
        return [item.data(NameRole) for item in self.list.selectedItems()]

    def _update_buttons(self) -> None:
        count = len(self.list.selectedItems())
        self.rename_button.setEnabled(count == 1)
        self.merge_button.setEnabled(count >= 2)
        self.color_button.setEnabled(count == 1)

    def rename_selected(self) -> None:
        names = self.selected_names()
        if len(names) == 1:
            new, ok = QInputDialog.getText(self, "Rename speaker", "New name:", text=names[0])
            if ok:
                self.rename(names[0], new)

    def rename(self, old: str, new: str) -> bool:
        new = " ".join(new.split())
        if not new or new == old:
            return False
        if new in self._speakers:
            answer = QMessageBox.question(self, "Merge speakers", f"Merge “{old}” into “{new}”?")
            if answer != QMessageBox.StandardButton.Yes:
                return False
        self.renameRequested.emit(old, new)
        return True

    def merge_selected(self) -> None:
        names = self.selected_names()
        if len(names) >= 2:
            target, ok = QInputDialog.getItem(self, "Merge speakers", "Merge the selected speakers into:", names, 0, False)
            if ok and target:
                for name in names:
                    if name != target:
                        self.renameRequested.emit(name, target)

    def recolor_selected(self) -> None:
        names = self.selected_names()
        if len(names) == 1:
            color = QColorDialog.getColor(QColor(self._colors.get(names[0], "#888888")), self, f"Colour of {names[0]}")
            if color.isValid():
                self.colorRequested.emit(names[0], color.name())
