"""Words recognition heard inside a stretch that forced alignment could not align.

Anchors need runs of three or more heard words in the transcript's order, which rejects chance
matches across an episode. Inside a stretch that failed to align (people talking at once), the
order of the words is known and the stretch is short, so pairs of consecutive heard words that match
consecutive transcript words are trustworthy enough to time those words, with low confidence,
instead of spreading everything evenly between anchors.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from difflib import SequenceMatcher

from podplayer.core.align.pieces import Piece, PieceKind
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


def time_heard_in_failed(
    pieces: list[Piece],
    results: Mapping[int, Sequence[TimedToken | None] | None],
    heard: list[TimedToken],
    texts: list[str],
    placed: list[Placed | None],
) -> None:
    """Inside pieces that would not align, time the untimed words recognition heard in order."""
    for index, piece in enumerate(pieces):
        if piece.kind is not PieceKind.ALIGN or results.get(index) is not None:
            continue
        tokens = texts[piece.first_token : piece.end_token]
        found = heard_in_stretch(heard, tokens, piece.first_token, piece.start_ms, piece.end_ms)
        last_ms = piece.start_ms
        for token in range(piece.first_token, piece.end_token):
            current = placed[token]
            if current is None and token in found and found[token].start_ms >= last_ms:
                current = placed[token] = found[token]
            if current is not None:
                last_ms = max(last_ms, current.start_ms)
