"""Cut the episode into pieces for forced alignment, at anchors, preferably inside pauses.

A piece is a stretch of audio and the transcript tokens spoken in it. Ordinary pieces run 25-50 s
(forced alignment is cheap and accurate on such lengths, while whole-episode passes grow super-linearly).
Where the audio between two anchors is far too long for its text (an untranscribed ad read, music) or
far too short (a turn the audio lacks), that stretch becomes a piece of its own marked as disturbed,
so it cannot drag the words around it out of place.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

from podplayer.core.align.anchors import Anchor

TARGET_PIECE_MS = 25_000
MAX_PIECE_MS = 50_000  # past this, shorter pauses will do
HARD_MAX_PIECE_MS = 80_000  # past this, any boundary between trusted anchors will do
MIN_PAUSE_MS = 120
CUT_PAUSE_MS = 200  # a pause this long is a safe place to cut, even with 30 ms recognition frames
CUT_LEAD_MS = 150  # a piece starts this close before its first word: breaths stay in the piece before
CUT_RUN = 5  # cut only between anchors from runs this long: short runs can be chance matches
EDGE_PAD_MS = 200
DEFAULT_MS_PER_TOKEN = 330
UNANCHORED_LIMIT_MS = 90_000
EDGE_WINDOW = 1.8  # audio allowed per unanchored token next to a disturbed stretch, in typical token times  # without any anchor, longer audio is not force-aligned in one go


class PieceKind(Enum):
    ALIGN = "align"  # force-align the tokens to the audio
    EXTRA_AUDIO = "extra_audio"  # audio the transcript lacks: place tokens at its edges
    MISSING_AUDIO = "missing_audio"  # text the audio lacks: squeeze tokens into the gap


@dataclass(frozen=True, slots=True)
class Piece:
    start_ms: int
    end_ms: int
    first_token: int
    end_token: int  # exclusive
    kind: PieceKind

    @property
    def token_count(self) -> int:
        return self.end_token - self.first_token


def ms_per_token(anchors: Sequence[Anchor]) -> int:
    """Typical speaking time per token, from neighbouring anchors (pauses excluded)."""
    steps = [
        (b.start_ms - a.start_ms) / (b.token - a.token)
        for a, b in zip(anchors, anchors[1:], strict=False)
        if 0 < b.token - a.token <= 2 and b.start_ms - a.end_ms < MIN_PAUSE_MS
    ]
    return round(statistics.median(steps)) if len(steps) >= 5 else DEFAULT_MS_PER_TOKEN


def _gap_kind(a: Anchor, b: Anchor, rate: int) -> PieceKind | None:
    """Whether the stretch between two anchors is disturbed, and how."""
    n = b.token - a.token - 1
    gap = b.start_ms - a.end_ms
    if gap > 2.5 * n * rate + 4000:
        return PieceKind.EXTRA_AUDIO
    if n > 3 and gap < 0.3 * n * rate:
        return PieceKind.MISSING_AUDIO
    return None


def plan_pieces(
    anchors: Sequence[Anchor],
    token_turns: Sequence[int],
    duration_ms: int,
    speech: tuple[int, int] | None = None,
) -> list[Piece]:
    """Pieces covering every token exactly once, in order. ``token_turns``: each token's turn index.

    ``speech``: where the episode's speech begins and ends (speech_activity.speech_span). The words
    before the first anchor and after the last are placed within it, never in a silent opening or
    ending.
    """
    token_count = len(token_turns)
    if token_count == 0:
        return []
    if not anchors:
        kind = PieceKind.ALIGN if duration_ms <= UNANCHORED_LIMIT_MS else PieceKind.EXTRA_AUDIO
        return [Piece(0, duration_ms, 0, token_count, kind)]
    rate = ms_per_token(anchors)
    begin, end = speech if speech is not None else (0, duration_ms)
    begin = max(0, min(begin - EDGE_PAD_MS, anchors[0].start_ms))
    end = min(duration_ms, max(end + EDGE_PAD_MS, anchors[-1].end_ms))
    bounds = [Anchor(-1, begin, begin), *anchors, Anchor(token_count, end, end)]
    pieces: list[Piece] = []
    cut_ms, cut_token = begin, 0

    def close(end_ms: int, end_token: int, kind: PieceKind = PieceKind.ALIGN) -> None:
        nonlocal cut_ms, cut_token
        if end_token > cut_token:
            pieces.append(Piece(cut_ms, max(end_ms, cut_ms), cut_token, end_token, kind))
        cut_ms, cut_token = end_ms, end_token

    for a, b in zip(bounds, bounds[1:], strict=False):
        disturbed = _gap_kind(a, b, rate)
        gap = b.start_ms - a.end_ms
        if disturbed is not None:
            # Words finishing a's turn and words starting b's turn are most likely spoken next to
            # a and b: align them with their neighbours; only the turns in between are disturbed.
            head_end, tail_start = _turn_edges(a, b, token_turns)
            pad = max(0, min(EDGE_PAD_MS, gap // 2))
            head_ms = min(b.start_ms, a.end_ms + pad + round((head_end - a.token - 1) * rate * EDGE_WINDOW))
            tail_ms = max(head_ms, b.start_ms - pad - round((b.token - tail_start) * rate * EDGE_WINDOW))
            close(head_ms, head_end)
            close(tail_ms, tail_start, disturbed)
            cut_ms = tail_ms
            continue
        trusted = b.token == a.token + 1 and a.token >= 0 and b.token < token_count
        if not trusted or min(a.run, b.run) < CUT_RUN:
            continue
        length = b.start_ms - cut_ms
        pause = CUT_PAUSE_MS if length < MAX_PIECE_MS else MIN_PAUSE_MS if length < HARD_MAX_PIECE_MS else 0
        if length >= TARGET_PIECE_MS and gap >= pause:
            close(max(a.end_ms + gap // 2, b.start_ms - CUT_LEAD_MS), b.token)
    close(end, token_count)
    return pieces


def _turn_edges(a: Anchor, b: Anchor, token_turns: Sequence[int]) -> tuple[int, int]:
    """Within the tokens between anchors a and b: the end of a's turn and the start of b's turn.

    Before the first anchor every token leads up to it, and after the last every token follows it:
    the text there is spoken next to the speech recognition heard, not at the edge of the file.
    """
    if a.token < 0:
        return 0, 0
    if b.token >= len(token_turns):
        return b.token, b.token
    head_end = a.token + 1
    if a.token >= 0:
        while head_end < b.token and token_turns[head_end] == token_turns[a.token]:
            head_end += 1
    tail_start = b.token
    if b.token < len(token_turns):
        while tail_start > head_end and token_turns[tail_start - 1] == token_turns[b.token]:
            tail_start -= 1
    return head_end, tail_start


def join_failed(pieces: Sequence[Piece], failed: set[int]) -> list[tuple[int, int]]:
    """(first, last) piece indexes to re-align as one: each failed piece with its next (else previous)
    ALIGN neighbour; a piece is used at most once."""
    used: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for i in sorted(failed):
        if i in used:
            continue
        for j in (i + 1, i - 1):
            if 0 <= j < len(pieces) and j not in used and pieces[j].kind is PieceKind.ALIGN:
                lo, hi = min(i, j), max(i, j)
                if pieces[lo].end_token == pieces[hi].first_token:
                    pairs.append((lo, hi))
                    used.update((lo, hi))
                    break
    return sorted(pairs)


def split_at_runs(piece: Piece, anchors: Sequence[Anchor]) -> list[Piece]:
    """``piece`` cut where each run of consecutive anchors inside it begins.

    Every part holds a run's anchored words and the unanchored words after them, so a part that
    still fails loses only its own stretch.
    """
    inside = [a for a in anchors if piece.first_token <= a.token < piece.end_token]
    starts = [a for k, a in enumerate(inside) if k == 0 or a.token != inside[k - 1].token + 1]
    cuts = [
        (max(piece.start_ms, a.start_ms - CUT_LEAD_MS), a.token)
        for a in starts
        if a.token > piece.first_token and a.start_ms - CUT_LEAD_MS > piece.start_ms
    ]
    parts: list[Piece] = []
    start_ms, first = piece.start_ms, piece.first_token
    for cut_ms, token in cuts:
        if token > first and cut_ms > start_ms:
            parts.append(Piece(start_ms, cut_ms, first, token, PieceKind.ALIGN))
            start_ms, first = cut_ms, token
    parts.append(Piece(start_ms, piece.end_ms, first, piece.end_token, PieceKind.ALIGN))
    return parts
