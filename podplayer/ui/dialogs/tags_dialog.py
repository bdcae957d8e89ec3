"""The tags manager: the codebook as a tree (``Theme/Subtheme``) with colours, use counts and
descriptions; rename, merge, recolour and describe.

The dialog only emits intent (``renameRequested``, ``colorRequested``, ``descriptionRequested``); the
controller turns it into undoable commands and calls :meth:`set_tags` with the new list. The buttons
and rename/merge rules are shared with the speakers dialog (name_list_dialog.py). A parent that exists
only through its children is shown greyed (its count is its children's). Renaming a code moves the
codes below it along (``Work`` -> ``Job`` makes ``Work/Stress`` ``Job/Stress``); rename a child to
``Parent/Child`` to move it elsewhere.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QHeaderView,
    QInputDialog,
    QListWidget,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from podplayer.core.codebook import TagNode, tag_tree
from podplayer.core.model import Tag
from podplayer.ui.dialogs.name_list_dialog import NameListDialog, NameRole, color_icon

CODE, USES, DESCRIPTION = range(3)


class TagsDialog(NameListDialog):
    descriptionRequested = Signal(str, str)  # name, description

    recolor_several = True
    default_color = "#ffe066"

    def __init__(self, tags: list[Tag], parent: QWidget | None = None) -> None:
        super().__init__("tag", "Tags", "Tags", parent)
        self.setAccessibleName("Tags manager")
        self.describe_button = QPushButton("Describe…", self)
        self.describe_button.setAccessibleName("Describe tag")
        self.describe_button.setToolTip("What this code means and when to apply it")
        self.describe_button.clicked.connect(self.describe_selected)
        self.button_row.addWidget(self.describe_button)
        self.resize(560, 440)
        self.set_tags(tags)

    def make_list(self) -> QListWidget | QTreeWidget:
        tree = QTreeWidget(self)
        tree.setHeaderLabels(["Code", "Uses", "Description"])
        tree.setUniformRowHeights(True)
        header = tree.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(CODE, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(CODE, 200)
        header.resizeSection(USES, 52)
        return tree

    def set_tags(self, tags: list[Tag]) -> None:
        assert isinstance(self.list, QTreeWidget)
        selected = set(self.selected_names())
        self.list.clear()
        self._tags = {t.name: t for t in tags}
        for node in tag_tree(tags):
            self.list.addTopLevelItem(self._item(node, selected))
        self.list.expandAll()
        self._update_buttons()

    def _item(self, node: TagNode, selected: set[str]) -> QTreeWidgetItem:
        item = QTreeWidgetItem([node.label, str(node.total_count), ""])
        item.setTextAlignment(USES, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        item.setData(CODE, NameRole, node.name)  # a parent without a tag of its own can be renamed too
        if node.tag is not None:
            item.setIcon(CODE, color_icon(node.tag.color))
            description = " ".join(node.tag.description.split())
            item.setText(DESCRIPTION, description)
            item.setToolTip(DESCRIPTION, node.tag.description)
            item.setToolTip(CODE, node.name)
        else:
            item.setForeground(CODE, self.palette().color(QPalette.ColorRole.PlaceholderText))
            item.setToolTip(CODE, f"{node.name}: a parent code, used only through the codes below it")
        for child in node.children:
            item.addChild(self._item(child, selected))
        item.setSelected(node.name in selected)
        return item

    def _update_buttons(self) -> None:
        super()._update_buttons()
        if hasattr(self, "describe_button"):
            self.describe_button.setEnabled(len(self.selected_names()) == 1)

    def existing_name(self, new: str, old: str) -> str | None:
        """Tags match case-insensitively: renaming to "ML" merges into an existing "ml"."""
        return next((n for n in self._tags if n.casefold() == new.casefold() and n != old), None)

    def current_color(self, name: str) -> str:
        return self._tags[name].color if name in self._tags else ""

    def describe_selected(self) -> None:
        names = self.selected_names()
        if len(names) != 1:
            return
        name = names[0]
        before = self._tags[name].description if name in self._tags else ""
        text, ok = QInputDialog.getMultiLineText(
            self, f"Describe {name}", "What this code means and when to apply it:", before
        )
        if ok and text.strip() != before:
            self.descriptionRequested.emit(name, text.strip())
