"""The main window's menus and actions, built from one table.

Every action is also added to the window itself, so its shortcut works while the menu bar is hidden.
An action's objectName is its ``name`` or, without one, its text in snake_case ("Skip &back" →
"skip_back"); tests and the shortcuts sheet find actions by it. Actions the window needs again are
kept on it under ``attribute`` (e.g. ``window.loop_turn_action``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QMenu

from podplayer.ui.dialogs.export_dialog import open_export_dialog

if TYPE_CHECKING:
    from podplayer.ui.window.main_window import MainWindow

MENU_KEYS = [("file", "&File"), ("edit", "&Edit"), ("view", "&View"), ("playback", "&Playback"),
             ("annotate", "&Annotate"), ("help", "&Help")]

Slot = Callable[..., object]
DEFAULT_POINT_SIZE = 11.0


@dataclass(frozen=True)
class ActionSpec:
    menu: str
    text: str
    slot: Callable[[MainWindow], Slot]  # looked up on the window when the menus are built
    shortcuts: tuple[str, ...] = ()
    checkable: bool = False
    name: str = ""
    attribute: str = ""
    checked: Callable[[MainWindow], bool] | None = None  # initial state of a checkable action


@dataclass(frozen=True)
class Separator:
    menu: str


@dataclass(frozen=True)
class Submenu:
    menu: str
    title: str
    attribute: str


def _on(_window: MainWindow) -> bool:
    return True


ACTIONS: list[ActionSpec | Separator | Submenu] = [
    ActionSpec("file", "&Open…", lambda w: w.files.open_dialog, ("Ctrl+O",), attribute="open_action"),
    ActionSpec("file", "&Import audio and transcript…", lambda w: w.files.open_dialog, ("Ctrl+I",),
               attribute="import_action"),
    Submenu("file", "Open &recent", "recent_menu"),
    Separator("file"),
    ActionSpec("file", "&Export…", lambda w: lambda: open_export_dialog(w), ("Ctrl+E",), name="export",
               attribute="export_action"),
    ActionSpec("file", "&Close episode", lambda w: w.close_episode, ("Ctrl+W",), attribute="close_action"),
    Separator("file"),
    ActionSpec("file", "&Quit", lambda w: w.close, ("Ctrl+Q",)),

    ActionSpec("edit", "&Copy selected text", lambda w: w.copy_selection, ("Ctrl+C",)),
    ActionSpec("edit", "Clear selection", lambda w: w.transcript_view.clear_selection),
    Separator("edit"),
    ActionSpec("edit", "&Preferences…", lambda w: w.show_preferences, ("Ctrl+,",), name="preferences"),

    ActionSpec("view", "Zoom &in", lambda w: w.transcript_view.zoom_in, ("Ctrl++", "Ctrl+=")),
    ActionSpec("view", "Zoom &out", lambda w: w.transcript_view.zoom_out, ("Ctrl+-",)),
    ActionSpec("view", "&Reset zoom", lambda w: lambda: w.transcript_view.set_point_size(DEFAULT_POINT_SIZE),
               ("Ctrl+0",)),
    Separator("view"),
    ActionSpec("view", "&Follow playback", lambda w: w.set_follow, ("Ctrl+J",), checkable=True,
               attribute="follow_action", checked=_on),
    ActionSpec("view", "Show &library", lambda w: w.library_list.setVisible, ("Ctrl+Shift+L",), checkable=True,
               attribute="show_library_action", checked=_on),
    ActionSpec("view", "Show side &panel", lambda w: w.right_panel_container.setVisible, ("Ctrl+Shift+P",),
               checkable=True, attribute="show_panel_action", checked=_on),

    ActionSpec("playback", "&Play / pause", lambda w: w.toggle_play, ("Space",), name="play_pause",
               attribute="play_action"),
    ActionSpec("playback", "Skip &back", lambda w: w.controller.skip_back, ("Ctrl+Left",)),
    ActionSpec("playback", "Skip &forward", lambda w: w.controller.skip_forward, ("Ctrl+Right",)),
    ActionSpec("playback", "&Replay last 5 seconds", lambda w: w.controller.replay_last, ("R",)),
    ActionSpec("playback", "Previous turn", lambda w: w.previous_turn, ("Alt+Up",)),
    ActionSpec("playback", "Next turn", lambda w: w.next_turn, ("Alt+Down",)),
    Separator("playback"),
    ActionSpec("playback", "&Slower", lambda w: w.controller.slower, ("[",)),
    ActionSpec("playback", "F&aster", lambda w: w.controller.faster, ("]",)),
    ActionSpec("playback", "&Normal speed", lambda w: lambda: w.controller.set_rate(1.0), ("\\",)),
    Separator("playback"),
    ActionSpec("playback", "&Loop current turn", lambda w: w.set_loop_turn, ("Ctrl+T",), checkable=True,
               attribute="loop_turn_action"),
    ActionSpec("playback", "Loop &selection or highlight", lambda w: w.set_loop_selection, ("Ctrl+Shift+T",),
               checkable=True, attribute="loop_selection_action"),
    ActionSpec("playback", "&Auto-rewind on resume", lambda w: w.set_auto_rewind, checkable=True,
               attribute="auto_rewind_action", checked=lambda w: w.settings.auto_rewind_s > 0),
    Separator("playback"),
    ActionSpec("playback", "S&ync to audio…", lambda w: w.sync_to_audio, ("Ctrl+Shift+S",), attribute="sync_action"),
    ActionSpec("playback", "Check s&ync with audio", lambda w: w.check_sync, attribute="check_sync_action"),

    ActionSpec("help", "&Keyboard shortcuts", lambda w: w.show_shortcuts, ("F1", "Ctrl+/")),
    ActionSpec("help", "&About podplayer", lambda w: w.show_about),
]


def object_name(spec: ActionSpec) -> str:
    return spec.name or spec.text.replace("&", "").replace("…", "").strip().lower().replace(" ", "_")


def make_action(window: MainWindow, menu: QMenu, spec: ActionSpec) -> QAction:
    slot = spec.slot(window)
    action = QAction(spec.text, window)
    if spec.shortcuts:
        action.setShortcuts([QKeySequence(s) for s in spec.shortcuts])
    action.setCheckable(spec.checkable)
    if spec.checkable:
        action.toggled.connect(slot)
        if spec.checked is not None:
            action.setChecked(spec.checked(window))  # after connecting: the slot applies the state
    else:
        # Drop triggered(bool): slots with optional parameters must not receive ``checked``.
        action.triggered.connect(lambda _checked=False, call=slot: call())
    action.setObjectName(object_name(spec))
    menu.addAction(action)
    window.addAction(action)  # shortcuts work even when the menu bar is hidden
    return action


def build_menus(window: MainWindow) -> dict[str, QMenu]:
    """Add the menus and actions of ``ACTIONS`` to ``window``; returns the menus by key."""
    menus = {key: window.menuBar().addMenu(title) for key, title in MENU_KEYS}
    for entry in ACTIONS:
        menu = menus[entry.menu]
        if isinstance(entry, Separator):
            menu.addSeparator()
        elif isinstance(entry, Submenu):
            setattr(window, entry.attribute, menu.addMenu(entry.title))
        else:
            action = make_action(window, menu, entry)
            if entry.attribute:
                setattr(window, entry.attribute, action)
    # Ctrl+Space plays/pauses from anywhere, including while a text field has focus.
    play_anywhere = QShortcut(QKeySequence("Ctrl+Space"), window)
    play_anywhere.setContext(Qt.ShortcutContext.ApplicationShortcut)
    play_anywhere.activated.connect(window.toggle_play)
    window.global_play_shortcut = play_anywhere
    return menus
