"""``podplayer open podplayer://…``, the part that needs no library: hand the link to the running app.

Kept apart from gui_commands (which loads the library's stack) so that a clicked link reaches a
running podplayer at once; only when none runs does `open` go on to check the link against the
library and start the window there (gui_commands.run_open_link).
"""

from __future__ import annotations

from podplayer.core import app_bus
from podplayer.core.links import is_link, parse_link


def link_argument(words: list[str]) -> str | None:
    """The link in ``open URL`` (exactly that), else None."""
    return words[1] if len(words) == 2 and words[0] == "open" and is_link(words[1]) else None


def hand_to_running_app(url: str) -> bool:
    """Give a link to the running podplayer (True), or False when none runs; PodplayerError when wrong."""
    parse_link(url)  # a malformed link is refused here, whoever would have opened it
    try:
        app_bus.open_link(url)
    except app_bus.NotRunningError:
        return False
    return True
