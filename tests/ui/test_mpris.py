"""MPRIS2 against a private D-Bus session bus: the real app (its own process, offscreen, playing real
audio) is driven by real D-Bus clients, playerctl and gdbus, exactly as media keys and the desktop's
media controls would drive it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from podplayer.store.repository import Library
from tests.helpers_bus import wait_for

VTT = ("WEBVTT\n\n00:00:00.500 --> 00:00:03.500\n<v Ann>Hello there friends\n\n"
       "00:00:04.000 --> 00:00:07.500\n<v Ben>Welcome to the show\n")  # fmt: skip


@pytest.fixture
def episode_files(tmp_path: Path, tone_audio: Path) -> tuple[Path, Path]:
    audio = tmp_path / "Garden Talk.mp3"
    audio.write_bytes(tone_audio.read_bytes())
    transcript = audio.with_suffix(".vtt")
    transcript.write_text(VTT, encoding="utf-8")
    return audio, transcript


def test_playerctl_plays_pauses_seeks_and_reads_the_episode(
    session_bus: str, episode_files: tuple[Path, Path], tmp_path: Path, db_path: Path
) -> None:
    audio, transcript = episode_files
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "DBUS_SESSION_BUS_ADDRESS": session_bus,
           "XDG_CONFIG_HOME": str(tmp_path / "config")}  # fmt: skip
    app = subprocess.Popen([sys.executable, "-m", "podplayer", "--db", str(db_path), "open", str(audio), str(transcript)],
                           env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip

    def ctl(*args: str) -> str:
        result = subprocess.run(["playerctl", "--player=podplayer", *args], env=env, capture_output=True,
                                text=True, timeout=30, check=False)  # fmt: skip
        return result.stdout.strip() if result.returncode == 0 else f"<exit {result.returncode}: {result.stderr.strip()}>"

    def position() -> float:
        return float(ctl("position"))

    monitor: subprocess.Popen[str] | None = None
    try:
        wait_for(lambda: ctl("metadata", "xesam:title") == "Garden Talk", "the episode's title on the bus")
        # The signals desktops follow (PropertiesChanged, Seeked), as GLib's own monitor sees them.
        signals = tmp_path / "signals.txt"
        monitor = subprocess.Popen(
            ["gdbus", "monitor", "--session", "--dest", "org.mpris.MediaPlayer2.podplayer",
             "--object-path", "/org/mpris/MediaPlayer2"],
            env=env, stdout=signals.open("w", encoding="utf-8"), stderr=subprocess.DEVNULL, text=True,
        )  # fmt: skip
        wait_for(lambda: "Monitoring signals" in signals.read_text(encoding="utf-8"), "the monitor to start")
        listed = subprocess.run(["playerctl", "--list-all"], env=env, capture_output=True, text=True, check=True)
        assert listed.stdout.split() == ["podplayer"]
        assert ctl("status") == "Paused"
        assert ctl("metadata", "xesam:artist") == "Ann, Ben"  # no podcast name in a WebVTT: the speakers
        assert abs(int(ctl("metadata", "mpris:length")) - 8_000_000) < 200_000
        assert ctl("metadata", "mpris:trackid") == "'/org/podplayer/episode/1'"  # an object path

        ctl("play")
        wait_for(lambda: ctl("status") == "Playing", "Playing")
        wait_for(lambda: position() > 1.0, "the playhead to move")
        ctl("pause")
        wait_for(lambda: ctl("status") == "Paused", "Paused")
        paused_at = position()
        assert position() == pytest.approx(paused_at, abs=0.05)  # it really stopped

        ctl("position", "5")  # SetPosition on the current track
        wait_for(lambda: abs(position() - 5.0) < 0.2, "the seek to 5 s")

        def seen(text: str) -> bool:
            return text in signals.read_text(encoding="utf-8")

        wait_for(lambda: seen("Player.Seeked (int64 5000000,)"), "the Seeked signal at 5 s")
        for status in ("Playing", "Paused"):
            assert seen(f"{{'PlaybackStatus': <'{status}'>}}, @as [])"), signals.read_text(encoding="utf-8")
        ctl("position", "2-")  # Seek, relative
        wait_for(lambda: abs(position() - 3.0) < 0.2, "the relative seek back to 3 s")
        ctl("play-pause")
        wait_for(lambda: ctl("status") == "Playing", "Playing again")
        ctl("play-pause")
        wait_for(lambda: ctl("status") == "Paused", "Paused again")

        # The typed properties, read by GLib's own client.
        def get(prop: str) -> str:
            return subprocess.run(
                ["gdbus", "call", "--session", "--dest", "org.mpris.MediaPlayer2.podplayer",
                 "--object-path", "/org/mpris/MediaPlayer2", "--method", "org.freedesktop.DBus.Properties.Get",
                 "org.mpris.MediaPlayer2.Player", prop],
                env=env, capture_output=True, text=True, check=True, timeout=30,
            ).stdout.strip()  # fmt: skip

        assert get("Position").startswith("(<int64 ")
        assert get("Rate") == "(<1.0>,)"
        assert get("CanSeek") == "(<true>,)" and get("CanGoNext") == "(<false>,)"
        last = position()

        # Quit over D-Bus closes the window the normal way: the listening position is saved.
        subprocess.run(
            ["gdbus", "call", "--session", "--dest", "org.mpris.MediaPlayer2.podplayer", "--object-path",
             "/org/mpris/MediaPlayer2", "--method", "org.mpris.MediaPlayer2.Quit"],
            env=env, capture_output=True, check=True, timeout=30,
        )  # fmt: skip
        assert app.wait(timeout=30) == 0
    finally:
        if monitor is not None:
            monitor.terminate()
            monitor.wait(timeout=10)
        if app.poll() is None:
            app.kill()
            app.wait()
    with Library(db_path) as library:
        [episode] = library.episodes()
        assert abs(episode.position_ms - last * 1000) < 300


# Opens the window like `podplayer open`, reports whether media controls were published, then quits.
INSPECT = """
import json, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from podplayer.cli import main
from podplayer.ui.app import create_app
from podplayer.ui.player.mpris import MprisService
from podplayer.ui.window.main_window import MainWindow

