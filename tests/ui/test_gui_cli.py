"""GUI commands from the command line: screenshot, and the no-display message."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
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


def test_screenshot_of_the_demo(db_path: Path, tmp_path: Path) -> None:
    """What `make screenshot` runs: EPISODE may be `demo`, added on the library's first start."""
    out = tmp_path / "demo.png"
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    result = run_cli(["--db", str(db_path), "screenshot", "demo", "-o", str(out), "--at", "40", "--size", "800x600"], env)
    assert result.returncode == 0, result.stderr
    assert (QImage(str(out)).width(), QImage(str(out)).height()) == (800, 600)


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


# Runs a GUI command in a fresh offscreen interpreter, inspects the window once it is ready, then quits.
# (In-process, quitting the application's event loop would disturb the tests that follow.)
INSPECT_SCRIPT = """
import json, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from podplayer.cli import main
from podplayer.ui.app import create_app
from podplayer.ui.window.main_window import MainWindow

create_app()  # timers need the application's event dispatcher
seen = {}

def inspect():
    windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
    w = windows[0] if windows else None
    ready = w is not None and w.session.episode is not None
    if ready:
        seen.setdefault("first_timing", w.session.episode.transcript.timing.value)
    if ready and WAIT_FOR_PLAYING:
        ready = w.controller.is_playing and w.controller.position > 2500
    if ready and WAIT_FOR_SYNC:
        ready = w.session.episode.transcript.timing.value == "word"
    if ready:
        seen["title"] = w.session.episode.title
        seen["rows"] = w.transcript_view.model().rowCount()
        seen["turn"] = w.transcript_view.transcript_model.current_turn
        seen["playing"] = w.controller.is_playing
        seen["timing"] = w.session.episode.transcript.timing.value
        w.close()
        QApplication.quit()
    else:
        QTimer.singleShot(100, inspect)

QTimer.singleShot(100, inspect)
QTimer.singleShot(QUIT_AFTER_MS, QApplication.quit)
code = main(sys.argv[1:])
print(json.dumps({"code": code, **seen}))
"""


def run_gui_command(args: list[str], wait_for_playing: bool, wait_for_sync: bool = False) -> dict[str, object]:
    import json

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    quit_after_ms = 150_000 if wait_for_sync else 30_000
    script = (f"WAIT_FOR_PLAYING = {wait_for_playing!r}\nWAIT_FOR_SYNC = {wait_for_sync!r}\n"
              f"QUIT_AFTER_MS = {quit_after_ms}\n" + INSPECT_SCRIPT)
    result = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, env=env,
                            timeout=quit_after_ms / 1000 + 60)
    assert result.returncode == 0, result.stderr[-2000:]
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


def test_demo_command_opens_the_demo_playing(db_path: Path) -> None:
    """`podplayer demo` (what `make run` does) opens the demo episode and plays it."""
    seen = run_gui_command(["--db", str(db_path), "demo"], wait_for_playing=True)
    assert seen["code"] == 0
    assert seen["title"] == "100 Days of Data — Episode 67"
    assert seen["rows"] == 32
    assert seen["playing"] is True and seen["turn"] is not None


@pytest.mark.slow
def test_the_demo_opens_with_an_estimate_and_syncs_by_itself(db_path: Path) -> None:
    """`podplayer demo` with the default preferences: the estimate first, word timing without a click."""
    seen = run_gui_command(["--db", str(db_path), "demo"], wait_for_playing=False, wait_for_sync=True)
    assert seen["code"] == 0
    assert seen["first_timing"] == "estimated"
    assert seen["timing"] == "word"


def test_open_command_imports_once_and_opens(db_path: Path, tmp_path: Path, tone_audio: Path) -> None:
    """`podplayer open AUDIO` finds the sidecar transcript, imports it once and shows it."""
    import shutil

    audio = tmp_path / "talk.mp3"
    shutil.copy(tone_audio, audio)
    (tmp_path / "talk.srt").write_text(
        "1\n00:00:00,500 --> 00:00:02,000\nHello there\n\n2\n00:00:02,500 --> 00:00:04,000\nGoodbye now\n",
        encoding="utf-8",
    )
    for _ in range(2):
        seen = run_gui_command(["--db", str(db_path), "open", str(audio)], wait_for_playing=False)
        assert seen["code"] == 0 and seen["rows"] == 2 and seen["title"] == "talk"
    lib = Library(db_path)
    assert [e.title for e in lib.episodes()] == ["talk"]
    lib.close()
