"""GUI commands from the command line: screenshot, and the no-display message."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage

from podplayer.core.model import Episode
from podplayer.store.repository import Library
from tests.ui.conftest import word_timed_transcript


def run_cli(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "podplayer", *args], capture_output=True, text=True, env=env, timeout=120)


def test_screenshot_writes_png_of_requested_size(db_path: Path, tmp_path: Path, tone_audio: Path) -> None:
    lib = Library(db_path)
    episode_id = lib.add_episode(Episode("Word timed", word_timed_transcript(), str(tone_audio), duration_ms=8000))
    lib.set_position(episode_id, 1234)
    lib.close()
    out = tmp_path / "shot.png"
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    result = run_cli(["--db", str(db_path), "screenshot", "Word timed", "-o", str(out), "--at", "2.5",
                      "--size", "900x640"], env)
    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (900, 640)
    # Not a blank image: many distinct colours (text, speaker colours, waveform).
    colours = {image.pixel(x, y) for x in range(0, 900, 7) for y in range(0, 640, 7)}
    assert len(colours) > 20
    # The screenshot did not move the user's listening position.
    lib = Library(db_path)
    assert lib.episode(episode_id).position_ms == 1234
    lib.close()


def test_screenshot_bad_input_is_one_line(db_path: Path, tmp_path: Path) -> None:
    env = dict(os.environ)
    result = run_cli(["--db", str(db_path), "screenshot", "nope", "-o", str(tmp_path / "x.png")], env)
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1
    result = run_cli(["--db", str(db_path), "screenshot", "1", "-o", str(tmp_path / "x.png"), "--size", "big"], env)
    assert result.returncode == 1 and "--size" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_gui_commands_without_display_explain_and_exit_1(db_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    for args in ([], ["demo"], ["open", "/nonexistent.mp3"]):
        result = run_cli(["--db", str(db_path), *args], env)
        assert result.returncode == 1, (args, result.stderr)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1, lines
        assert "xvfb-run" in lines[0] and "QT_QPA_PLATFORM=offscreen" in lines[0]


def test_demo_command_opens_the_demo_playing(qapp, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    """`podplayer demo` (what `make run` does), run in-process until the window is playing."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from podplayer.cli import main
    from podplayer.ui.main_window import MainWindow

    seen: dict[str, object] = {}

    def inspect() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        if windows and windows[0].controller.is_playing and windows[0].controller.position > 2500:
            window = windows[0]
            seen["title"] = window.current_episode.title if window.current_episode else None
            seen["rows"] = window.transcript_view.model().rowCount()
            seen["turn"] = window.transcript_view.transcript_model.current_turn
            window.close()
            QApplication.quit()
            return
        if "deadline" not in seen:
            seen["deadline"] = True
            QTimer.singleShot(30_000, QApplication.quit)  # never hang the suite
        QTimer.singleShot(100, inspect)

    QTimer.singleShot(100, inspect)
    assert main(["--db", str(db_path), "demo"]) == 0
    assert seen.get("title") == "100 Days of Data — Episode 67"
    assert seen["rows"] == 32
    assert seen["turn"] is not None
