"""Capture and links from outside the window, with the real parts: the app in its own process
(offscreen, playing real audio) on a private session bus, `podplayer mark` and `podplayer open URL`
as a shortcut or a click would run them, `gio open` of a link after `install-desktop` into a
temporary XDG_DATA_HOME, and playerctl reading where playback is."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from podplayer.store.repository import Library
from tests.helpers_bus import wait_for

CUES = [
    (0.5, 3.5, "Ann", "Hello there friends and welcome"),
    (4.0, 7.5, "Ben", "Today we plant tomatoes in cold frames"),
    (8.0, 11.5, "Ann", "Keep the glass open on sunny days"),
]


def _clock(s: float) -> str:
    return f"00:00:{int(s):02d}.{round(s * 1000) % 1000:03d}"


def _vtt() -> str:
    """Word-timed cues (an inline timestamp before each word, half a second apart)."""
    cues = []
    for a, b, who, text in CUES:
        words = " ".join(f"<{_clock(a + i * 0.5)}>{w}" if i else w for i, w in enumerate(text.split()))
        cues.append(f"{_clock(a)} --> {_clock(b)}\n<v {who}>{words}\n\n")
    return "WEBVTT\n\n" + "".join(cues)


@pytest.fixture
def talk(tmp_path: Path) -> tuple[Path, Path]:
    audio = tmp_path / "Cold Frames.mp3"
    subprocess.run(
        ["ffmpeg", "-loglevel", "error", "-y", "-f", "lavfi", "-i", "sine=frequency=300:duration=12",
         "-ac", "1", "-ar", "22050", "-b:a", "48k", str(audio)],
        check=True,
    )  # fmt: skip
    transcript = audio.with_suffix(".vtt")
    transcript.write_text(_vtt(), encoding="utf-8")
    return audio, transcript


class Desktop:
    """The user's session: environment, the podplayer command, playerctl."""

    def __init__(self, bus: str, tmp_path: Path, db_path: Path) -> None:
        self.data_home = tmp_path / "data"
        self.env = {
            **os.environ, "QT_QPA_PLATFORM": "offscreen", "DBUS_SESSION_BUS_ADDRESS": bus,
            "XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_DATA_HOME": str(self.data_home),
            "PODPLAYER_DB": str(db_path),
        }  # fmt: skip

    def cli(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "podplayer", *args], env=self.env, capture_output=True,
                              text=True, timeout=60, check=False)  # fmt: skip

    def ctl(self, *args: str) -> str:
        result = subprocess.run(["playerctl", "--player=podplayer", *args], env=self.env, capture_output=True,
                                text=True, timeout=30, check=False)  # fmt: skip
        return result.stdout.strip() if result.returncode == 0 else f"<exit {result.returncode}>"

    def position(self) -> float:
        text = self.ctl("position")
        return float(text) if not text.startswith("<") else -1.0

    def playing_near(self, seconds: float) -> bool:
        return self.ctl("status") == "Playing" and seconds - 0.05 <= self.position() <= seconds + 1.5

    def quit_app(self) -> None:
        subprocess.run(["gdbus", "call", "--session", "--dest", "org.mpris.MediaPlayer2.podplayer", "--object-path",
                        "/org/mpris/MediaPlayer2", "--method", "org.mpris.MediaPlayer2.Quit"],
                       env=self.env, capture_output=True, check=False, timeout=30)  # fmt: skip
        wait_for(lambda: self.ctl("status").startswith("<exit"), "podplayer to leave the bus")


