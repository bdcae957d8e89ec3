"""Whether a window can be shown here, asked before anything imports Qt.

The command line checks it before a GUI command starts, so a missing display is one clear line rather
than Qt aborting the process.
"""

from __future__ import annotations

import os
import sys

from podplayer.core.model import PodplayerError

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
    """Raise a one-line PodplayerError if no display is available."""
    if not has_display():
        raise PodplayerError(NO_DISPLAY_MESSAGE)
