"""The window's actions in one place: the menus' table (ui/window/menus.py) and every controller that
brings its own (annotations, chapter navigation) add them here, the same way.

One rule for an action's objectName: its ``name``, or without one its text in snake_case ("Skip &back"
→ "skip_back"); tests and the shortcuts sheet find actions by it. Every action is also added to the
window itself, so its shortcut works while the menu bar is hidden.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar, QWidget

Shortcut = QKeySequence | QKeySequence.StandardKey | str


def action_object_name(text: str, name: str = "") -> str:
    """The objectName of an action: ``name``, else ``text`` without accelerators and ellipses, in snake_case."""
    return name or text.replace("&", "").replace("…", "").strip().lower().replace(" ", "_")


class ActionRegistry:
    def __init__(self, owner: QWidget, menu_bar: QMenuBar, menus: Sequence[tuple[str, str]]) -> None:
        """``menus``: (key, title) of each menu in menu-bar order; ``owner`` (the window) owns the actions."""
        self.owner = owner
        self.menus: dict[str, QMenu] = {key: menu_bar.addMenu(title) for key, title in menus}

    def add(
        self,
        menu: str,
        text: str,
        triggered: Callable[[], object] | None = None,
        shortcuts: Sequence[Shortcut] = (),
        *,
        name: str = "",
        toggled: Callable[[bool], object] | None = None,
        checked: bool = False,
        before: QAction | None = None,
    ) -> QAction:
        """A new action in ``menu`` (before ``before`` when given): ``triggered`` runs on activation, or,
        for a checkable action, ``toggled`` receives the new state (``checked`` is applied through it)."""
        action = QAction(text, self.owner)
        if shortcuts:
            action.setShortcuts([QKeySequence(s) for s in shortcuts])
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        if toggled is not None:
            action.setCheckable(True)
            action.toggled.connect(toggled)
            action.setChecked(checked)  # after connecting: the slot applies the initial state
        elif triggered is not None:
            # Drop triggered(bool): slots with optional parameters must not receive ``checked``.
            action.triggered.connect(lambda _checked=False, call=triggered: call())
        action.setObjectName(action_object_name(text, name))
        if before is not None:
            self.menus[menu].insertAction(before, action)
        else:
            self.menus[menu].addAction(action)
        self.owner.addAction(action)
        return action

    def find(self, name: str) -> QAction | None:
        """The action whose objectName is ``name``."""
        for action in self.owner.actions():
            if action.objectName() == name:
                return action
        return None

    def after(self, menu: str, name: str) -> QAction | None:
        """The menu entry following the action called ``name`` (None when it is last or missing)."""
        actions = self.menus[menu].actions()
        for i, action in enumerate(actions[:-1]):
            if action.objectName() == name:
                return actions[i + 1]
        return None