def test_mark_from_outside_then_open_its_link_with_gio(
    session_bus: str, talk: tuple[Path, Path], tmp_path: Path, db_path: Path
) -> None:
    desk = Desktop(session_bus, tmp_path, db_path)
    audio, transcript = talk
    installed = desk.cli("install-desktop")
    assert installed.returncode == 0, installed.stderr

    not_running = desk.cli("mark")
    assert (not_running.returncode, not_running.stderr) == (1, "podplayer: podplayer is not running\n")

    app = subprocess.Popen([sys.executable, "-m", "podplayer", "open", str(audio), str(transcript)], env=desk.env,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip
    try:
        wait_for(lambda: desk.ctl("metadata", "xesam:title") == "Cold Frames", "the episode on the bus")
        wait_for(lambda: desk.ctl("metadata", "mpris:length") not in ("", "<exit 1>"), "the audio to load")
        desk.ctl("position", "7.2")
        wait_for(lambda: abs(desk.position() - 7.2) < 0.2, "the seek to 7.2 s")

        # A keyboard shortcut runs `podplayer mark`: the last 3.4 s (from 3.8 s) as whole words, tagged,
        # with a note. Ann's "welcome" started at 2.5 s and is left out; Ben's words from 4.0 s are in.
        marked = desk.cli("mark", "--last", "3.4", "--tag", "garden", "--tag", "to try", "--note", "cold frames!")
        assert marked.returncode == 0, marked.stderr
        highlight_id = int(marked.stdout.strip())
        with Library(db_path) as library:
            highlight = library.highlight(highlight_id)
        assert highlight.quote == "Today we plant tomatoes in cold frames"
        assert (highlight.tags, highlight.note) == (["garden", "to try"], "cold frames!")

        refused = desk.cli("mark", "--last", "0")
        assert refused.returncode == 1 and refused.stderr.startswith("podplayer: --last must be")

        # The Obsidian note's time is a podplayer:// link to the highlight.
        note = tmp_path / "note.md"
        exported = desk.cli("export", "1", "--highlight", str(highlight_id), "--format", "md", "-o", str(note))
        assert exported.returncode == 0, exported.stderr
        match = re.search(r"\[0:04\]\((podplayer://episode/audio:[0-9a-f]{40}-\d+\?t=4\.0)\)", note.read_text())
        assert match is not None, note.read_text()
        link = match.group(1)

        desk.ctl("pause")
        desk.ctl("position", "0")
        wait_for(lambda: desk.ctl("status") == "Paused" and desk.position() < 0.3, "paused at the start")
        # A click on the link: the desktop hands it to the installed entry, which tells the running app.
        subprocess.run(["gio", "open", link], env=desk.env, check=True, timeout=30, capture_output=True)
        wait_for(lambda: desk.playing_near(4.0), "playing from 4.0 s")

        # Wrong links are refused by the running app in one line each, and playback goes on.
        sha_size = link.split("audio:")[1].split("?")[0]
        for bad, says in [
            ("podplayer://episode/audio:" + "0" * 40 + "-5?t=1", "is not in this library"),
            (link.replace("t=4.0", "t=99.0"), "past the end of 'Cold Frames' (0:12)"),
            ("podplayer://episode/" + sha_size + "?t=1", "malformed podplayer link"),
        ]:
            result = desk.cli("open", bad)
            assert result.returncode == 1 and says in result.stderr, result.stderr
            assert len(result.stderr.splitlines()) == 1
        assert desk.ctl("status") == "Playing"
        desk.quit_app()
        assert app.wait(timeout=30) == 0
    finally:
        if app.poll() is None:
            app.kill()
            app.wait()

    # No podplayer running: the click starts it at the moment, playing.
    try:
        # (The app gio starts outlives gio: it must not hold gio's output pipes.)
        subprocess.run(["gio", "open", link.replace("t=4.0", "t=8.5")], env=desk.env, check=True, timeout=30,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
        wait_for(lambda: desk.playing_near(8.5), "a new podplayer playing from 8.5 s", timeout=60)
    finally:
        desk.quit_app()
    # And from a terminal, a wrong link with no app running is one line, before any window.
    result = desk.cli("open", link.replace("t=4.0", "t=99.0"))
    assert (result.returncode, result.stderr.count("\n")) == (1, 1) and "past the end" in result.stderr
