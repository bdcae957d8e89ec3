"""GUI commands: (no command) opens the library, `open` (files, or a ``podplayer://`` link), `demo` and
`screenshot`.

`open URL` hands a link to the podplayer that is running (over its D-Bus interface, core/app_bus.py),
which goes there and plays; with none running it checks the link against the library, then starts the
window there. A wrong link is one line on stderr either way.

Without a display every GUI command prints one line explaining how to run it (xvfb-run or
QT_QPA_PLATFORM=offscreen) and exits 1, before Qt is touched. `screenshot` always renders offscreen.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
from pathlib import Path
from typing import Any

from podplayer.cli.common import open_library
from podplayer.core.links import is_link
from podplayer.core.model import PodplayerError
from podplayer.store.repository import Library


def register(sub: Any) -> None:
    p = sub.add_parser(
        "open",
        help="import (if new) and open an audio file with its transcript, or go to a podplayer:// link",
        description="Open AUDIO with TRANSCRIPT (in either order); without a transcript, the one next to the audio "
        "with the same name is used. A transcript alone opens without audio; no file opens the library. "
        "A podplayer://episode/...?t=SECONDS link (from an export) plays that moment in the running podplayer, "
        "or starts podplayer there.",
    )
    p.add_argument(
        "files", nargs="*", metavar="AUDIO [TRANSCRIPT]",
        help="audio file (mp3, m4a, m4b, ogg, wav, ...) and its transcript (default: the file next to the audio "
        "with the same name)",
    )  # fmt: skip
    p.add_argument("--title", help="episode title when importing")
    p.set_defaults(func=run_open)

    p = sub.add_parser("demo", help="open the demo episode and start playing")
    p.set_defaults(func=run_demo)

    p = sub.add_parser("screenshot", help="render the main window to a PNG (offscreen)")
    p.add_argument("episode", help="episode id, title, or `demo`")
    p.add_argument("-o", "--output", required=True, metavar="FILE.png", help="where to write the PNG")
    p.add_argument("--at", type=float, default=0.0, metavar="SECONDS", help="playing position to show (default 0)")
    p.add_argument("--size", default="1400x900", metavar="WxH", help="window size in pixels (default 1400x900)")
    p.set_defaults(func=run_screenshot)


# --- helpers ----------------------------------------------------------------------------------
def demo_episode(library: Library) -> int:
    """The demo episode's id, adding it on a library's first start."""
    try:
        from podplayer.store.demo import demo_episode_id, demo_missing_reason, ensure_demo_episode
    except ImportError as exc:
        raise PodplayerError("the demo episode is not available in this installation") from exc
    episode_id = ensure_demo_episode(library)
    if episode_id is None:
        episode_id = demo_episode_id(library)
    if episode_id is None:
        raise PodplayerError(demo_missing_reason(library))
    return episode_id


def resolve_ref(library: Library, ref: str) -> int:
    return demo_episode(library) if ref.strip().lower() == "demo" else library.resolve_episode(ref)


def parse_size(text: str) -> tuple[int, int]:
    m = re.fullmatch(r"\s*(\d{2,5})\s*[xX×]\s*(\d{2,5})\s*", text)
    if not m:
        raise PodplayerError(f"--size: expected WIDTHxHEIGHT such as 1400x900, got {text!r}")
    w, h = int(m.group(1)), int(m.group(2))
    if not (320 <= w <= 8000 and 240 <= h <= 8000):
        raise PodplayerError(f"--size: {w}x{h} is outside 320x240 … 8000x8000")
    return w, h


def _open_gui_library(args: argparse.Namespace) -> Library:
    """The library for a window: an unusable file is explained in a dialog and may be moved aside."""
    from podplayer.ui.app import open_library_for_window

    library, moved = open_library_for_window(lambda: open_library(args))
    if moved is not None:
        print(f"podplayer: the unusable library was kept as {moved}; started a new one", file=sys.stderr)
    return library


def _run_window(library: Library, episode_id: int | None, play: bool = False) -> int:
    from podplayer.ui.app import run_window

    return run_window(library, episode_id, play)


# --- commands -----------------------------------------------------------------------------------
def run_library(args: argparse.Namespace) -> int:
    from podplayer.core.display import require_display

    require_display()
    with _open_gui_library(args) as library:
        try:  # a first start shows the demo episode in the library (never re-added once deleted)
            from podplayer.store.demo import ensure_demo_episode

            ensure_demo_episode(library)
        except ImportError:
            pass
        return _run_window(library, None)


def run_open(args: argparse.Namespace) -> int:
    from podplayer.core.display import require_display
    from podplayer.core.formats.media import TRANSCRIPT_SUFFIXES, find_sidecar, split_media, suffix_list
    from podplayer.usecases.import_episode import import_episode

    if args.files and is_link(args.files[0]):
        if len(args.files) > 1:
            raise PodplayerError("open takes one podplayer:// link at a time")
        return run_open_link(args, args.files[0])
    require_display()
    files = [Path(_file_uri_path(f)).expanduser() for f in args.files]
    if not files:
        return run_library(args)
    audio, transcript = split_media(files)
    if audio is None and transcript is None or len(files) > 1 and (audio is None or transcript is None):
        # Suffixes do not tell: take the files in the documented order (AUDIO TRANSCRIPT); reading
        # them says whether they are what they should be.
        audio, transcript = files[0], (files[1] if len(files) > 1 else None)
    if audio is not None and not audio.is_file():
        raise PodplayerError(f"{audio}: audio file not found")
    if transcript is None:
        assert audio is not None
        transcript = find_sidecar(audio)
        if transcript is None:
            raise PodplayerError(
                f"{audio.name}: no transcript given and none found next to it with the same name "
                f"({suffix_list(TRANSCRIPT_SUFFIXES[:7])}, ...)"
            )
    with _open_gui_library(args) as library:
        episode_id = import_episode(library, audio, transcript, title=args.title).episode_id
        return _run_window(library, episode_id)


def _file_uri_path(text: str) -> str:
    """A ``file://`` URI (what a desktop hands over for %U) as a path; anything else unchanged."""
    if text.startswith("file://"):
        from urllib.parse import unquote, urlsplit

        return unquote(urlsplit(text).path)
    return text


