"""Estimated timings for an untimed transcript, from the pauses in its audio.

An honest first guess, not an alignment: speech is assumed to take time in proportion to the number
of characters spoken, and turn and sentence boundaries are expected to fall in pauses.

1. Find the pauses in the audio; what is left are islands of speech. "Speech time" is wall time with
   the pauses taken out, so text can be spread over speech only.
2. Turn boundaries: a beam search (dynamic programming with pruning) puts every boundary between two
   turns into a pause, in order, trading three things: each turn should last about its share of
   the text (a local duration ratio, so one error does not shift everything after it), a boundary
   should not drift far from where the text proportion puts it, and longer pauses are likelier turn
   changes. Where no pause fits, a boundary may fall inside speech at a cost. Each speaker's
   speaking rate is then re-estimated from that first pass and the boundaries are placed again.
3. Inside every turn the same placement puts sentence boundaries into the turn's own pauses.
4. Inside every sentence words are spread over its speech time in proportion to their length.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import numpy as np
import numpy.typing as npt

from podplayer.core.audio import (
    PAUSE_FRAME_MS,
    PAUSE_RATE,
    Pause,
    Samples,
    decode_pcm,
    frame_levels_db,
    pauses_from_levels,
    probe_duration_ms,
)
from podplayer.core.jobs import CancelToken, Progress, no_progress
from podplayer.core.model import AudioError, Transcript, Turn, Word

MIN_PAUSE_MS = 150  # shorter gaps are stop consonants and breaths inside words
MIN_ISLAND_MS = 150  # shorter sounds between pauses are clicks and breaths, not words
SENTENCE_END = (".", "!", "?", ".\"", "?\"", "!\"", ".'", "?'", "!'", ".”", "?”", "!”")

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True)
class SpeechMap:
    """Converts between wall time and speech time (wall time with the pauses cut out)."""

    island_starts: FloatArray  # wall ms where each speech island starts
    island_ends: FloatArray
    speech_before: FloatArray  # speech ms before each island

    @classmethod
    def build(cls, pauses: Sequence[Pause], duration_ms: int) -> SpeechMap:
        starts: list[float] = []
        ends: list[float] = []
        cursor = 0.0
        for p in sorted(pauses):
            s, e = max(float(p.start_ms), cursor), min(float(p.end_ms), float(duration_ms))
            if e <= s:
                continue
            if s > cursor:
                starts.append(cursor)
                ends.append(s)
            cursor = e
        if cursor < duration_ms:
            starts.append(cursor)
            ends.append(float(duration_ms))
        a, b = np.array(starts), np.array(ends)
        # Slivers between pauses (a click, or the container's padding after the last decoded sample)
        # are not speech.
        keep = (b - a) >= MIN_ISLAND_MS
        a, b = a[keep], b[keep]
        if len(a) == 0:  # no speech found at all: spread over the whole file
            a, b = np.array([0.0]), np.array([float(duration_ms)])
        before = np.concatenate([[0.0], np.cumsum(b - a)[:-1]])
        return cls(a, b, before)

    @property
    def total(self) -> float:
        return float(self.speech_before[-1] + self.island_ends[-1] - self.island_starts[-1])

    def to_speech(self, wall: float) -> float:
        i = int(np.searchsorted(self.island_starts, wall, side="right")) - 1
        if i < 0:
            return 0.0
        return float(self.speech_before[i] + min(wall, self.island_ends[i]) - self.island_starts[i])

    def to_wall(self, speech: FloatArray, *, onset: bool) -> FloatArray:
        """Wall times of speech positions; at an island edge, ``onset`` picks the next island's start."""
        ends_speech = self.speech_before + (self.island_ends - self.island_starts)
        side: Literal["left", "right"] = "right" if onset else "left"
        i = np.clip(np.searchsorted(ends_speech, speech, side=side), 0, len(ends_speech) - 1)
        wall: FloatArray = self.island_starts[i] + (speech - self.speech_before[i])
        clipped: FloatArray = np.minimum(wall, self.island_ends[i])
        return clipped


@dataclass(frozen=True)
class Candidates:
    """Places a boundary may go, sorted: pauses, at the speech time where each starts, and lengths."""

    speech_ms: FloatArray
    length_ms: FloatArray

    @classmethod
    def from_pauses(cls, pauses: Sequence[Pause], smap: SpeechMap) -> Candidates:
        ordered = sorted(pauses)
        at = np.array([smap.to_speech(p.start_ms) for p in ordered], dtype=np.float64)
        length = np.array([p.duration_ms for p in ordered], dtype=np.float64)
        return cls(at, length)

    def within(self, lo: float, hi: float) -> Candidates:
        """The candidates strictly between ``lo`` and ``hi``."""
        a = int(np.searchsorted(self.speech_ms, lo, side="right"))
        b = int(np.searchsorted(self.speech_ms, hi, side="left"))
        return Candidates(self.speech_ms[a:b], self.length_ms[a:b])


