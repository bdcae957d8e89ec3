"""Anchor words: transcript tokens that the recognition pass heard, in order, with their times.

Runs of several consecutive recognised words that match the transcript are chained over the whole
episode at once (chaining.py): the chain that matches the most words with the fewest jumps wins, so
one bad stretch (an ad read, a deleted turn, music, a passage that recurs later in the show) stays
local instead of shifting the rest. Runs shorter than MIN_RUN words are never candidates, which
rejects chance matches of single words.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from podplayer.core.align.chaining import SEED, best_chain, candidate_runs
from podplayer.core.align.worker import TimedToken

MIN_RUN = SEED  # consecutive matching words needed before a match becomes an anchor
EDGE_GAP_MS = 3000  # a gap between anchors this long is a pause at least, maybe a disturbance


@dataclass(frozen=True, slots=True)
class Anchor:
    token: int
    start_ms: int
    end_ms: int
    run: int = MIN_RUN  # length of the run of matching words it belongs to


def find_anchors(
    heard: Sequence[TimedToken], tokens: Sequence[str], token_turns: Sequence[int]
) -> list[Anchor]:
    """Anchors in increasing token and time order. ``token_turns``: each token's turn index."""
    if not heard:
        return []
    words = [w for w, _, _ in heard]
    starts = [start for _, start, _ in heard]
    runs = candidate_runs(words, tokens, heard[-1][2], starts)
    anchors: list[Anchor] = []
    for run in best_chain(runs, starts):
        for k in range(run.length):
            _, start, end = heard[run.heard + k]
            anchors.append(Anchor(run.token + k, start, end, run.length))
    return _drop_stray_fragments(anchors, token_turns)


def _drop_stray_fragments(anchors: list[Anchor], token_turns: Sequence[int]) -> list[Anchor]:
    """Drop short anchor fragments of a turn that touch a long gap between anchors.

    A run of matches can end with a chance match inside the disturbance that follows it (an ad read
    that opens with "and", like the next turn): the run then crosses into the next turn for just a
    word or two before a long gap. Such fragments are no cut points; their words are still aligned.
    """
    fragments: list[list[int]] = []
    for i, anchor in enumerate(anchors):
        prev = anchors[i - 1] if i else None
        joined = (
            prev is not None
            and anchor.token == prev.token + 1
            and token_turns[anchor.token] == token_turns[prev.token]
            and anchor.start_ms - prev.end_ms <= EDGE_GAP_MS
        )
        if joined:
            fragments[-1].append(i)
        else:
            fragments.append([i])
    drop: set[int] = set()
    for fragment in fragments:
        if len(fragment) >= MIN_RUN:
            continue
        first, last = anchors[fragment[0]], anchors[fragment[-1]]
        before = anchors[fragment[0] - 1].end_ms if fragment[0] else 0
        after = anchors[fragment[-1] + 1].start_ms if fragment[-1] + 1 < len(anchors) else None
        if first.start_ms - before > EDGE_GAP_MS or (after is not None and after - last.end_ms > EDGE_GAP_MS):
            drop.update(fragment)
    return [a for i, a in enumerate(anchors) if i not in drop]
