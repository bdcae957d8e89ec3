"""Speakers of the open episode: rename (everywhere in it), colour, merge, show/hide in the view.

Like the tags manager (the shared list, buttons and rename/merge rules are in name_list_dialog.py),
the dialog emits intent and the controller makes undoable commands of it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from podplayer.ui.dialogs.name_list_dialog import NameListDialog, NameRole, color_icon


class SpeakersDialog(NameListDialog):
    hiddenChanged = Signal(set)  # speakers whose turns are hidden in the view

    @property
    def rows(self) -> QListWidget:
        """The speakers, one checkable row each (the shared dialog's list is a plain list here)."""
        assert isinstance(self.list, QListWidget)
        return self.list

    def __init__(
        self,
        speakers: list[str],
        colors: dict[str, str],
        hidden: set[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("speaker", "Speakers", "Speakers list", parent)
        self.setAccessibleName("Speakers")
        self.resize(340, 360)
        self.list.itemChanged.connect(self._check_changed)
        self.set_speakers(speakers, colors, hidden)

    def set_speakers(self, speakers: list[str], colors: dict[str, str], hidden: set[str]) -> None:
        self._colors = dict(colors)
        self.list.blockSignals(True)
        self.list.clear()
        for name in speakers:
            item = QListWidgetItem(color_icon(colors.get(name, "")), name)
            item.setData(NameRole, name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked if name in hidden else Qt.CheckState.Checked)
            item.setToolTip("Untick to hide this speaker's turns")
            self.rows.addItem(item)
        self.list.blockSignals(False)
        self._update_buttons()

    def hidden(self) -> set[str]:
        return {
            self.rows.item(i).data(NameRole)
            for i in range(self.rows.count())
            if self.rows.item(i).checkState() == Qt.CheckState.Unchecked
        }

    def set_visible(self, speaker: str, visible: bool) -> None:
        for i in range(self.rows.count()):
            item = self.rows.item(i)
            if item.data(NameRole) == speaker:
                item.setCheckState(Qt.CheckState.Checked if visible else Qt.CheckState.Unchecked)

    def _check_changed(self, _item: QListWidgetItem) -> None:
        self.hiddenChanged.emit(self.hidden())

    def current_color(self, name: str) -> str:
        return self._colors.get(name, "")
