"""The main window's menus and actions, built from one table into the window's
:class:`~podplayer.ui.action_registry.ActionRegistry` (where controllers add theirs, and where the one
objectName rule lives). Actions the window needs again are returned in a :class:`WindowActions` under
their ``field`` (e.g. ``actions.loop_turn``).

The table's slots are looked up on a :class:`MenuHost`: whatever offers these intents (the main
window does), so this module never needs the window's type.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QMenu, QMenuBar, QWidget

from podplayer.ui.action_registry import ActionRegistry
from podplayer.ui.player.playback_controller import PlaybackController
from podplayer.ui.player.playback_intents import PlaybackIntents
from podplayer.ui.podcasts.podcasts_view import PodcastsView
from podplayer.ui.session import EpisodeSession
from podplayer.ui.settings import Settings
from podplayer.ui.transcript.untranscribed_note import SKIP_SHORTCUT
from podplayer.ui.transcript.view import TranscriptView
from podplayer.ui.window.actions import WindowActions
from podplayer.ui.window.episode_jobs import EpisodeJobs
from podplayer.ui.window.open_files import WindowFiles


class MenuHost(Protocol):
    """What the menu table calls: the window's parts and intents."""

    @property
    def settings(self) -> Settings: ...
    @property
    def session(self) -> EpisodeSession: ...
    @property
    def controller(self) -> PlaybackController: ...
    @property
    def intents(self) -> PlaybackIntents: ...
    @property
    def episode_jobs(self) -> EpisodeJobs: ...
    @property
    def files(self) -> WindowFiles: ...
    @property
    def transcript_view(self) -> TranscriptView: ...
    @property
    def library_list(self) -> QWidget: ...
    @property
    def left_pane(self) -> QWidget: ...
    @property
    def podcasts_view(self) -> PodcastsView: ...
    @property
    def right_panel_container(self) -> QWidget: ...

    def menuBar(self) -> QMenuBar: ...  # noqa: N802 - Qt's name
    def addAction(self, action: QAction) -> None: ...  # noqa: N802 - Qt's name
    def close(self) -> bool: ...
    def open_export(self) -> object: ...
    def copy_selection(self) -> None: ...
    def show_preferences(self) -> None: ...
    def transcribe(self) -> None: ...
    def transcribe_file(self) -> None: ...
    def find_speakers(self) -> None: ...
    def check_sync(self) -> None: ...
    def show_shortcuts(self) -> None: ...
    def show_about(self) -> None: ...
    def show_podcasts(self) -> None: ...

MENU_KEYS = [("file", "&File"), ("edit", "&Edit"), ("view", "&View"), ("playback", "&Playback"),
             ("annotate", "&Annotate"), ("help", "&Help")]

Slot = Callable[..., object]
DEFAULT_POINT_SIZE = 11.0


@dataclass(frozen=True)
class ActionSpec:
    menu: str
    text: str
    slot: Callable[[MenuHost], Slot]  # looked up on the window when the menus are built
    shortcuts: tuple[str, ...] = ()
    checkable: bool = False
    name: str = ""
    field: str = ""  # the WindowActions field that keeps it
    checked: Callable[[MenuHost], bool] | None = None  # initial state of a checkable action


@dataclass(frozen=True)
class Separator:
    menu: str


@dataclass(frozen=True)
class Submenu:
    menu: str
    title: str
    field: str


def _on(_window: MenuHost) -> bool:
    return True


