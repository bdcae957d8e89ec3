"""Help → Keyboard shortcuts: a sheet generated from the window's menus, so it is never out of date."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMenu,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

# Shortcuts that are not menu actions (handled by widgets directly).
EXTRA_SHORTCUTS: list[tuple[str, str, str]] = [
    ("Playback", "Play / pause (also while typing)", "Ctrl+Space"),
    ("Transcript", "Extend the word selection", "Shift+Arrow keys"),
    ("Transcript", "Select words with the mouse", "Drag"),
    ("Transcript", "Play from a word", "Click the word"),
    ("Transcript", "Clear the selection", "Esc"),
]


def _clean(text: str) -> str:
    return text.replace("&", "").rstrip(".…")


def collect_shortcuts(menus: dict[str, QMenu]) -> list[tuple[str, str, str]]:
    """(menu, action, shortcuts) for every menu action that has a shortcut."""
    rows: list[tuple[str, str, str]] = []

    def walk(menu: QMenu, title: str) -> None:
        for action in menu.actions():
            sub = action.menu()
            if isinstance(sub, QMenu):
                walk(sub, title)
                continue
            if not isinstance(action, QAction) or action.isSeparator():
                continue
            keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()]
            keys = [k for k in keys if k]
            if keys:
                rows.append((title, _clean(action.text()), ", ".join(keys)))

    for menu in menus.values():
        walk(menu, _clean(menu.title()))
    return rows + EXTRA_SHORTCUTS


class ShortcutsSheet(QDialog):
    def __init__(self, menus: dict[str, QMenu], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        self.setAccessibleName("Keyboard shortcuts")
        self.resize(520, 560)
        tree = QTreeWidget(self)
        tree.setAccessibleName("Shortcut list")
        tree.setColumnCount(2)
        tree.setHeaderLabels(["Action", "Shortcut"])
        tree.setRootIsDecorated(False)
        tree.setAlternatingRowColors(True)
        groups: dict[str, QTreeWidgetItem] = {}
        for group, name, keys in collect_shortcuts(menus):
            parent_item = groups.get(group)
            if parent_item is None:
                parent_item = QTreeWidgetItem(tree, [group, ""])
                font = parent_item.font(0)
                font.setBold(True)
                parent_item.setFont(0, font)
                parent_item.setFirstColumnSpanned(True)
                groups[group] = parent_item
            QTreeWidgetItem(parent_item, [name, keys])
        tree.expandAll()
        tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree = tree
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(tree)
        layout.addWidget(buttons)
