"""Start-up loads what the window shows, not the heavy machinery of the jobs it may run later: the
aligner (pocketsphinx and its worker code) loads with the first alignment, sync check or
transcription, and the transcription extra with the first transcription."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

LATER = ("pocketsphinx", "podplayer.core.align.aligner", "podplayer.core.align.sync_check", "faster_whisper")


def test_the_window_and_the_command_line_start_without_the_aligner(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "import podplayer.cli\n"  # every command is registered, as `podplayer demo` does
        "from podplayer.store.repository import Library\n"
        "from podplayer.ui.app import create_app\n"
        "from podplayer.ui.settings import Settings\n"
        "from podplayer.ui.window.main_window import MainWindow\n"
        "app = create_app()\n"
        f"window = MainWindow(Library({str(tmp_path / 'library.sqlite3')!r}), Settings({str(tmp_path / 's.ini')!r}))\n"
        "window.show()\n"
        "app.processEvents()\n"
        f"print('loaded:' + ','.join(m for m in {LATER!r} if m in sys.modules))\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "loaded:", result.stdout


def test_the_aligner_loads_when_asked_for() -> None:
    code = "import sys\nfrom podplayer.core.align import align_transcript\nprint('pocketsphinx' in sys.modules)\n"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"
