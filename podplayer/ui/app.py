"""Starting the GUI: display check, the QApplication, the main window.

The CLI's GUI commands (podplayer/cli/gui_commands.py) call into here; ``main`` is the
``podplayer-gui`` entry point (same commands as ``podplayer``).
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from podplayer.core.model import PodplayerError

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

NO_DISPLAY_MESSAGE = (
    "no display available: run under a desktop session, or use `xvfb-run podplayer ...` "
    "or set QT_QPA_PLATFORM=offscreen"
)


def has_display() -> bool:
    """True if Qt can open windows here (a display server, or an explicit Qt platform)."""
    if not sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return True
    return any(os.environ.get(k) for k in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))


def require_display() -> None:
    """Raise a one-line PodplayerError before any QApplication exists if no display is available."""
    if not has_display():
        raise PodplayerError(NO_DISPLAY_MESSAGE)


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


def main() -> int:
    """``podplayer-gui``: the same command line as ``podplayer``, without a console."""
    from podplayer.cli import main as cli_main

    return cli_main(sys.argv[1:])
