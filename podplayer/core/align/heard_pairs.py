"""Words recognition heard inside a stretch that forced alignment could not align.

Anchors need runs of three or more heard words in the transcript's order, which rejects chance
matches across an episode. Inside a stretch that failed to align (people talking at once), the
order of the words is known and the stretch is short, so pairs of consecutive heard words that match
consecutive transcript words are trustworthy enough to time those words, with low confidence,
instead of spreading everything evenly between anchors.
"""

from __future__ import annotations

from collections.abc import Sequence
from difflib import SequenceMatcher

from podplayer.core.align.placement import Placed
from podplayer.core.align.worker import TimedToken

MIN_PAIR_RUN = 2
CONF_HEARD_IN_FAILED = 0.3  # a time recognition heard, not checked by forced alignment


def heard_in_stretch(
    heard: Sequence[TimedToken], texts: Sequence[str], first_token: int, start_ms: int, end_ms: int
) -> dict[int, Placed]:
    """Token index -> where it was heard, for runs of at least two heard words in order."""
    inside = [h for h in heard if start_ms <= h[1] < end_ms]
    matcher = SequenceMatcher(None, [h[0] for h in inside], list(texts), autojunk=False)
    out: dict[int, Placed] = {}
    for block in matcher.get_matching_blocks():
        if block.size < MIN_PAIR_RUN:
            continue
        for k in range(block.size):
            _, start, end = inside[block.a + k]
            out[first_token + block.b + k] = Placed(start, end, CONF_HEARD_IN_FAILED)
    return out