ACTIONS: list[ActionSpec | Separator | Submenu] = [
    ActionSpec("file", "&Open…", lambda w: w.files.open_dialog, ("Ctrl+O",), field="open"),
    ActionSpec("file", "&Import audio and transcript…", lambda w: w.files.open_dialog, ("Ctrl+I",),
               field="import_files"),
    ActionSpec("file", "&Transcribe an audio file…", lambda w: w.transcribe_file, name="transcribe_file"),
    Submenu("file", "Open &recent", "recent_menu"),
    Separator("file"),
    ActionSpec("file", "Add p&odcast…", lambda w: w.podcasts_view.add_podcast, ("Ctrl+Shift+A",)),
    ActionSpec("file", "&Refresh podcasts", lambda w: w.podcasts_view.refresh, ("F5",)),
    ActionSpec("file", "Import OP&ML…", lambda w: w.podcasts_view.import_opml_dialog),
    ActionSpec("file", "Export OPM&L…", lambda w: w.podcasts_view.export_opml_dialog),
    Separator("file"),
    ActionSpec("file", "&Export…", lambda w: w.open_export, ("Ctrl+E",), name="export",
               field="export"),
    ActionSpec("file", "&Close episode", lambda w: w.session.close, ("Ctrl+W",), field="close_episode"),
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
    ActionSpec("view", "&Follow playback", lambda w: w.intents.set_follow, ("Ctrl+J",), checkable=True,
               field="follow", checked=_on),
    ActionSpec("view", "Show &library", lambda w: w.left_pane.setVisible, ("Ctrl+Shift+L",), checkable=True,
               field="show_library", checked=_on),
    ActionSpec("view", "P&odcasts", lambda w: w.show_podcasts, ("Ctrl+Shift+D",)),
    ActionSpec("view", "Show side &panel", lambda w: w.right_panel_container.setVisible, ("Ctrl+Shift+P",),
               checkable=True, field="show_panel", checked=_on),

    ActionSpec("playback", "&Play / pause", lambda w: w.intents.toggle_play, ("Space",), name="play_pause",
               field="play"),
    ActionSpec("playback", "Skip &back", lambda w: w.controller.skip_back, ("Ctrl+Left",)),
    ActionSpec("playback", "Skip &forward", lambda w: w.controller.skip_forward, ("Ctrl+Right",)),
    ActionSpec("playback", "&Replay last 5 seconds", lambda w: w.controller.replay_last, ("R",)),
    ActionSpec("playback", "Previous turn", lambda w: w.intents.previous_turn, ("Alt+Up",)),
    ActionSpec("playback", "Next turn", lambda w: w.intents.next_turn, ("Alt+Down",)),
    ActionSpec("playback", "Skip a&d", lambda w: w.controller.skip_untranscribed, (SKIP_SHORTCUT,), name="skip_ad",
               field="skip_ad"),
    Separator("playback"),
    ActionSpec("playback", "&Slower", lambda w: w.controller.slower, ("[",)),
    ActionSpec("playback", "F&aster", lambda w: w.controller.faster, ("]",)),
    ActionSpec("playback", "&Normal speed", lambda w: lambda: w.controller.set_rate(1.0), ("\\",)),
    Separator("playback"),
    ActionSpec("playback", "&Loop current turn", lambda w: w.intents.set_loop_turn, ("Ctrl+T",), checkable=True,
               field="loop_turn"),
    ActionSpec("playback", "Loop &selection or highlight", lambda w: w.intents.set_loop_selection, ("Ctrl+Shift+T",),
               checkable=True, field="loop_selection"),
    ActionSpec("playback", "&Auto-rewind on resume", lambda w: w.intents.set_auto_rewind, checkable=True,
               field="auto_rewind", checked=lambda w: w.settings.auto_rewind_s > 0),
    Separator("playback"),
    ActionSpec("playback", "S&ync to audio…", lambda w: w.episode_jobs.sync_to_audio, ("Ctrl+Shift+S",), field="sync"),
    ActionSpec("playback", "&Transcribe…", lambda w: w.transcribe, name="transcribe", field="transcribe"),
    ActionSpec("playback", "Find s&peakers", lambda w: w.find_speakers, name="find_speakers", field="find_speakers"),
    ActionSpec("playback", "Check s&ync with audio", lambda w: w.check_sync),

    ActionSpec("help", "&Keyboard shortcuts", lambda w: w.show_shortcuts, ("F1", "Ctrl+/")),
    ActionSpec("help", "&About podplayer", lambda w: w.show_about),
]


def build_menus(window: MenuHost, parent: QWidget) -> WindowActions:
    """Add the menus and actions of ``ACTIONS`` to ``window`` (``parent`` owns them: the window itself)."""
    registry = ActionRegistry(parent, window.menuBar(), MENU_KEYS)
    actions: dict[str, QAction] = {}
    submenus: dict[str, QMenu] = {}
    for entry in ACTIONS:
        menu = registry.menus[entry.menu]
        if isinstance(entry, Separator):
            menu.addSeparator()
        elif isinstance(entry, Submenu):
            submenus[entry.field] = menu.addMenu(entry.title)
        else:
            slot = entry.slot(window)
            checked = entry.checked(window) if entry.checked is not None else False
            action = registry.add(
                entry.menu, entry.text, None if entry.checkable else slot, entry.shortcuts, name=entry.name,
                toggled=slot if entry.checkable else None, checked=checked,
            )
            if entry.field:
                actions[entry.field] = action
    # Ctrl+Space plays/pauses from anywhere, including while a text field has focus.
    play_anywhere = QShortcut(QKeySequence("Ctrl+Space"), parent)
    play_anywhere.setContext(Qt.ShortcutContext.ApplicationShortcut)
    play_anywhere.activated.connect(window.intents.toggle_play)
    return WindowActions(
        registry=registry,
        menus=registry.menus,
        open=actions["open"],
        import_files=actions["import_files"],
        export=actions["export"],
        close_episode=actions["close_episode"],
        recent_menu=submenus["recent_menu"],
        follow=actions["follow"],
        show_library=actions["show_library"],
        show_panel=actions["show_panel"],
        play=actions["play"],
        skip_ad=actions["skip_ad"],
        loop_turn=actions["loop_turn"],
        loop_selection=actions["loop_selection"],
        auto_rewind=actions["auto_rewind"],
        sync=actions["sync"],
        transcribe=actions["transcribe"],
        find_speakers=actions["find_speakers"],
        play_anywhere=play_anywhere,
    )
