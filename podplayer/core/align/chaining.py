"""The most consistent monotonic chain of matches between recognised words and the transcript.

Recognition hears most words right, so runs of words heard in the transcript's order mark where the
audio is. Where the text repeats (recurring segments, show intros, the same ad read twice) a run
matches several places; a window sliding from the last match can then latch onto the wrong
repetition and never come back. Here every place a run matches is a candidate, over the whole
episode at once, and one chain is chosen that increases in both recognised-word and transcript
order, maximising the words it matches:

- a step to a nearby run on about the same diagonal (as many transcript tokens skipped as heard
  words: recognition errors in between) costs a quarter word per token of drift;
- any other step costs STEP_COST when the text it skips could have been said in the time between
  (an ad, a pause, crosstalk recognition missed), JUMP_COST when not (text the audio lacks, or a
  leap into a later repetition): a chance match in a disturbance must outweigh its steps in and out;
- a chain that starts further into the text than anyone could have said by then pays JUMP_COST too.

A wrong repetition loses: following it leaves the audio of the right one without text to match, so
a lost stretch stays local. The search is a weighted longest increasing subsequence: runs in order
of the recognised words, a dictionary of the latest run per diagonal band for the local steps and a
Fenwick tree of best chain values by transcript position for the other steps (whose cost is judged
for the best chain it offers), O(n log n) in the number of candidate runs. Written here because the
sequence matchers at hand (difflib and the edit-distance libraries) align one pair of sequences and
do not chain the several places a run of repeated text matches.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

SEED = 3  # a run is at least this many consecutive words heard in the transcript's order
MAX_PLACES = 64  # a seed found more often than this is tried only at the places nearest its expected one
BAND_SHIFT = 3  # runs whose diagonals fall in the same 8-token band (or a neighbour) may chain locally
LOCAL_GAP = 40  # at most this many heard words or tokens between two runs chained locally
DRIFT_COST = 0.25  # per token of difference between the heard words and the tokens skipped locally
STEP_COST = 1.0  # any other step that skips no more text than could have been said meanwhile
JUMP_COST = 4.0  # a step over more text than anyone could have said in the time between
FAST_MS_PER_TOKEN = 60  # nobody says tokens faster than this, on average over a stretch
SKIP_SLACK = 8  # tokens skipped that need no time (recognition may lag or drop a few words)


@dataclass(frozen=True, slots=True)
class Run:
    """``length`` recognised words from ``heard`` on equal transcript tokens from ``token``."""

    heard: int
    token: int
    length: int


def candidate_runs(
    heard: Sequence[str], tokens: Sequence[str], duration_ms: int, heard_ms: Sequence[int]
) -> list[Run]:
    """Every maximal run of >= SEED words heard in order at some place in the transcript, sorted
    by recognised word, then by token. ``heard_ms``: each recognised word's start (for the
    expected place of a seed when it is too common to try every place).

    Vectorised with numpy: in a 3-hour episode that repeats itself, every seed has dozens of places.
    """
    if len(heard) < SEED or len(tokens) < SEED:
        return []
    ids: dict[str, int] = {}
    token_ids = np.array([ids.setdefault(w, len(ids)) for w in tokens], dtype=np.int64)
    heard_ids = np.array([ids.get(w, -1) for w in heard], dtype=np.int64)
    vocabulary = len(ids) + 1
    token_seeds = _seed_keys(token_ids, vocabulary)
    heard_seeds = _seed_keys(heard_ids, vocabulary)
    n_tokens = len(token_ids)
    # Seeds of the transcript sorted by (seed, place): each seed's places form one block.
    order = np.argsort(token_seeds, kind="stable")
    sorted_seeds = token_seeds[order]
    first = np.searchsorted(sorted_seeds, heard_seeds, side="left")
    count = np.searchsorted(sorted_seeds, heard_seeds, side="right") - first
    count[np.any(_windows(heard_ids) < 0, axis=1)] = 0  # a seed with a word the transcript lacks
    # Too common a seed: only the MAX_PLACES places nearest where the text should be by then.
    common = count > MAX_PLACES
    if common.any():
        expected = n_tokens * np.asarray(heard_ms[: len(heard_seeds)], dtype=np.int64) // max(1, duration_ms)
        # Search (seed rank, place) pairs: small integers whatever the vocabulary.
        distinct, rank = np.unique(sorted_seeds, return_inverse=True)
        keyed = rank * (n_tokens + 1) + order
        heard_rank = np.minimum(np.searchsorted(distinct, heard_seeds), len(distinct) - 1)
        middle = np.searchsorted(keyed, heard_rank * (n_tokens + 1) + expected)
        low = np.clip(middle - MAX_PLACES // 2, first, first + count - MAX_PLACES)
        first = np.where(common, low, first)
        count = np.where(common, MAX_PLACES, count)
    # All (recognised word, place) pairs where a seed matches.
    pair_heard = np.repeat(np.arange(len(heard_seeds)), count)
    offsets = np.arange(len(pair_heard)) - np.repeat(np.cumsum(count) - count, count)
    pair_token = order[np.repeat(first, count) + offsets]
    # A run of L words holds L - SEED + 1 seed pairs in a row on one diagonal.
    diagonal = pair_token - pair_heard
    by_diagonal = np.lexsort((pair_heard, diagonal))
    pair_heard, diagonal = pair_heard[by_diagonal], diagonal[by_diagonal]
    starts = np.ones(len(pair_heard), dtype=bool)
    starts[1:] = (diagonal[1:] != diagonal[:-1]) | (pair_heard[1:] != pair_heard[:-1] + 1)
    begin = np.flatnonzero(starts)
    lengths = np.diff(np.append(begin, len(pair_heard))) + SEED - 1
    run_heard, run_diagonal = pair_heard[begin], diagonal[begin]
    by_heard = np.lexsort((run_diagonal, run_heard))
    return [
        Run(h, h + d, n)
        for h, d, n in zip(
            run_heard[by_heard].tolist(),
            run_diagonal[by_heard].tolist(),
            lengths[by_heard].tolist(),
            strict=True,
        )
    ]


def _windows(ids: NDArray[np.int64]) -> NDArray[np.int64]:
    """Each position's SEED words as a row."""
    return np.lib.stride_tricks.sliding_window_view(ids, SEED)


