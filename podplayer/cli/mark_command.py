"""``podplayer mark``: highlight the last seconds of what the running podplayer plays (for a desktop
shortcut or a headset button); prints the new highlight's id. The app does the work (core/app_bus.py)."""

from __future__ import annotations

import argparse
from typing import Any

from podplayer.core import app_bus
from podplayer.core.model import PodplayerError

MAX_LAST_S = 600.0


def register(sub: Any) -> None:
    p = sub.add_parser(
        "mark",
        help="highlight the last seconds of what podplayer is playing (bind it to a key); prints the id",
        description="Ask the running podplayer to highlight the whole words of the last SEC seconds of what it "
        "plays (default: Preferences, 30 s), with tags and a note. It confirms with a notification. "
        "Exits 1 with 'podplayer is not running' when no podplayer runs.",
    )
    p.add_argument("--last", type=float, metavar="SEC", help="seconds back from now (default: the preference, 30)")
    p.add_argument("--tag", action="append", default=[], metavar="T", help="tag for the highlight (repeatable)")
    p.add_argument("--note", default="", metavar="TEXT", help="note for the highlight")
    p.set_defaults(func=run_mark)


def run_mark(args: argparse.Namespace) -> int:
    last = args.last
    if last is not None and not 0 < last <= MAX_LAST_S:
        raise PodplayerError(f"--last must be more than 0 and at most {MAX_LAST_S:g} seconds")
    print(app_bus.mark(last or 0.0, list(args.tag), args.note))
    return 0
