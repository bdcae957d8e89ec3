"""How a moment in an episode is shown to people: ``M:SS``, or ``H:MM:SS`` past the first hour.

The one clock format of the app, the command line and the exports. Subtitle files spell their cue
times differently (``00:01:02,345``); that is :func:`podplayer.core.formats.timecode.format_subtitle_time`.
"""

from __future__ import annotations


def format_clock(ms: int | None, *, always_hours: bool = False, unknown: str = "") -> str:
    """Milliseconds -> ``1:02:03`` (or ``2:03`` under an hour); negative times show as ``0:00``.

    ``always_hours`` writes ``0:02:03`` for durations; ``unknown`` is shown for a missing time.
    """
    if ms is None:
        return unknown
    seconds = max(ms, 0) // 1000
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours or always_hours else f"{minutes}:{secs:02d}"
