"""Estimated timings for an untimed transcript, from the pauses in its audio.

An honest first guess, not an alignment: speech is assumed to take time in proportion to the number
of characters spoken, and turn and sentence boundaries are expected to fall in pauses.

1. Find the pauses in the audio; what is left are islands of speech. "Speech time" is wall time with
   the pauses taken out, so text can be spread over speech only.
2. Turn boundaries: dynamic programming picks, for every boundary between two turns, one pause (in
   order), trading the distance from where the text proportion puts the boundary against the pause's
   length (longer pauses are likelier turn changes). Each speaker's speaking rate is then re-estimated
   from that first pass and the boundaries are placed again with the refined expectation.
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
from podplayer.core.jobs import CancelToken, ProgressFn, no_progress
from podplayer.core.model import AudioError, Transcript, Turn, Word

MIN_PAUSE_MS = 150  # shorter gaps are stop consonants and breaths inside words
MIN_ISLAND_MS = 80  # shorter sounds between pauses are clicks, not words
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


BAND_SIGMAS = 4.0  # candidates further than this many sigmas from the expectation are not considered
FALLBACK_PENALTY = 2.0  # cost of a boundary placed inside speech instead of in a pause


def place_boundaries(
    weights: Sequence[float], candidates: Candidates, span: tuple[float, float], sigma_ms: float
) -> list[float]:
    """Speech-time positions of the ``len(weights) - 1`` boundaries between consecutive segments.

    Segments of text with ``weights`` fill the speech span in order; boundary k is expected at its
    text proportion of the span. A DP over the candidates (in order, each used at most once) minimises
    ``((position - expected) / sigma)^2 / 2 - log(1 + pause / 200 ms)`` summed over boundaries. Fallback
    candidates at the expected positions guarantee a solution when there are too few pauses. Only
    candidates within a band around each expectation are scored, so time and memory stay linear in
    the number of boundaries for long episodes.
    """
    n = len(weights) - 1
    if n <= 0:
        return []
    lo, hi = span
    w = np.maximum(np.asarray(weights, dtype=np.float64), 1e-9)
    expected = lo + (hi - lo) * np.cumsum(w)[:-1] / w.sum()
    real = candidates.within(lo, hi)
    pos = np.concatenate([real.speech_ms, expected])
    length = np.concatenate([real.length_ms, np.zeros(n)])
    order = np.argsort(pos, kind="stable")
    pos, length = pos[order], length[order]
    gain = np.log1p(length / 200.0) - np.where(length > 0, 0.0, FALLBACK_PENALTY)
    reach = BAND_SIGMAS * sigma_ms
    starts = np.searchsorted(pos, expected - reach, side="left")
    ends = np.searchsorted(pos, expected + reach, side="right")

    # prev holds the best total cost of boundaries 0..k-1 with boundary k-1 at candidate
    # prev_start + i; backs[k][i] is where boundary k-1 sits when boundary k is at starts[k] + i.
    prev_start, prev_end = int(starts[0]), int(ends[0])
    prev = 0.5 * ((pos[prev_start:prev_end] - expected[0]) / sigma_ms) ** 2 - gain[prev_start:prev_end]
    backs: list[npt.NDArray[np.int64]] = [np.zeros(0, dtype=np.int64)]
    for k in range(1, n):
        s, e = int(starts[k]), int(ends[k])
        span_vals = np.full(e - prev_start, np.inf)
        span_vals[: prev_end - prev_start] = prev[: e - prev_start]
        best = np.minimum.accumulate(span_vals)
        arg = np.maximum.accumulate(np.where(span_vals <= best, np.arange(prev_start, e), prev_start))
        # Boundary k at candidate j needs boundary k-1 strictly before j.
        before = np.arange(s, e) - 1 - prev_start
        valid = before >= 0
        safe = np.maximum(before, 0)
        best_before = np.where(valid, best[safe], np.inf)
        cost = 0.5 * ((pos[s:e] - expected[k]) / sigma_ms) ** 2 - gain[s:e]
        prev = cost + best_before
        backs.append(np.where(valid, arg[safe], -1))
        prev_start, prev_end = s, e
    j = prev_start + int(np.argmin(prev))
    chosen = [j]
    for k in range(n - 1, 0, -1):
        j = int(backs[k][j - int(starts[k])])
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
    # The uncertainty of a proportional guess grows with the length of the episode.
    sigma = max(2_000.0, 0.04 * total)
    first = place_boundaries([_turn_weight(t) for t in turns], cands, (0.0, total), sigma)
    rates = _speaker_rates(turns, [0.0, *first, total])
    inner = place_boundaries(
        [_turn_weight(t, rates.get(t.speaker, 1.0)) for t in turns], cands, (0.0, total), sigma / 2
    )
    bounds = [0.0, *inner, total]

    out: list[Turn] = []
    for turn, a, b in zip(turns, bounds[:-1], bounds[1:], strict=True):
        words: list[Word] = []
        if turn.words:
            groups = _sentences(turn.words)
            weights = [sum(_word_weight(w) for w in g) for g in groups]
            local_sigma = max(500.0, 0.1 * (b - a))
            cuts = place_boundaries(weights, cands, (a, b), local_sigma)
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
    progress: ProgressFn = no_progress,
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
    path: str | Path, duration_ms: int, progress: ProgressFn, cancel: CancelToken | None
) -> list[Pause]:
    """:func:`podplayer.core.audio.find_pauses` with progress reports and cancellation."""
    levels = frame_levels_db(_watched_chunks(path, duration_ms, progress, cancel), PAUSE_RATE)
    return pauses_from_levels(levels, PAUSE_FRAME_MS, MIN_PAUSE_MS)


def _watched_chunks(
    path: str | Path, duration_ms: int, progress: ProgressFn, cancel: CancelToken | None
) -> Iterator[Samples]:
    done = 0
    total = max(duration_ms, 1)
    for chunk in decode_pcm(path, rate=PAUSE_RATE, fast_resample=True):
        if cancel is not None:
            cancel.check()
        done += len(chunk) * 1000 // PAUSE_RATE
        progress(min(done, total), total, "Finding pauses")
        yield chunk
