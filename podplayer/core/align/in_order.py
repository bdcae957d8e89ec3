"""The transcript aligned in its own order, leaving out the short turns that float (short_turns.py).

Anchors from what recognition heard, pieces between them, forced alignment in the workers (with
second chances), times per token, onsets snapped.
"""

from __future__ import annotations

from dataclasses import dataclass

from podplayer.core.align.anchors import find_anchors
from podplayer.core.align.heard_pairs import time_heard_in_failed
from podplayer.core.align.onsets import snap_onsets
from podplayer.core.align.piece_rounds import PieceRounds
from podplayer.core.align.pieces import plan_pieces
from podplayer.core.align.placement import Placed, place_tokens
from podplayer.core.align.process_pool import WorkerPool
from podplayer.core.align.speech_activity import speech_span
from podplayer.core.align.worker import TimedToken, WorkerSetup
from podplayer.core.jobs import CancelToken, Progress


@dataclass(frozen=True, slots=True)
class Episode:
    """What aligning in order needs of the episode."""

    pool: WorkerPool
    setup: WorkerSetup
    heard: list[TimedToken]
    texts: list[str]  # every token of the transcript
    token_turns: list[int]
    breaks: frozenset[int]  # phrase starts (token indexes)
    duration_ms: int
    cancel: CancelToken


def align_in_order(
    episode: Episode, floating: set[int], progress: Progress, first: float
) -> tuple[list[Placed | None], tuple[int, int] | None]:
    """Times for every token outside ``floating`` turns (None for theirs and for unplaced ones), and
    where the episode's speech begins and ends (None without anchors)."""
    order = [k for k, turn in enumerate(episode.token_turns) if turn not in floating]
    texts = [episode.texts[k] for k in order]
    turns = [episode.token_turns[k] for k in order]
    breaks = frozenset(i for i, k in enumerate(order) if k in episode.breaks)
    anchors = find_anchors(episode.heard, texts, turns)
    pcm = episode.setup.pcm_path
    speech = speech_span(pcm, anchors[0].start_ms, anchors[-1].end_ms, episode.duration_ms) if anchors else None
    pieces = plan_pieces(anchors, turns, episode.duration_ms, speech)
    rounds = PieceRounds(episode.pool, texts, breaks, anchors, episode.cancel)
    results = rounds.align(pieces, progress, first)
    pieces, results = rounds.retry_failed(pieces, results)
    in_order = place_tokens(pieces, results, anchors, len(order))
    time_heard_in_failed(pieces, results, episode.heard, texts, in_order)
    in_order = snap_onsets(pcm, in_order, breaks | {0})
    placed: list[Placed | None] = [None] * len(episode.texts)
    for i, k in enumerate(order):
        placed[k] = in_order[i]
    return placed, speech
