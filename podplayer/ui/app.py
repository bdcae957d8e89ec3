"""Starting the GUI: the QApplication, the main window, a screenshot (the display check is core/display.py).

This module is the one door from the command line into the GUI: podplayer/cli/gui_commands.py
imports it inside its functions (so commands without a window never load Qt) and nothing else of
``ui``; ``ui`` never imports ``cli`` (tests/test_layering.py checks both). Qt is imported inside the
functions here for the same reason.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from podplayer.store.repository import Library

if TYPE_CHECKING:
    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QApplication

    from podplayer.core.export.card import CardRenderer
    from podplayer.ui.desktop.app_service import AppService
    from podplayer.ui.desktop.global_shortcut import GlobalShortcut
    from podplayer.ui.window.link_opener import LinkOpener
    from podplayer.ui.window.main_window import MainWindow


def create_app(argv: list[str] | None = None) -> QApplication:
    """The one QApplication (created on first call), styled and named."""
    from PySide6.QtWidgets import QApplication

    from podplayer.ui import theme
    from podplayer.ui.icons import app_icon

    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        app = QApplication(argv if argv is not None else [sys.argv[0]])
        theme.apply(app)
    app.setApplicationName("podplayer")
    app.setOrganizationName("podplayer")
    app.setApplicationDisplayName("podplayer")
    app.setDesktopFileName("podplayer")
    app.setWindowIcon(app_icon())
    return app


def open_library_for_window(opener: Callable[[], Library]) -> tuple[Library, Path | None]:
    """The library for a window: an unusable file is explained in a dialog and may be moved aside.

    Returns the library and where the unusable file was moved (None when nothing was moved).
    """
    from podplayer.ui.window.library_recovery import open_library_with_recovery

    create_app()
    return open_library_with_recovery(opener)


def _raiser(window: MainWindow) -> Callable[[], None]:
    def raise_window() -> None:
        window.showNormal()
        window.raise_()
        window.activateWindow()

    return raise_window


def publish_media_controls(window: MainWindow) -> None:
    """Media keys, the desktop's media controls and playerctl (MPRIS2), when a session bus exists."""
    from podplayer.ui.player import mpris

    def quit_window() -> None:
        window.close()

    service = mpris.publish(window.controller, _raiser(window), quit_window, parent=window)
    if service is not None:
        session = window.session
        session.episodeOpened.connect(lambda _id: service.set_episode(session.episode))
        session.episodeReloaded.connect(lambda _id, _audio: service.set_episode(session.episode))
        session.episodeClosed.connect(lambda: service.set_episode(None))


def link_opener(window: MainWindow) -> LinkOpener:
    """What opens ``podplayer://`` links in ``window`` (a clicked link, ``podplayer open URL``)."""
    from podplayer.ui.window.link_opener import LinkOpener

    return LinkOpener(window.library, window.session, window.controller, window.podcasts_view.download_and_play,
                      _raiser(window), window)  # fmt: skip


def marker(window: MainWindow) -> Callable[[float, list[str], str], int]:
    """What ``Mark`` does, from any door (the app's D-Bus interface, the global shortcut): highlight the
    last ``seconds`` (0: the preference) with ``tags`` and ``note``, confirm it, return its id."""
    from podplayer.ui.desktop.mark_feedback import MarkFeedback

    feedback = MarkFeedback(window.settings, window)

    def mark(seconds: float, tags: list[str], note: str) -> int:
        highlight = window.annotations.highlighting.mark_last_seconds(seconds or window.settings.mark_seconds, tags, note)
        episode = window.session.episode
        feedback.confirm(highlight, episode.title if episode is not None else "")
        assert highlight.id is not None
        return highlight.id

    return mark


def publish_app_service(window: MainWindow, opener: LinkOpener,
                        mark: Callable[[float, list[str], str], int] | None = None) -> AppService | None:  # fmt: skip
    """The app's own D-Bus interface (``podplayer mark``, ``podplayer open URL``), when a session bus exists."""
    from podplayer.ui.desktop import app_service

    def open_link(url: str) -> None:
        opener.open(url)

    return app_service.publish(mark or marker(window), open_link, parent=window)


def register_global_shortcut(window: MainWindow, mark: Callable[[float, list[str], str], int]) -> GlobalShortcut | None:
    """Ctrl+Alt+M marks the last moments, where the desktop offers the GlobalShortcuts portal and the
    preference allows it; ``mark`` is the D-Bus ``Mark`` with the preferred length."""
    from podplayer.core.model import PodplayerError
    from podplayer.ui.desktop import global_shortcut

    if not window.settings.global_shortcut:
        return None

    def mark_default() -> None:
        try:
            mark(0, [], "")
        except PodplayerError as exc:
            window.statusBar().showMessage(str(exc), 5000)

    return global_shortcut.register(mark_default, parent=window)


def run_window(library: Library, episode_id: int | None, play: bool = False, link: str | None = None) -> int:
    """Show the main window (on ``episode_id``, or at a ``podplayer://`` link's moment) and run the
    application until it quits."""
    from podplayer.ui.settings import Settings
    from podplayer.ui.window.main_window import MainWindow

    app = create_app()
    window = MainWindow(library, Settings())
    app.aboutToQuit.connect(lambda: window.jobs.shutdown())
    publish_media_controls(window)
    opener = link_opener(window)
    mark = marker(window)
    publish_app_service(window, opener, mark)
    shortcut = register_global_shortcut(window, mark)
    if shortcut is not None:
        app.aboutToQuit.connect(shortcut.close)
    window.show()
    if link is not None:
        opener.open(link)
    elif episode_id is not None and window.session.open(episode_id) and play:
        window.controller.play()
    return int(app.exec())


def card_renderer() -> CardRenderer:
    """What paints quote cards (``export --format card``): Qt offscreen, with the one QApplication."""
    from podplayer.ui.share.card_painter import write_card

    create_app()
    return write_card


def render_screenshot(library: Library, episode_id: int, at_ms: int, size: tuple[int, int],
                      settings_path: Path) -> QImage:
    """Render the main window showing ``episode_id`` at ``at_ms``; returns a QImage of exactly ``size``."""
    from PySide6.QtWidgets import QApplication

    from podplayer.ui.settings import Settings
    from podplayer.ui.window.main_window import MainWindow

    create_app()
    settings = Settings(settings_path)
    settings.sync_untimed_automatically = False  # a screenshot shows the episode as stored, writes no timing
    window = MainWindow(library, settings)
    window.controller.persist_position = False  # a screenshot never moves the user's listening position
    window.resize(*size)
    window.show()
    window.session.open(episode_id)
    window.controller.seek(at_ms)
    QApplication.processEvents()
    window.jobs.wait(60000)
    for _ in range(5):
        QApplication.processEvents()
    window.transcript_view.resume_follow()
    QApplication.processEvents()
    image = window.grab().toImage()
    if image.width() != size[0] or image.height() != size[1]:
        image = image.scaled(size[0], size[1])
    window.close()
    window.deleteLater()
    QApplication.processEvents()
    return image
