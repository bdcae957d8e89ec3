"""The tags manager: every tag in the library with its colour and use count; rename, merge, recolour.

The dialog only emits intent (``renameRequested``, ``colorRequested``); the controller turns it into
undoable commands and calls :meth:`set_tags` with the new list. The list, buttons and rename/merge
rules are shared with the speakers dialog (name_list_dialog.py).
"""

from __future__ import annotations

from PySide6.QtWidgets import QListWidgetItem, QWidget

from podplayer.core.model import Tag
from podplayer.ui.dialogs.name_list_dialog import NameListDialog, NameRole, color_icon


class TagsDialog(NameListDialog):
    recolor_several = True
    default_color = "#ffe066"

    def __init__(self, tags: list[Tag], parent: QWidget | None = None) -> None:
        super().__init__("tag", "Tags", "Tags", parent)
        self.setAccessibleName("Tags manager")
        self.resize(360, 420)
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

    def existing_name(self, new: str, old: str) -> str | None:
        """Tags match case-insensitively: renaming to "ML" merges into an existing "ml"."""
        return next((n for n in self._tags if n.casefold() == new.casefold() and n != old), None)

    def current_color(self, name: str) -> str:
        return self._tags[name].color
