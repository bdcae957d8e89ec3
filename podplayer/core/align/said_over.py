"""Short turns said over someone else's, moved to where a second voice starts.

Recognition rarely hears a "mm-hmm" said under a long answer, and a voice model of a few seconds of
speech rarely tells it apart either, so in-order alignment and short_turns.py may leave such a turn
at the end of the answer or at a guess. The speaker-segmentation model hears it: a second voice
starting while the first one talks (voice_changes.py). So each run of short turns between two turns
aligned in order is matched, in order, to the second voices heard between the two turns' starts:

- as many second voices as short turns: one each, in order (the transcript lists turns by onset);
- otherwise as many short turns as can be take a second voice within MAX_MOVE_MS of where they
  were placed, keeping the order, the nearest ones where there is a choice; a short turn without
  one stays where it is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from podplayer.core.align.overlap import CONF_SPOTTED, MAX_SPOKEN_MS, MIN_SPOKEN_MS, spread
from podplayer.core.align.placement import Placed
from podplayer.core.align.voice_changes import VoicesOver
from podplayer.core.speaker_activity import Run

MAX_MOVE_MS = 3_000
NEXT_LEAD_MS = 200  # a second voice this close before the next turn's start is that turn


@dataclass(frozen=True, slots=True)
class _Group:
    turns: list[tuple[int, int]]  # (first token, end token) of each short turn, in order
    start_ms: int  # the start of the turn aligned in order before them
    end_ms: int  # the start of the one after them


def move_to_second_voices(
    floating: set[int],
    token_turns: Sequence[int],
    speakers: Sequence[str],
    texts: Sequence[str],
    placed: list[Placed | None],
    duration_ms: int,
    pcm_path: str,
) -> set[int]:
    """Move short turns to the second voices heard where they lie; fills ``placed``, gives the
    turns moved."""
    groups = _groups(floating, token_turns, placed, duration_ms)
    if not groups:
        return set()
    over = _in_order_spans(floating, token_turns, speakers, placed)
    voices = VoicesOver(pcm_path, duration_ms, over)
    moved: set[int] = set()
    for group in groups:
        who = {speakers[token_turns[first]] for first, _ in group.turns}
        runs = voices.between(who, group.start_ms, group.end_ms - NEXT_LEAD_MS)
        for (first, end), run in _match(group, runs, placed):
            wanted = list(texts[first:end])
            said = min(MAX_SPOKEN_MS, max(MIN_SPOKEN_MS // 2, run.end_ms - run.start_ms))
            for k, p in enumerate(spread(wanted, run.start_ms, said, CONF_SPOTTED)):
                placed[first + k] = p
            moved.add(token_turns[first])
    return moved


def _turn_ranges(token_turns: Sequence[int]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    k, n = 0, len(token_turns)
    while k < n:
        end = k
        while end < n and token_turns[end] == token_turns[k]:
            end += 1
        out.append((k, end))
        k = end
    return out


def _start(placed: Sequence[Placed | None], first: int, end: int) -> int | None:
    return next((p.start_ms for p in placed[first:end] if p is not None), None)


def _groups(
    floating: set[int], token_turns: Sequence[int], placed: Sequence[Placed | None], duration_ms: int
) -> list[_Group]:
    groups: list[_Group] = []
    pending: list[tuple[int, int]] = []
    before: int | None = None
    for first, end in _turn_ranges(token_turns):
        if token_turns[first] in floating:
            pending.append((first, end))
            continue
        start = _start(placed, first, end)
        if start is None:
            continue
        if pending and before is not None:
            groups.append(_Group(pending, before, start))
        pending, before = [], start
    if pending and before is not None:
        groups.append(_Group(pending, before, duration_ms))
    return groups


def _in_order_spans(
    floating: set[int], token_turns: Sequence[int], speakers: Sequence[str], placed: Sequence[Placed | None]
) -> list[tuple[str, int, int]]:
    out: list[tuple[str, int, int]] = []
    for first, end in _turn_ranges(token_turns):
        timed = [p for p in placed[first:end] if p is not None]
        if token_turns[first] not in floating and timed:
            out.append((speakers[token_turns[first]], timed[0].start_ms, max(p.end_ms for p in timed)))
    return out


def _match(
    group: _Group, runs: list[Run], placed: Sequence[Placed | None]
) -> list[tuple[tuple[int, int], Run]]:
    """Short turns paired with second voices, in order (see the module docstring)."""
    turns = group.turns
    if len(runs) == len(turns):
        return list(zip(turns, runs, strict=True))
    at = [_start(placed, first, end) for first, end in turns]
    n, m = len(turns), len(runs)
    pair = n + 1.0  # as many pairs as can be made first, then the closest ones
    # best[i][j]: the best score pairing the first i turns with the first j runs, in order.
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            score = max(best[i - 1][j], best[i][j - 1])
            was = at[i - 1]
            if was is not None and abs(runs[j - 1].start_ms - was) < MAX_MOVE_MS:
                closeness = 1.0 - abs(runs[j - 1].start_ms - was) / MAX_MOVE_MS
                score = max(score, best[i - 1][j - 1] + pair + closeness)
            best[i][j] = score
    pairs: list[tuple[tuple[int, int], Run]] = []
    i, j = n, m
    while i > 0 and j > 0:
        if best[i][j] == best[i - 1][j]:
            i -= 1
        elif best[i][j] == best[i][j - 1]:
            j -= 1
        else:
            pairs.append((turns[i - 1], runs[j - 1]))
            i, j = i - 1, j - 1
    return pairs[::-1]
