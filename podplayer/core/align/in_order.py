"""The transcript aligned in its own order; short turns that may float are optional (short_turns.py).

Anchors from what recognition heard, pieces between them, forced alignment in the workers (with
second chances), times per token, onsets snapped.

Short turns of other speakers were once aligned apart from the rest. Their speech was then left for
the neighbouring turns to absorb, and on real voices turn starts moved early into the previous
speaker's words (a real call's "Neither did I." 2 s back over the turn before it). Now they stay in
the grammar, and only where the decoder passes over them are they placed apart.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

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
    """Times for every token in the transcript's order (None for unplaced ones), and where the
    episode's speech begins and ends (None without anchors).

    The short turns in ``floating`` are aligned in order too, but may be passed over: where the
    audio between their neighbours does not sound like them, they were said elsewhere (over another
    speaker), and their tokens stay None for short_turns.py. Anchors are never taken from them: a
    backchannel's "yeah" heard inside another turn says nothing about where that turn's words are.
    """
    order = [k for k, turn in enumerate(episode.token_turns) if turn not in floating]
    anchors = [
        replace(a, token=order[a.token])
        for a in find_anchors(episode.heard, [episode.texts[k] for k in order], [episode.token_turns[k] for k in order])
    ]
    pcm = episode.setup.pcm_path
    speech = speech_span(pcm, anchors[0].start_ms, anchors[-1].end_ms, episode.duration_ms) if anchors else None
    pieces = plan_pieces(anchors, episode.token_turns, episode.duration_ms, speech)
    optional = tuple(_turn_spans(episode.token_turns, floating))
    rounds = PieceRounds(episode.pool, episode.texts, episode.breaks, anchors, episode.cancel, optional)
    results = rounds.align(pieces, progress, first)
    pieces, results = rounds.retry_failed(pieces, results)
    placed = place_tokens(pieces, results, anchors, len(episode.texts))
    time_heard_in_failed(pieces, results, episode.heard, episode.texts, placed)
    for first_token, end_token in optional:  # a short turn is placed whole, or left to short_turns.py
        if not all(placed[first_token:end_token]):
            placed[first_token:end_token] = [None] * (end_token - first_token)
    return snap_onsets(pcm, placed, episode.breaks | {0}), speech


def _turn_spans(token_turns: list[int], turns: set[int]) -> list[tuple[int, int]]:
    """(first, end) token indexes of each of ``turns``."""
    spans: list[tuple[int, int]] = []
    for k, turn in enumerate(token_turns):
        if turn in turns:
            if spans and spans[-1][1] == k and token_turns[spans[-1][0]] == turn:
                spans[-1] = (spans[-1][0], k + 1)
            else:
                spans.append((k, k + 1))
    return spans