def _seed_keys(ids: NDArray[np.int64], vocabulary: int) -> NDArray[np.int64]:
    """One integer per position for the SEED words from there (words the transcript lacks: -1)."""
    keys = np.zeros(len(ids) - SEED + 1, dtype=np.int64)
    for column in _windows(ids).T:
        keys = keys * vocabulary + column
    return keys


def best_chain(runs: Sequence[Run], heard_ms: Sequence[int]) -> list[Run]:
    """The chain of (possibly head-trimmed) runs increasing in both orders with the best score.

    ``runs`` sorted by recognised word; ``heard_ms``: each recognised word's start time.
    """
    n = len(runs)
    if n == 0:
        return []
    heard = [r.heard for r in runs]
    token = [r.token for r in runs]
    length = [r.length for r in runs]
    heard_end = [h + k for h, k in zip(heard, length, strict=True)]
    token_end = [t + k for t, k in zip(token, length, strict=True)]
    size = max(token_end)
    score = [0.0] * n
    back = [-1] * n
    trim = [0] * n
    latest: dict[int, int] = {}  # diagonal band -> the latest run on it
    # Fenwick tree over transcript positions: the best chain ending at or before a token, and its run.
    tree_value = [float("-inf")] * (size + 1)
    tree_run = [-1] * (size + 1)
    by_end = sorted(range(n), key=heard_end.__getitem__)
    inserted = 0
    for i in range(n):
        h, t, count = heard[i], token[i], length[i]
        # Chains ending before this run in both orders become available for jumps.
        while inserted < n and heard_end[by_end[inserted]] <= h:
            j = by_end[inserted]
            inserted += 1
            k, value = token_end[j], score[j]
            while k <= size:
                if value > tree_value[k]:
                    tree_value[k] = value
                    tree_run[k] = j
                k += k & -k
        # Start a chain here: free when the text before could have been said by now.
        best = count - (0.0 if _could_say(t, heard_ms[h]) else JUMP_COST)
        best_back, best_trim = -1, 0
        # Jump from the best chain ending before this run.
        k, value, via = t, float("-inf"), -1
        while k > 0:
            if tree_value[k] > value:
                value = tree_value[k]
                via = tree_run[k]
            k -= k & -k
        if via >= 0:
            value += count - (
                STEP_COST
                if _could_say(t - token_end[via], heard_ms[h] - heard_ms[heard_end[via] - 1])
                else JUMP_COST
            )
            if value > best:
                best, best_back = value, via
        # Step on from a nearby run on about the same diagonal, trimming an overlap off this one.
        diagonal = t - h
        band = diagonal >> BAND_SHIFT
        for key in (band - 1, band, band + 1):
            j = latest.get(key, -1)
            if j < 0 or heard[j] >= h or token[j] >= t:
                continue
            overlap = max(0, heard_end[j] - h, token_end[j] - t)
            if (
                overlap >= count
                or h + overlap - heard_end[j] > LOCAL_GAP
                or t + overlap - token_end[j] > LOCAL_GAP
            ):
                continue
            value = score[j] + count - overlap - DRIFT_COST * abs(diagonal - token[j] + heard[j])
            if value > best:
                best, best_back, best_trim = value, j, overlap
        score[i], back[i], trim[i] = best, best_back, best_trim
        latest[band] = i
    end = max(range(n), key=lambda k: (score[k], -k))
    chain: list[Run] = []
    while end >= 0:
        cut = trim[end]
        chain.append(Run(heard[end] + cut, token[end] + cut, length[end] - cut))
        end = back[end]
    chain.reverse()
    return chain


def _could_say(skipped: int, elapsed_ms: int) -> bool:
    """Whether ``skipped`` tokens fit in ``elapsed_ms`` of audio: a step over them is plausible."""
    return skipped <= SKIP_SLACK or elapsed_ms >= skipped * FAST_MS_PER_TOKEN
