"""Anchor words: transcript tokens that the recognition pass heard, in order, with their times.

The recognised words are matched to the transcript in a window that slides from the last trusted
(anchored) token, so one bad stretch (an ad read, a deleted turn, music) never shifts the rest.
Only runs of several consecutive matching words count, which rejects chance matches of single words.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from podplayer.core.align.worker import TimedToken

MIN_RUN = 3  # consecutive matching words needed before a match becomes an anchor
HYP_BLOCK = 120  # recognised words matched at a time
TEXT_BEHIND = 20  # tokens before the expected position still searched (recognition may lag)
TEXT_AHEAD_MIN = 400
MIN_JUMP_RUN = 6  # a run this long may jump over text the audio lacks (a deleted turn)
MS_PER_TOKEN_FAST = 120
EDGE_GAP_MS = 3000  # a gap between anchors this long is a pause at least, maybe a disturbance  # no speaker says more than one token per this many ms, on average


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
    anchors: list[Anchor] = []
    next_token = 0  # first transcript token not yet passed
    last_time = 0
    h = 0
    while h < len(heard):
        block = heard[h : h + HYP_BLOCK]
        # The further we are in time past the last anchor, the further ahead the text may be.
        elapsed = max(0, block[0][1] - last_time)
        ahead = TEXT_AHEAD_MIN + 3 * len(block) + elapsed // MS_PER_TOKEN_FAST
        lo = max(0, next_token - TEXT_BEHIND)
        hi = min(len(tokens), next_token + ahead)
        window = tokens[lo:hi]
        matcher = SequenceMatcher(None, [w for w, _, _ in block], window, autojunk=False)
        consumed = 0
        for m in matcher.get_matching_blocks():
            if m.size < MIN_RUN:
                continue
            for k in range(m.size):
                token = lo + m.b + k
                word, start, end = block[m.a + k]
                if token < next_token or start < last_time:
                    continue
                if m.size < MIN_JUMP_RUN and not _plausible(anchors, token, start):
                    continue
                anchors.append(Anchor(token, start, end, m.size))
                next_token, last_time = token + 1, end
            consumed = m.a + m.size
        # Overlap blocks by their unmatched tail so a run cut by the block edge is still found.
        step = len(block) if h + len(block) >= len(heard) else max(consumed, len(block) // 2)
        h += max(1, step)
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


def _plausible(anchors: list[Anchor], token: int, start_ms: int) -> bool:
    """Reject a jump forward in the text that nobody could have spoken in the time elapsed."""
    if not anchors:
        return token <= 8 or start_ms >= token * MS_PER_TOKEN_FAST // 2
    last = anchors[-1]
    skipped = token - last.token - 1
    return skipped <= 8 or (start_ms - last.end_ms) >= skipped * MS_PER_TOKEN_FAST // 2
