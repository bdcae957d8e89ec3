"""What the screenshot scripts share: a throw-away home for the app, waiting for the window, saving.

Import it before anything from podplayer: the library, settings and caches go to a temporary folder
(never the user's own), and Qt renders offscreen unless told otherwise.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMainWindow

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
TMP = Path(tempfile.mkdtemp(prefix="podplayer-shot-"))
for var in ("XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME"):
    os.environ[var] = str(TMP / var.lower())
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def settle(window: QMainWindow, done: Callable[[], bool] | None = None, rounds: int = 400) -> None:
    """Process events until ``done()`` holds (or ``rounds`` passes of at most 50 ms), letting the
    window's background jobs finish."""
    app = QApplication.instance()
    jobs = getattr(window, "jobs", None)
    for _ in range(rounds):
        if app is not None:
            app.processEvents()
        if done is not None and done():
            return
        if jobs is not None:
            jobs.wait(50)


def save(window: QMainWindow, name: str) -> Path:
    """The window as it looks now, in ``resources/<name>``."""
    out = REPO / "resources" / name
    window.grab().save(str(out))
    print(out)
    return out