def run_open_link(args: argparse.Namespace, url: str) -> int:
    from podplayer.cli.link_command import hand_to_running_app
    from podplayer.core.display import require_display
    from podplayer.core.links import parse_link

    if hand_to_running_app(url):
        return 0
    link = parse_link(url)
    with open_library(args) as library:
        library.find_linked_episode(link)  # a link naming nothing here is refused before any window opens
    require_display()
    with _open_gui_library(args) as library:
        from podplayer.ui.app import run_window

        return run_window(library, None, link=url)


def run_demo(args: argparse.Namespace) -> int:
    from podplayer.core.display import require_display

    require_display()
    with _open_gui_library(args) as library:
        return _run_window(library, demo_episode(library), play=True)


def run_screenshot(args: argparse.Namespace) -> int:
    width, height = parse_size(args.size)
    output = Path(args.output).expanduser()
    if output.suffix.lower() != ".png":
        raise PodplayerError(f"{output}: the screenshot is written as PNG; use a .png file name")
    if not output.parent.is_dir():
        raise PodplayerError(f"{output.parent}: folder not found")
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    with open_library(args) as library:
        episode_id = resolve_ref(library, args.episode)
        with tempfile.TemporaryDirectory() as tmp:
            image = render_screenshot(library, episode_id, int(args.at * 1000), (width, height), Path(tmp) / "ui.ini")
        if not image.save(str(output), "PNG"):
            raise PodplayerError(f"{output}: could not write the PNG")
    print(output)
    return 0


def card_renderer() -> Any:
    """The Qt painter of quote cards (``export --format card``), offscreen; Qt loads only here."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from podplayer.ui.app import card_renderer as renderer

    return renderer()


def render_screenshot(library: Library, episode_id: int, at_ms: int, size: tuple[int, int], settings_path: Path) -> Any:
    """Render the main window showing ``episode_id`` at ``at_ms``; returns a QImage of exactly ``size``."""
    from podplayer.ui.app import render_screenshot as render

    return render(library, episode_id, at_ms, size, settings_path)
