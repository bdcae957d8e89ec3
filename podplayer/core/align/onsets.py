"""Snap phrase starts to where speech becomes audible.

Forced alignment with 10 ms frames places a word that follows a pause a little early: the first HMM
state happily absorbs the breath or room tone before the onset, by 30-80 ms on real recordings. Where
a phrase starts after a clear pause, the start is moved to the frame where the energy rises out of the
pause's floor. Where there is no clear pause (crosstalk, music, speech run together), nothing moves.
Hand-written because it is a few lines of numpy over a window of samples the aligner already has.
"""

from __future__ import annotations

from collections.abc import Collection

import numpy as np

from podplayer.core.align.placement import Placed
from podplayer.core.align.speech_activity import frame_db
from podplayer.core.align.worker import read_pcm

HOP_MS = 5
LOOK_BEFORE_MS = 300  # the pause is looked for in this much audio before the aligned start
SEARCH_BEFORE_MS = 120  # the onset may lie this much before the aligned start
SEARCH_AFTER_MS = 200  # ... or this much after it
MIN_CONTRAST_DB = 18.0  # the word must rise this far above the pause to count as a clear onset
RISE_DB = 10.0  # the onset is where the energy first exceeds the floor by this much
PEAK_RANGE_DB = 35.0  # ... and comes within this much of the word's peak
MIN_CONFIDENCE = 0.5


def onset_near(pcm_path: str, start_ms: int, floor_from_ms: int) -> int | None:
    """The audible onset of a phrase aligned to ``start_ms``, or None without a clear pause before it.

    ``floor_from_ms``: the end of the previous word; the pause is measured after it only.
    """
    lo = max(0, floor_from_ms, start_ms - LOOK_BEFORE_MS)
    hi = start_ms + SEARCH_AFTER_MS
    if start_ms - lo < 2 * HOP_MS:
        return None
    db = frame_db(np.frombuffer(read_pcm(pcm_path, lo, hi), dtype="<i2"), HOP_MS)
    if len(db) < 4:
        return None
    at = (start_ms - lo) // HOP_MS
    pause = db[: max(1, at)]
    floor = float(np.percentile(pause, 20))
    peak = float(db[at:].max()) if at < len(db) else floor
    if peak - floor < MIN_CONTRAST_DB:
        return None
    threshold = max(floor + RISE_DB, peak - PEAK_RANGE_DB)
    first = max(0, at - SEARCH_BEFORE_MS // HOP_MS)
    loud = np.nonzero(db[at:] > threshold)[0]
    if len(loud) == 0:
        return None
    # From the first loud frame at or after the aligned start, back over the loud frames joined to
    # it: a breath or a click separated from the word by a dip does not pull the start forward.
    i = at + int(loud[0])
    while i > first and db[i - 1] > threshold:
        i -= 1
    return lo + i * HOP_MS


def snap_onsets(
    pcm_path: str, placed: list[Placed | None], phrase_starts: Collection[int]
) -> list[Placed | None]:
    """A copy of ``placed`` with each well-aligned phrase-starting token moved to its audible onset."""
    out = list(placed)
    for k in sorted(phrase_starts):
        current = out[k]
        if current is None or current.confidence < MIN_CONFIDENCE:
            continue
        before = out[k - 1] if k else None
        floor_from = before.end_ms if before is not None else 0
        onset = onset_near(pcm_path, current.start_ms, min(floor_from, current.start_ms))
        if onset is None or onset >= current.end_ms:
            continue
        if before is not None and onset < before.end_ms:
            continue
        out[k] = Placed(onset, current.end_ms, current.confidence)
    return out