FALLBACK_PENALTY = 2.0  # cost of a boundary placed inside speech instead of in a pause
DURATION_WINDOW = 3.0  # a segment may take between 1/3 and 3 times its expected speech time
BEAM = 120  # partial paths kept per boundary
VIRTUAL_STEP_MS = 1000.0  # spacing of fallback boundary points inside speech


def place_boundaries(
    weights: Sequence[float], candidates: Candidates, span: tuple[float, float], sigma_ms: float
) -> list[float]:
    """Speech-time positions of the ``len(weights) - 1`` boundaries between consecutive segments.

    Each segment of text is expected to last its weight's share of the span; a boundary earns
    ``log(1 + pause / 200 ms)`` when it sits in a pause and pays :data:`FALLBACK_PENALTY` when it sits
    inside speech. A beam search over the boundaries minimises the sum of those terms and of each
    segment's squared log duration ratio (scaled by the uncertainty of its length), plus a weak
    ``((position - proportional position) / sigma)^2 / 2`` that keeps the path from slipping by a
    whole segment. Duration ratios are local, so an early error does not push every later boundary
    off. Cost per boundary is bounded by :data:`BEAM` times the candidates in a segment's window.
    """
    n = len(weights) - 1
    if n <= 0:
        return []
    lo, hi = span
    w = np.maximum(np.asarray(weights, dtype=np.float64), 1.0)
    expected = (hi - lo) * w / w.sum()
    proportional = lo + np.cumsum(expected)[:-1]
    # Short segments vary more in relative length than long ones.
    spread = 0.25 + 1.5 / np.sqrt(w)
    real = candidates.within(lo, hi)
    virtual = np.arange(lo + VIRTUAL_STEP_MS / 2, hi, VIRTUAL_STEP_MS)
    pos = np.concatenate([real.speech_ms, virtual, [hi]])
    gain = np.concatenate([np.log1p(real.length_ms / 200.0), np.full(len(virtual), -FALLBACK_PENALTY), [0.0]])
    order = np.argsort(pos, kind="stable")
    pos, gain = pos[order], gain[order]

    def seg_cost(k: int, duration: FloatArray) -> FloatArray:
        ratio = np.log(np.maximum(duration, 1.0) / expected[k])
        cost: FloatArray = 0.5 * (ratio / spread[k]) ** 2
        return cost

    states = np.array([-1])  # -1: the span's start
    costs = np.zeros(1)
    history: list[tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]] = []
    for k in range(n):
        start_at = np.where(states < 0, lo, pos[np.maximum(states, 0)])
        first = np.searchsorted(pos, start_at + expected[k] / DURATION_WINDOW, side="left")
        last = np.searchsorted(pos, start_at + expected[k] * DURATION_WINDOW, side="right")
        last = np.minimum(last, len(pos) - 1)  # the span's end is not a boundary
        first = np.maximum(first, np.where(states < 0, 0, states + 1))
        # Also always allow the nearest places, so a path can continue when the window is empty.
        counts = np.maximum(last - first, 0)
        if counts.sum() == 0:
            first = np.minimum(np.where(states < 0, 0, states + 1), len(pos) - 2)
            counts = np.ones_like(first)
        src = np.repeat(np.arange(len(states)), counts)
        offsets = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
        dst = np.repeat(first, counts) + offsets
        drift = 0.5 * ((pos[dst] - proportional[k]) / sigma_ms) ** 2
        total = costs[src] + seg_cost(k, pos[dst] - start_at[src]) + drift - gain[dst]
        # The best way into each destination, then the BEAM cheapest destinations.
        by = np.lexsort((total, dst))
        dst_sorted = dst[by]
        keep = np.concatenate([[True], dst_sorted[1:] != dst_sorted[:-1]])
        best = by[keep]
        if len(best) > BEAM:
            best = best[np.argpartition(total[best], BEAM)[:BEAM]]
        history.append((dst[best].astype(np.int64), states[src[best]].astype(np.int64)))
        states, costs = dst[best], total[best]
    final = costs + seg_cost(n, hi - pos[states])
    j = int(states[int(np.argmin(final))])
    chosen = [j]
    for k in range(n - 1, 0, -1):
        dsts, prevs = history[k]
        j = int(prevs[int(np.flatnonzero(dsts == j)[0])])
        chosen.append(j)
    return [float(pos[i]) for i in reversed(chosen)]


def _word_weight(word: Word) -> float:
    return float(len(word.text) + 1)


def _turn_weight(turn: Turn, rate: float = 1.0) -> float:
    return max(1.0, sum(_word_weight(w) for w in turn.words)) * rate


def _sentences(words: Sequence[Word]) -> list[list[Word]]:
    groups: list[list[Word]] = [[]]
    for w in words:
        groups[-1].append(w)
        if w.text.endswith(SENTENCE_END):
            groups.append([])
    return [g for g in groups if g]


