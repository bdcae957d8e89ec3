"""Capture and links from outside the window, timed as a user meets them, with the real app.

The app runs in its own process (offscreen, on a private D-Bus session bus, playing a generated
minute of audio with a word-timed transcript). ``mark_ms``: the median wall time of ``podplayer mark``
as a keyboard shortcut runs it (a new process), which returns once the app has stored the highlight
and shown it in its panel and transcript. ``link_seek_ms``: the median time from running
``podplayer open podplayer://…?t=T`` (a clicked link) with the app paused elsewhere until the app
reports over MPRIS that it plays at T.

    python -m benchmarks.bench_desktop
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from benchmarks import DEFAULT_CACHE_DIR, log, median

ROUNDS = 5
SENTENCE = "we grow tomatoes under glass in the cold months and open the frames on sunny days"


def _clock(s: float) -> str:
    return f"00:{int(s) // 60:02d}:{int(s) % 60:02d}.{round(s * 1000) % 1000:03d}"


def _episode(folder: Path) -> tuple[Path, Path]:
    audio = folder / "Cold Frames.mp3"
    subprocess.run(["ffmpeg", "-loglevel", "error", "-y", "-f", "lavfi", "-i", "sine=frequency=300:duration=60",
                    "-ac", "1", "-ar", "22050", "-b:a", "48k", str(audio)], check=True)  # fmt: skip
    cues = []
    for n in range(15):
        start = n * 4.0
        words = " ".join(f"<{_clock(start + i * 0.25)}>{w}" if i else w for i, w in enumerate(SENTENCE.split()))
        cues.append(f"{_clock(start)} --> {_clock(start + 3.9)}\n<v Ann>{words}\n\n")
    transcript = audio.with_suffix(".vtt")
    transcript.write_text("WEBVTT\n\n" + "".join(cues), encoding="utf-8")
    return audio, transcript


@contextmanager
def _session_bus() -> Iterator[str]:
    daemon = subprocess.Popen(["dbus-daemon", "--session", "--nofork", "--print-address=1"],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)  # fmt: skip
    assert daemon.stdout is not None
    try:
        yield daemon.stdout.readline().strip()
    finally:
        daemon.terminate()
        daemon.wait(timeout=10)


class _Mpris:
    """Reads the app's MPRIS properties (jeepney, the same client `podplayer mark` uses)."""

    def __init__(self, address: str) -> None:
        from jeepney import DBusAddress
        from jeepney.io.blocking import open_dbus_connection

        self.conn = open_dbus_connection(bus=address)
        self.props = DBusAddress("/org/mpris/MediaPlayer2", bus_name="org.mpris.MediaPlayer2.podplayer",
                                 interface="org.freedesktop.DBus.Properties")  # fmt: skip

    def get(self, name: str) -> Any:
        from jeepney import new_method_call
        from jeepney.wrappers import unwrap_msg

        reply = self.conn.send_and_get_reply(
            new_method_call(self.props, "Get", "ss", ("org.mpris.MediaPlayer2.Player", name)), timeout=5
        )
        return unwrap_msg(reply)[0][1]

    def call(self, method: str, signature: str = "", args: tuple[Any, ...] = ()) -> None:
        from jeepney import DBusAddress, new_method_call

        player = DBusAddress("/org/mpris/MediaPlayer2", bus_name="org.mpris.MediaPlayer2.podplayer",
                             interface="org.mpris.MediaPlayer2.Player")  # fmt: skip
        self.conn.send_and_get_reply(new_method_call(player, method, signature, args), timeout=5)

    def ready(self) -> bool:
        try:
            return bool(self.get("CanSeek"))
        except Exception:  # noqa: BLE001 (not on the bus yet)
            return False


def _wait(condition: Any, what: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise RuntimeError(f"timed out waiting for {what}")
        time.sleep(0.002)


def run(cache_dir: Path) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="podplayer-bench-desktop-") as tmp, _session_bus() as bus:
        folder = Path(tmp)
        audio, transcript = _episode(folder)
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "DBUS_SESSION_BUS_ADDRESS": bus,
               "XDG_CONFIG_HOME": str(folder / "config"), "PODPLAYER_DB": str(folder / "library.db")}  # fmt: skip
        podplayer = [sys.executable, "-m", "podplayer"]
        app = subprocess.Popen([*podplayer, "open", str(audio), str(transcript)], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
        try:
            mpris = _Mpris(bus)
            _wait(mpris.ready, "the app's audio")
            mpris.call("Play")
            _wait(lambda: mpris.get("Position") > 12_000_000, "12 s of playing")
            marks: list[float] = []
            for _ in range(ROUNDS):
                started = time.perf_counter()
                done = subprocess.run([*podplayer, "mark", "--last", "5"], env=env, capture_output=True, text=True,
                                      check=True)  # fmt: skip
                marks.append((time.perf_counter() - started) * 1000)
                assert done.stdout.strip().isdigit(), done.stdout
            log(f"mark: {', '.join(f'{m:.0f}' for m in marks)} ms")

            note = folder / "note.md"
            subprocess.run([*podplayer, "export", "1", "--format", "md", "-o", str(note)], env=env, check=True,
                           capture_output=True)  # fmt: skip
            link = re.findall(r"\((podplayer://[^)]+)\)", note.read_text(encoding="utf-8"))[0]
            base = link.split("?t=")[0]
            seeks: list[float] = []
            for target in (41.0, 23.5, 52.2, 7.0, 33.3):
                mpris.call("Pause")
                mpris.call("SetPosition", "ox", ("/org/podplayer/episode/1", 1_000_000))
                _wait(lambda: mpris.get("PlaybackStatus") == "Paused" and mpris.get("Position") < 1_500_000,
                      "paused at 1 s")  # fmt: skip
                started = time.perf_counter()
                opener = subprocess.Popen([*podplayer, "open", f"{base}?t={target}"], env=env)

                def there(t: float = target) -> bool:
                    if mpris.get("PlaybackStatus") != "Playing":
                        return False
                    return bool(t * 1e6 - 50_000 <= mpris.get("Position") <= t * 1e6 + 500_000)

                _wait(there, f"playing at {target} s")
                seeks.append((time.perf_counter() - started) * 1000)
                opener.wait(timeout=30)
            log(f"link to playing: {', '.join(f'{s:.0f}' for s in seeks)} ms")
        finally:
            subprocess.run(["gdbus", "call", "--session", "--dest", "org.mpris.MediaPlayer2.podplayer",
                            "--object-path", "/org/mpris/MediaPlayer2", "--method", "org.mpris.MediaPlayer2.Quit"],
                           env=env, capture_output=True, check=False, timeout=30)  # fmt: skip
            try:
                app.wait(timeout=30)
            except subprocess.TimeoutExpired:
                app.kill()
                app.wait()
    return {"mark_ms": median(marks), "link_seek_ms": median(seeks)}


if __name__ == "__main__":
    for name, value in run(DEFAULT_CACHE_DIR).items():
        print(f"{name}: {value:.1f}")
