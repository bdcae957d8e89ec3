"""The window comes back where and how the user left it: size, position and the splitter between the
library, the transcript and the side panel, across a real restart of the app (two processes sharing
only the settings file under $XDG_CONFIG_HOME)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

# Run 1 sets the window up like a user would and closes it; run 2 only reports what it finds.
SESSION = """
import json, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from podplayer.cli import main
from podplayer.ui.app import create_app
from podplayer.ui.window.main_window import MainWindow

create_app()
seen = {}

def act():
    windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
    if not windows:
        QTimer.singleShot(50, act)
        return
    w = windows[0]
    if ARRANGE:
        w.resize(760, 520)  # inside the offscreen screen (800x600): restoring fits a window to its screen
        w.splitter.setSizes([200, 360, 200])
        QApplication.processEvents()
    seen.update(size=[w.width(), w.height()], splitter=w.splitter.sizes())
    w.close()  # what File → Quit does

QTimer.singleShot(50, act)
QTimer.singleShot(60000, QApplication.quit)
print(json.dumps({"code": main(sys.argv[1:]), **seen}))
"""


def _session(arrange: bool, tmp_path: Path, db_path: Path) -> dict[str, object]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path / "config")}
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    result = subprocess.run(
        [sys.executable, "-c", f"ARRANGE = {arrange!r}\n" + SESSION, "--db", str(db_path)],
        env=env, capture_output=True, text=True, timeout=90, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


def test_size_and_splitter_survive_a_restart(tmp_path: Path, db_path: Path) -> None:
    first = _session(True, tmp_path, db_path)
    assert first["code"] == 0 and first["size"] == [760, 520]
    settings_file = tmp_path / "config" / "podplayer" / "podplayer.conf"
    assert "geometry" in settings_file.read_text(encoding="utf-8")  # the typed QSettings wrapper's file
    second = _session(False, tmp_path, db_path)
    assert second["code"] == 0
    assert second["size"] == [760, 520]
    assert second["splitter"] == first["splitter"]
    # A fresh settings folder starts at the default size instead.
    fresh = _session(False, tmp_path / "elsewhere", db_path)
    assert fresh["size"] != [760, 520]
