"""The window's actions that other parts need again, as one typed object (built by menus.build_menus)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QAction, QShortcut
from PySide6.QtWidgets import QMenu

from podplayer.ui.action_registry import ActionRegistry


@dataclass(frozen=True)
class WindowActions:
    """The menus by key ("file", "edit", "view", "playback", "annotate", "help") and the named actions."""

    registry: ActionRegistry  # where controllers add their actions
    menus: dict[str, QMenu]
    open: QAction
    import_files: QAction
    export: QAction
    close_episode: QAction
    recent_menu: QMenu
    follow: QAction
    show_library: QAction
    show_panel: QAction
    play: QAction
    skip_ad: QAction  # enabled only while audio not in the transcript (an ad) plays
    loop_turn: QAction
    loop_selection: QAction
    auto_rewind: QAction
    sync: QAction
    transcribe: QAction
    find_speakers: QAction
    play_anywhere: QShortcut  # Ctrl+Space, application-wide
