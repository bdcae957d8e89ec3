"""How a moment in an episode is shown to people: ``M:SS``, or ``H:MM:SS`` past the first hour."""

from __future__ import annotations


def format_clock(ms: int) -> str:
    """Milliseconds -> ``1:02:03`` (or ``2:03`` under an hour); negative times show as ``0:00``."""
    seconds = max(ms, 0) // 1000
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
