"""From aligned pieces to a time and a confidence for every token, then for every transcript word.

Forced alignment gives the best times; anchors stand in where a piece could not be aligned; disturbed
stretches and words without any spoken token are placed by interpolation with a low confidence.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from podplayer.core.align.anchors import Anchor
from podplayer.core.align.pieces import Piece, PieceKind
from podplayer.core.align.worker import TimedToken

CONF_ANCHORED = 0.95  # aligned, and recognition heard the same word at the same time
CONF_ALIGNED = 0.8  # aligned inside a piece whose neighbours agree
CONF_DISAGREE = 0.5  # aligned, but recognition heard the word elsewhere
CONF_ANCHOR_ONLY = 0.5  # the piece failed to align; recognition's time kept
CONF_EDGE = 0.15  # spread over a stretch where recognition found none of the transcript
CONF_SQUEEZED = 0.05  # the audio seems to lack these words
CONF_INTERPOLATED = 0.1
AGREE_MS = 200


@dataclass(frozen=True, slots=True)
class Placed:
    start_ms: int
    end_ms: int
    confidence: float


def place_tokens(
    pieces: Sequence[Piece],
    aligned: Mapping[int, Sequence[TimedToken | None] | None],
    anchors: Sequence[Anchor],
    token_count: int,
) -> list[Placed | None]:
    """Times for each token; None where only interpolation between neighbours can help."""
    placed: list[Placed | None] = [None] * token_count
    by_token = {a.token: a for a in anchors}
    for index, piece in enumerate(pieces):
        if piece.kind is PieceKind.ALIGN:
            result = aligned.get(index)
            if result is not None:
                for k, timed in enumerate(result):
                    if timed is None:  # a short turn passed over: said elsewhere (short_turns.py)
                        continue
                    _, start, end = timed
                    token = piece.first_token + k
                    anchor = by_token.get(token)
                    if anchor is None:
                        conf = CONF_ALIGNED
                    elif abs(anchor.start_ms - start) <= AGREE_MS:
                        conf = CONF_ANCHORED
                    else:
                        conf = CONF_DISAGREE
                    placed[token] = Placed(start, end, conf)
            else:
                for token in range(piece.first_token, piece.end_token):
                    if (anchor := by_token.get(token)) is not None:
                        placed[token] = Placed(anchor.start_ms, anchor.end_ms, CONF_ANCHOR_ONLY)
        else:
            conf = CONF_EDGE if piece.kind is PieceKind.EXTRA_AUDIO else CONF_SQUEEZED
            _spread(piece.first_token, piece.end_token, piece.start_ms, piece.end_ms, conf, placed)
    return placed


def _spread(
    first: int, end: int, start_ms: int, end_ms: int, conf: float, placed: list[Placed | None]
) -> None:
    n = end - first
    if n <= 0:
        return
    step = max(0, end_ms - start_ms) / n
    for k in range(n):
        placed[first + k] = Placed(round(start_ms + k * step), round(start_ms + (k + 1) * step), conf)


def place_words(
    token_words: Sequence[int],
    placed: Sequence[Placed | None],
    word_lengths: Sequence[int],
    duration_ms: int,
    free: Collection[int] = (),
    speech: tuple[int, int] | None = None,
) -> list[Placed]:
    """Times for every word: from its tokens, else interpolated between its timed neighbours.

    Words keep the transcript's order in time, except ``free`` words (short turns spoken over
    another turn): found ones keep their own time and constrain no other word. ``speech``: where
    the episode's speech begins and ends; words before the first timed one and after the last are
    interpolated within it, not from the edges of the file.
    """
    begin, end = speech if speech is not None else (0, duration_ms)
    n = len(word_lengths)
    found: list[Placed | None] = [None] * n
    for word, p in zip(token_words, placed, strict=True):
        if p is None:
            continue
        old = found[word]
        if old is None:
            found[word] = p
        else:
            found[word] = Placed(
                min(old.start_ms, p.start_ms), max(old.end_ms, p.end_ms), min(old.confidence, p.confidence)
            )
    out: list[Placed] = []
    last: Placed | None = None  # the last word placed in order
    i = 0
    while i < n:
        current = found[i]
        if current is not None and i in free:
            out.append(current)
            i += 1
            continue
        if current is not None:
            start = max(current.start_ms, last.start_ms if last else 0)
            last = Placed(start, max(start, current.end_ms), current.confidence)
            out.append(last)
            i += 1
            continue
        j = i
        while j < n and found[j] is None:
            j += 1
        following = next((found[k] for k in range(j, n) if found[k] is not None and k not in free), None)
        left = last.end_ms if last else min(begin, following.start_ms if following is not None else begin)
        right = following.start_ms if following is not None else max(end, left)
        right = max(left, right)
        total = sum(max(1, word_lengths[k]) for k in range(i, j))
        pos = float(left)
        for k in range(i, j):
            width = (right - left) * max(1, word_lengths[k]) / total
            last = Placed(round(pos), round(pos + width), CONF_INTERPOLATED)
            out.append(last)
            pos += width
        i = j
    return out