def _speaker_rates(turns: Sequence[Turn], bounds: Sequence[float]) -> dict[str, float]:
    """Speech ms per weight unit for each speaker, from a first placement; normalised to mean 1."""
    spoken: dict[str, float] = {}
    weight: dict[str, float] = {}
    for turn, a, b in zip(turns, bounds[:-1], bounds[1:], strict=True):
        spoken[turn.speaker] = spoken.get(turn.speaker, 0.0) + (b - a)
        weight[turn.speaker] = weight.get(turn.speaker, 0.0) + _turn_weight(turn)
    rates = {s: spoken[s] / weight[s] for s in spoken if weight[s] > 0 and spoken[s] > 0}
    if not rates:
        return {}
    total_weight = sum(weight[s] for s in rates)
    mean = sum(rates[s] * weight[s] for s in rates) / total_weight
    return {s: r / mean for s, r in rates.items()}


def _timed_words(words: Sequence[Word], smap: SpeechMap, a: float, b: float) -> list[Word]:
    w = np.array([_word_weight(x) for x in words])
    edges = a + (b - a) * np.concatenate([[0.0], np.cumsum(w)]) / w.sum()
    starts = smap.to_wall(edges[:-1], onset=True)
    ends = smap.to_wall(edges[1:], onset=False)
    return [
        Word(x.text, int(round(s)), max(int(round(s)), int(round(e))), None)
        for x, s, e in zip(words, starts, ends, strict=True)
    ]


def estimate_from_pauses(transcript: Transcript, pauses: Sequence[Pause], duration_ms: int) -> Transcript:
    """Estimated timings from already-found pauses (each at least :data:`MIN_PAUSE_MS` long)."""
    if duration_ms <= 0:
        raise AudioError("cannot estimate timings: the audio has no duration")
    turns = [t for t in transcript.turns]
    if not turns:
        return Transcript([], transcript.title, dict(transcript.metadata), estimated=True)
    smap = SpeechMap.build(pauses, duration_ms)
    total = smap.total
    cands = Candidates.from_pauses(pauses, smap)
    # How far the text proportion alone may be off grows with the length of the episode.
    sigma = max(2_000.0, 0.04 * total)
    first = place_boundaries([_turn_weight(t) for t in turns], cands, (0.0, total), sigma)
    rates = _speaker_rates(turns, [0.0, *first, total])
    weights = [_turn_weight(t, rates.get(t.speaker, 1.0)) for t in turns]
    inner = place_boundaries(weights, cands, (0.0, total), sigma)
    bounds = [0.0, *inner, total]

    out: list[Turn] = []
    for turn, a, b in zip(turns, bounds[:-1], bounds[1:], strict=True):
        words: list[Word] = []
        if turn.words:
            groups = _sentences(turn.words)
            sentence_weights = [sum(_word_weight(w) for w in g) for g in groups]
            cuts = place_boundaries(sentence_weights, cands, (a, b), max(500.0, 0.1 * (b - a)))
            edges = [a, *cuts, b]
            for group, sa, sb in zip(groups, edges[:-1], edges[1:], strict=True):
                words.extend(_timed_words(group, smap, sa, sb))
        start = int(round(float(smap.to_wall(np.array([a]), onset=True)[0])))
        end = int(round(float(smap.to_wall(np.array([b]), onset=False)[0])))
        out.append(Turn(turn.speaker, words, start, max(start, end)))
    return Transcript(out, transcript.title, dict(transcript.metadata), estimated=True)


def estimate_timings(
    transcript: Transcript,
    audio_path: str | Path | None = None,
    *,
    pauses: Sequence[Pause] | None = None,
    duration_ms: int | None = None,
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
) -> Transcript:
    """A new transcript with estimated turn and word times (``estimated=True``).

    Give either ``audio_path`` (its pauses are found by streaming it through ffmpeg; a job in the
    sense of core/jobs.py) or ``pauses`` and ``duration_ms``.
    """
    if audio_path is not None:
        duration_ms = probe_duration_ms(audio_path)
        pauses = find_pauses_with_progress(audio_path, duration_ms, progress, cancel)
    if pauses is None or duration_ms is None:
        raise ValueError("estimate_timings needs audio_path, or pauses and duration_ms")
    return estimate_from_pauses(transcript, pauses, duration_ms)


def find_pauses_with_progress(
    path: str | Path, duration_ms: int, progress: Progress, cancel: CancelToken | None
) -> list[Pause]:
    """:func:`podplayer.core.audio.find_pauses` with progress reports and cancellation."""
    levels = frame_levels_db(_watched_chunks(path, duration_ms, progress, cancel), PAUSE_RATE)
    return pauses_from_levels(levels, PAUSE_FRAME_MS, MIN_PAUSE_MS)


def _watched_chunks(
    path: str | Path, duration_ms: int, progress: Progress, cancel: CancelToken | None
) -> Iterator[Samples]:
    done = 0
    total = max(duration_ms, 1)
    for chunk in decode_pcm(path, rate=PAUSE_RATE, fast_resample=True):
        if cancel is not None:
            cancel.check()
        done += len(chunk) * 1000 // PAUSE_RATE
        progress(min(done, total), total, "Finding pauses")
        yield chunk