create_app()
seen = {}

def inspect():
    windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
    if windows and windows[0].session.episode is not None:
        seen["title"] = windows[0].session.episode.title
        seen["published"] = bool(windows[0].findChildren(MprisService))
        windows[0].close()
    else:
        QTimer.singleShot(50, inspect)

QTimer.singleShot(50, inspect)
QTimer.singleShot(60000, QApplication.quit)
print(json.dumps({"code": main(sys.argv[1:]), **seen}))
"""


@pytest.mark.parametrize("bus", ["none", "dead", "private"])
def test_the_app_runs_the_same_without_a_session_bus(
    bus: str, episode_files: tuple[Path, Path], tmp_path: Path, db_path: Path, request: pytest.FixtureRequest
) -> None:
    audio, transcript = episode_files
    env = {k: v for k, v in os.environ.items() if k not in ("DBUS_SESSION_BUS_ADDRESS", "XDG_RUNTIME_DIR")}
    env.update(QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "config"))
    if bus == "dead":
        env["DBUS_SESSION_BUS_ADDRESS"] = f"unix:path={tmp_path / 'no-such-bus'}"
    elif bus == "private":
        env["DBUS_SESSION_BUS_ADDRESS"] = request.getfixturevalue("session_bus")
    result = subprocess.run(
        [sys.executable, "-c", INSPECT, "--db", str(db_path), "open", str(audio), str(transcript)],
        env=env, capture_output=True, text=True, timeout=90, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen == {"code": 0, "title": "Garden Talk", "published": bus == "private"}
    assert "Traceback" not in result.stderr
