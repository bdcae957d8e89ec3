"""Subtitle cue times (``hh:mm:ss.mmm``) and seconds <-> integer milliseconds.

Hand-written: every format spells times a little differently (SRT commas, optional WebVTT hours,
hours past 99, JSON floats) and the rules fit in a few lines; pysubs2's SRT time pattern, for one,
reads ``100:00:03,000`` as three seconds.
"""

from __future__ import annotations

import math
import re

_CLOCK = re.compile(r"(?:(\d{1,9}):)?(\d{1,9}):(\d{1,2})(?:[.,](\d{1,9}))?")


def parse_clock(text: str) -> int | None:
    """``[h:]mm:ss[.fff]`` (``,`` or ``.`` before the fraction) -> milliseconds, or None if malformed.

    Hours may have any number of digits; without hours, minutes may exceed 59 (``120:00.000``).
    """
    m = _CLOCK.fullmatch(text.strip())
    if m is None:
        return None
    hours_s, minutes_s, seconds_s, frac_s = m.groups()
    hours = int(hours_s) if hours_s is not None else 0
    minutes = int(minutes_s)
    seconds = int(seconds_s)
    if seconds >= 60 or (hours_s is not None and minutes >= 60):
        return None
    ms = 0
    if frac_s:
        ms = round(int(frac_s) * 1000 / 10 ** len(frac_s))
    return ((hours * 60 + minutes) * 60 + seconds) * 1000 + ms


def format_subtitle_time(ms: int, sep: str = ".") -> str:
    """Milliseconds -> a subtitle cue time ``HH:MM:SS.mmm`` (WebVTT; SRT passes ``sep=","``).

    Hours may pass 99. People see times as :func:`podplayer.core.clock.format_clock` writes them.
    """
    ms = max(0, ms)
    seconds, millis = divmod(ms, 1000)
    minutes, secs = divmod(seconds, 60)
    hours, mins = divmod(minutes, 60)
    return f"{hours:02d}:{mins:02d}:{secs:02d}{sep}{millis:03d}"


def seconds_to_ms(value: object) -> int:
    """A JSON/label time in seconds (number or numeric string) -> milliseconds.

    Raises ValueError for anything else, including negative, infinite and NaN values.
    """
    if isinstance(value, bool):
        raise ValueError("not a number")
    try:
        if isinstance(value, int | float):
            seconds = float(value)
        elif isinstance(value, str):
            seconds = float(value.strip().replace(",", "."))
        else:
            raise ValueError("not a number")
    except OverflowError as exc:
        raise ValueError("out of range") from exc
    if not math.isfinite(seconds) or seconds < 0 or seconds > 1e9:
        raise ValueError("out of range")
    return round(seconds * 1000)


def ms_to_seconds(ms: int) -> float:
    """Milliseconds -> seconds with at most three decimals (what JSON writers emit)."""
    return round(ms / 1000, 3)
