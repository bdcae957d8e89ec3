"""Starting the GUI: the QApplication and the main window (the display check is core/display.py).

The CLI's GUI commands (podplayer/cli/gui_commands.py) call into here; ``main`` is the
``podplayer-gui`` entry point (same commands as ``podplayer``).
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

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
