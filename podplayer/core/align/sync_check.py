"""Check a timed transcript against its audio, listening only to short windows.

The transcript's times are a strong hint, not truth: feeds stitch different ads into every download,
so after the first ad that differs every line is early or late by the ad's length.

1. Probe: recognise short windows spread over the audio (pocketsphinx, a language model of the
   transcript itself). Each recognised word triple that occurs in the transcript votes for an offset
   (audio time minus transcript time); the clusters of votes are a window's candidate offsets.
2. Choose one offset (or none: an ad, music) per window by dynamic programming: many votes, few
   changes, transcript time moving forward. Repeated passages (intros, recurring segments) vote for
   several offsets; the consistent one wins.
3. Where neighbouring windows disagree there is a break. Bisect the turns between them, listening to
   a few seconds where a turn would be under either offset, until the break sits between two turns.
4. Measure each stretch's offset precisely from the recognised starts of turns' first words.

A one-hour episode costs some 300 s of recognised audio instead of 3,600.
"""

from __future__ import annotations

import statistics
import tempfile
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from podplayer.core.align.aligner import AlignError
from podplayer.core.align.episode_files import prepare_files, worker_setup
from podplayer.core.align.normalize import normalize_words
from podplayer.core.align.process_pool import WorkerPool
from podplayer.core.align.sync_report import (
    FIT_MS,
    PRE_ROLL_MIN_MS,
    Shift,
    Stretch,
    StretchKind,
    SyncReport,
)
from podplayer.core.align.worker import AlignPiece, TimedToken, align_piece, recognise_chunk
from podplayer.core.audio import probe_duration_ms
from podplayer.core.jobs import CancelToken, Progress, no_progress
from podplayer.core.model import Timing, Transcript

PROBE_MS = 6_000  # one probe window
MIN_SPACING_MS, MAX_SPACING_MS = 30_000, 150_000  # between probe windows
PROBES_PER_EPISODE = 24
CLUSTER_MS = 2_000  # votes this close agree on an offset
MIN_VOTES = 3  # a window's candidate needs this many word triples
CHANGE_COST = 5.0  # votes a change of offset must win to be believed
JUMP_MS_PER_VOTE = 60_000  # and one more vote per minute it moves
SAME_MS = 1_500  # coarse offsets this close are the same stretch
MIN_BREAK_MS = 2_000  # smaller jumps are the transcript's own imprecision, not a break
COMMON_GRAM = 12  # a word triple found more often than this says nothing about where we are
TEST_MS = 4_500  # audio listened to around one turn to decide which side of a break it is on
TEST_LEAD_MS = 400
MATCH_MS = 1_200  # a heard word this close to where a hypothesis puts it counts for it
MIN_SAMPLES = 3  # exact word starts wanted per stretch before its offset counts as measured
TIGHT_MS = 300  # their interquartile range must be this small
UNSURE_FIT_MS = 2_000  # without a measured offset, smaller ones may be mismatched words
PRECISE_WINDOWS = 2  # turns per stretch listened to (or force-aligned) for its precise offset
ALIGN_MAX_MS = 9_000  # turns force-aligned for the precise offset are at most this long
ALIGN_PAD_MS = 300
DECODE_SHARE, PROBE_SHARE = 0.15, 0.5


class SyncCheckError(AlignError):
    """The transcript cannot be checked (no times, or no words)."""


@dataclass(frozen=True, slots=True)
class _Tokens:
    texts: list[str]
    times: list[int]  # transcript time of each token (exact or interpolated within its turn)
    exact: list[bool]  # the time is the word's own (or its turn's start)
    unit: list[int]  # each token's turn index


@dataclass(frozen=True, slots=True)
class _Units:
    starts: list[int]
    ends: list[int]
    first_token: list[int]  # -1 for a turn without spoken tokens
    end_token: list[int]


@dataclass
class _Window:
    start_ms: int
    end_ms: int
    heard: list[TimedToken] = field(default_factory=list)


@dataclass
class _Candidate:
    offset_ms: int
    votes: int


@dataclass
class _Break:
    left: int  # offset before
    right: int  # offset after
    lo_unit: int  # last turn known at the left offset
    hi_unit: int  # first turn known at the right offset
    unknown: set[int] = field(default_factory=set)


def check_sync(
    transcript: Transcript,
    audio_path: str | Path,
    *,
    jobs: int = 2,
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
) -> SyncReport:
    """Where ``transcript``'s times disagree with ``audio_path`` (see the module docstring).

    Raises AudioError for unreadable audio, SyncCheckError for a transcript without times or words,
    and Cancelled (workers stopped, nothing left behind) when ``cancel`` is triggered.
    """
    cancel = cancel or CancelToken()
    audio = Path(audio_path)
    probe_duration_ms(audio)  # a clear AudioError before any work
    if transcript.timing in (Timing.NONE, Timing.ESTIMATED):
        raise SyncCheckError("the transcript has no times of its own to check")
    tokens, units = _token_times(transcript)
    if not tokens.texts:
        raise SyncCheckError("the transcript has no words to check")
    progress(0.0, 1.0, "Decoding audio")
    # The language model learns the transcript turn by turn (its sentences are the turns).
    turn_tokens: dict[int, list[str]] = defaultdict(list)
    for text, unit in zip(tokens.texts, tokens.unit, strict=True):
        turn_tokens[unit].append(text)
    with tempfile.TemporaryDirectory(prefix="podplayer-sync-") as folder:
        try:
            # The workers start up (interpreter, pocketsphinx) while the audio is being decoded.
            with WorkerPool(jobs, worker_setup(Path(folder))) as pool:
                _, duration_ms = prepare_files(Path(folder), audio, list(turn_tokens.values()), cancel)
                progress(DECODE_SHARE, 1.0, "Listening")
                return _Checker(pool, tokens, units, duration_ms, progress, cancel).run()
        except (RuntimeError, OSError, EOFError) as exc:  # a worker that cannot start or crashes
            raise SyncCheckError(f"the sync check failed: {exc}") from exc


def _token_times(transcript: Transcript) -> tuple[_Tokens, _Units]:
    words = [w for t in transcript.turns for w in t.words]
    normalized = normalize_words([w.text for w in words])
    word_unit: list[int] = []
    word_time: list[int] = []
    word_exact: list[bool] = []
    starts: list[int] = []
    ends: list[int] = []
    for u, turn in enumerate(transcript.turns):
        start = turn.start_ms or 0
        following = next((t.start_ms for t in transcript.turns[u + 1 :] if t.start_ms is not None), None)
        end = turn.end_ms if turn.end_ms is not None and turn.end_ms > start else following
        if end is None or end <= start:
            end = start + 60 * max(1, len(turn.text))
        starts.append(start)
        ends.append(end)
        chars = max(1, len(turn.text))
        for (char_start, _), word in zip(turn.word_char_spans(), turn.words, strict=True):
            word_unit.append(u)
            if word.start_ms is not None:
                word_time.append(word.start_ms)
                word_exact.append(True)
            else:
                word_time.append(start + (end - start) * char_start // chars)
                word_exact.append(char_start == 0)
    first = [-1] * len(transcript.turns)
    last = [-1] * len(transcript.turns)
    seen_words: set[int] = set()
    texts, times, exact, unit = [], [], [], []
    for k, token in enumerate(normalized):
        u = word_unit[token.word_index]
        if first[u] < 0:
            first[u] = k
        last[u] = k + 1
        texts.append(token.text)
        times.append(word_time[token.word_index])
        # Only a word's first token has the word's own time.
        exact.append(word_exact[token.word_index] and token.word_index not in seen_words)
        seen_words.add(token.word_index)
        unit.append(u)
    return _Tokens(texts, times, exact, unit), _Units(starts, ends, first, last)


class _Checker:
    def __init__(
        self,
        pool: WorkerPool,
        tokens: _Tokens,
        units: _Units,
        duration_ms: int,
        progress: Progress,
        cancel: CancelToken,
    ) -> None:
        self.pool, self.tokens, self.units = pool, tokens, units
        self.duration_ms, self.progress, self.cancel = duration_ms, progress, cancel
        self.listened_ms = 0
        self.grams: dict[tuple[str, str, str], list[int]] = defaultdict(list)
        texts = tokens.texts
        for k in range(len(texts) - 2):
            self.grams[(texts[k], texts[k + 1], texts[k + 2])].append(k)
        # Every recognised word with a transcript token it was matched to: (token, heard start).
        self.samples: list[tuple[int, int]] = []

    # --- listening ------------------------------------------------------------------------------

    def _listen(self, windows: list[_Window]) -> None:
        spans = [(w.start_ms, w.end_ms) for w in windows if w.end_ms - w.start_ms >= 500]
        todo = [w for w in windows if w.end_ms - w.start_ms >= 500]
        results = self.pool.run(recognise_chunk, spans, _ignore, self.cancel)
        for window, heard in zip(todo, results, strict=True):
            window.heard = heard
            self.listened_ms += window.end_ms - window.start_ms

    # --- step 1: probes -------------------------------------------------------------------------

    def run(self) -> SyncReport:
        spacing = min(MAX_SPACING_MS, max(MIN_SPACING_MS, self.duration_ms // PROBES_PER_EPISODE))
        probes = [
            _Window(start, min(self.duration_ms, start + PROBE_MS))
            for start in range(0, max(1, self.duration_ms - PROBE_MS // 2), spacing)
        ]
        self._listen(probes)
        self.progress(DECODE_SHARE + PROBE_SHARE, 1.0, "Looking for breaks")
        candidates = [self._candidates(p) for p in probes]
        chosen = _choose(probes, candidates)
        for probe, offset in zip(probes, chosen, strict=True):
            if offset is not None:
                self._keep_exact(probe, offset)
        segments = _segments(chosen)
        if not segments:
            raise SyncCheckError(
                "none of the transcript's words were heard in the audio: is it the right file?"
            )
        breaks = self._locate_breaks(probes, segments)
        return self._report(segments, breaks)

    def _votes(self, window: _Window) -> list[tuple[int, int]]:
        """(offset, token) for every recognised word triple found in the transcript."""
        out: list[tuple[int, int]] = []
        heard = window.heard
        for i in range(len(heard) - 2):
            found = self.grams.get((heard[i][0], heard[i + 1][0], heard[i + 2][0]))
            if not found or len(found) > COMMON_GRAM:
                continue
            out += [(heard[i][1] - self.tokens.times[k], k) for k in found]
        return out

    def _keep_exact(self, window: _Window, offset: int) -> None:
        """Remember the heard starts of words whose transcript time is exact, at this offset."""
        for off, k in self._votes(window):
            if self.tokens.exact[k] and abs(off - offset) <= MATCH_MS:
                self.samples.append((k, off + self.tokens.times[k]))

    def _candidates(self, window: _Window) -> list[_Candidate]:
        votes = sorted(o for o, _ in self._votes(window))
        out: list[_Candidate] = []
        i = 0
        while i < len(votes):
            j = i
            while j < len(votes) and votes[j] - votes[i] <= CLUSTER_MS:
                j += 1
            if j - i >= MIN_VOTES:
                out.append(_Candidate(round(statistics.median(votes[i:j])), j - i))
                i = j
            else:
                i += 1
        return out

    # --- step 3: breaks -------------------------------------------------------------------------

    def _matched_units(self, window: _Window, offset: int) -> list[int]:
        """Turns whose words this window heard where ``offset`` puts them."""
        found: list[int] = []
        for off, k in self._votes(window):
            if abs(off - offset) <= CLUSTER_MS:
                found.append(self.tokens.unit[k])
        return found

    def _locate_breaks(self, probes: list[_Window], segments: list[_Segment]) -> list[_Break]:
        breaks: list[_Break] = []
        for a, b in zip(segments, segments[1:], strict=False):
            left_units = self._matched_units(probes[a.last], a.offset)
            right_units = self._matched_units(probes[b.first], b.offset)
            lo = max(left_units) if left_units else self._unit_at(probes[a.last].start_ms - a.offset)
            hi = min(right_units) if right_units else self._unit_at(probes[b.first].end_ms - b.offset)
            breaks.append(_Break(a.offset, b.offset, lo, max(lo + 1, hi)))
        rounds = 0
        while any(self._open(b) for b in breaks) and rounds < 40:
            rounds += 1
            tests: list[tuple[_Break, int, _Window, _Window]] = []
            for brk in breaks:
                unit = self._next_test(brk)
                if unit is None:
                    continue
                start = self.units.starts[unit]
                tests.append(
                    (brk, unit, self._test_window(start + brk.left), self._test_window(start + brk.right))
                )
            if not tests:
                break
            self._listen([w for _, _, left, right in tests for w in (left, right)])
            for brk, unit, left, right in tests:
                at_left = self._unit_votes(left, unit, brk.left)
                at_right = self._unit_votes(right, unit, brk.right)
                if at_left > at_right and at_left >= 2:
                    brk.lo_unit = unit
                elif at_right > at_left and at_right >= 2:
                    brk.hi_unit = unit
                else:
                    brk.unknown.add(unit)
            self.progress(min(0.95, DECODE_SHARE + PROBE_SHARE + 0.03 * rounds), 1.0, "Looking for breaks")
        return breaks

    def _unit_at(self, transcript_ms: int) -> int:
        starts = self.units.starts
        return max(0, min(len(starts) - 1, sum(1 for s in starts if s <= transcript_ms) - 1))

    def _open(self, brk: _Break) -> bool:
        return self._next_test(brk) is not None

    def _next_test(self, brk: _Break) -> int | None:
        """The turn to listen for next: the middle one of those not yet placed (None: done)."""
        todo = [
            u
            for u in range(brk.lo_unit + 1, brk.hi_unit)
            if u not in brk.unknown and self.units.first_token[u] >= 0
        ]
        return todo[len(todo) // 2] if todo else None

    def _test_window(self, start_ms: int) -> _Window:
        begin = max(0, start_ms - TEST_LEAD_MS)
        return _Window(begin, min(self.duration_ms, begin + TEST_MS))

    def _unit_votes(self, window: _Window, unit: int, offset: int) -> int:
        """How many heard words are this turn's words where ``offset`` puts them."""
        first, end = self.units.first_token[unit], self.units.end_token[unit]
        wanted: dict[str, list[int]] = defaultdict(list)
        for k in range(first, end):
            wanted[self.tokens.texts[k]].append(k)
        count = 0
        for word, start, _ in window.heard:
            for k in wanted.get(word, ()):
                if abs(start - (self.tokens.times[k] + offset)) <= MATCH_MS:
                    count += 1
                    if self.tokens.exact[k]:
                        self.samples.append((k, start))
                    break
        return count

    # --- step 4: precise offsets and the report --------------------------------------------------

    def _report(self, segments: list[_Segment], breaks: list[_Break]) -> SyncReport:
        bounds = [self._break_time(b) for b in breaks]  # transcript ms where each later stretch starts
        ranges = list(
            zip([0, *[u for u, _ in bounds]], [*[u for u, _ in bounds], len(self.units.starts)], strict=True)
        )
        offsets, sure = self._precise_offsets(segments, ranges)
        shifts = [Shift(0, offsets[0])] + [Shift(t, o) for (_, t), o in zip(bounds, offsets[1:], strict=True)]
        stretches: list[Stretch] = []
        first = offsets[0]
        if abs(first) >= PRE_ROLL_MIN_MS:
            kind = StretchKind.INSERTED if first > 0 else StretchKind.REMOVED
            stretches.append(Stretch(kind, 0, max(0, first), abs(first) / 1000, first))
        elif abs(first) >= (FIT_MS if sure[0] else UNSURE_FIT_MS):
            stretches.append(Stretch(StretchKind.OFFSET, 0, self.duration_ms, first / 1000, first))
        for (unit, _), before, after in zip(bounds, offsets, offsets[1:], strict=False):
            gap_start = self.units.ends[unit - 1] + before
            gap_end = self.units.starts[unit] + after
            delta = after - before
            if delta > 0:
                start = gap_start + max(0, gap_end - gap_start - delta) // 2
                stretches.append(Stretch(StretchKind.INSERTED, start, start + delta, delta / 1000, after))
            else:
                point = gap_start + max(0, gap_end - gap_start) // 2
                stretches.append(Stretch(StretchKind.REMOVED, point, point, -delta / 1000, after))
        return SyncReport(self.duration_ms, tuple(stretches), tuple(shifts), self.listened_ms)

    def _break_time(self, brk: _Break) -> tuple[int, int]:
        """(first turn after the break, transcript ms where the later offset begins)."""
        unknown = [u for u in range(brk.lo_unit + 1, brk.hi_unit)]
        unit = unknown[len(unknown) // 2] if unknown else brk.hi_unit
        unit = max(1, min(unit, len(self.units.starts) - 1))
        gap_start = self.units.ends[unit - 1]
        return unit, (gap_start + max(gap_start, self.units.starts[unit])) // 2

    def _precise_offsets(
        self, segments: list[_Segment], ranges: list[tuple[int, int]]
    ) -> tuple[list[int], list[bool]]:
        """Each stretch's offset from exact word starts heard in it (more windows where too few), and
        whether the evidence agrees well enough to call a small offset an offset."""
        coarse = [s.offset for s in segments]
        windows: list[tuple[int, _Window, int]] = []
        for i, (lo, hi) in enumerate(ranges):
            have = self._exact_samples(lo, hi, coarse[i])
            if len(have) >= MIN_SAMPLES:
                continue
            units = [u for u in range(lo, hi) if self.units.first_token[u] >= 0]
            step = max(1, len(units) // (PRECISE_WINDOWS + 1))
            for u in units[step::step][:PRECISE_WINDOWS]:
                windows.append((i, self._test_window(self.units.starts[u] + coarse[i]), u))
        if windows:
            self._listen([w for _, w, _ in windows])
            for i, window, u in windows:
                self._unit_votes(window, u, coarse[i])
        out: list[int] = []
        tight: list[bool] = []
        for i, (lo, hi) in enumerate(ranges):
            samples = self._exact_samples(lo, hi, coarse[i])
            out.append(round(statistics.median(samples)) if samples else coarse[i])
            tight.append(len(samples) >= MIN_SAMPLES and _spread(samples) <= TIGHT_MS)
        aligned = self._aligned_offsets(ranges, out)
        offsets = [o if o is not None else out[i] for i, o in enumerate(aligned)]
        return offsets, [tight[i] or aligned[i] is not None for i in range(len(ranges))]

    def _aligned_offsets(self, ranges: list[tuple[int, int]], offsets: list[int]) -> list[int | None]:
        """Refine each stretch's offset by force-aligning a few short turns where it puts them.

        Recognition skims every third frame and hears a word's onset some tens of ms late; forced
        alignment at full frame rate places it within about 10 ms (the aligner's own accuracy).
        """
        pieces: list[tuple[int, AlignPiece]] = []
        for i, (lo, hi) in enumerate(ranges):
            units = [
                u
                for u in range(lo, hi)
                if self.units.first_token[u] >= 0
                and self.units.end_token[u] - self.units.first_token[u] >= 3
                and self.units.ends[u] - self.units.starts[u] <= ALIGN_MAX_MS
            ]
            step = max(1, len(units) // (PRECISE_WINDOWS + 1))
            for u in units[step::step][:PRECISE_WINDOWS]:
                start = max(0, self.units.starts[u] + offsets[i] - ALIGN_PAD_MS)
                end = min(self.duration_ms, self.units.ends[u] + offsets[i] + ALIGN_PAD_MS)
                texts = tuple(self.tokens.texts[self.units.first_token[u] : self.units.end_token[u]])
                pieces.append((i, AlignPiece(u, start, end, texts)))
        if not pieces:
            return [None] * len(offsets)
        results = self.pool.run(align_piece, [p for _, p in pieces], _ignore, self.cancel)
        self.listened_ms += sum(p.end_ms - p.start_ms for _, p in pieces)
        found: dict[int, list[int]] = defaultdict(list)
        for (i, piece), (_, timed) in zip(pieces, results, strict=True):
            if timed:
                sample = timed[0][1] - self.units.starts[piece.index]
                if abs(sample - offsets[i]) <= MATCH_MS:
                    found[i].append(sample)
        return [round(statistics.median(found[i])) if found[i] else None for i in range(len(offsets))]

    def _exact_samples(self, lo: int, hi: int, offset: int) -> list[int]:
        out = []
        for k, start in self.samples:
            if lo <= self.tokens.unit[k] < hi:
                sample = start - self.tokens.times[k]
                if abs(sample - offset) <= MATCH_MS:
                    out.append(sample)
        return out


@dataclass(frozen=True, slots=True)
class _Segment:
    first: int  # probe indexes
    last: int
    offset: int


def _choose(probes: Sequence[_Window], candidates: Sequence[list[_Candidate]]) -> list[int | None]:
    """One offset (or None) per probe: the most votes for the fewest changes, moving forward in time.

    best[j][c] = votes of candidate c at probe j + the best earlier choice it may follow (a change of
    offset costs CHANGE_COST votes; the transcript time it implies must not run backwards).
    """
    best: list[list[float]] = []
    back: list[list[tuple[int, int] | None]] = []
    for j, cands in enumerate(candidates):
        row: list[float] = []
        links: list[tuple[int, int] | None] = []
        for cand in cands:
            score, link = float(cand.votes) - _prior(cand.offset_ms), None
            t_here = probes[j].start_ms - cand.offset_ms
            for i in range(j):
                for c, prev in enumerate(candidates[i]):
                    if probes[i].start_ms - prev.offset_ms > t_here + SAME_MS:
                        continue
                    jump = abs(prev.offset_ms - cand.offset_ms)
                    # Ads are short next to the distance between repeats of a passage: of two changes
                    # equally well heard, the smaller one is the likelier.
                    change = 0.0 if jump <= SAME_MS else CHANGE_COST + jump / JUMP_MS_PER_VOTE
                    total = best[i][c] + cand.votes - change
                    if total > score:
                        score, link = total, (i, c)
            row.append(score)
            links.append(link)
        best.append(row)
        back.append(links)
    chosen: list[int | None] = [None] * len(probes)
    ends = [(s, j, c) for j, row in enumerate(best) for c, s in enumerate(row)]
    if not ends:
        return chosen
    _, j, c = max(ends)
    node: tuple[int, int] | None = (j, c)
    while node is not None:
        j, c = node
        chosen[j] = candidates[j][c].offset_ms
        node = back[j][c]
    return chosen


def _spread(samples: list[int]) -> float:
    """The interquartile range: how well the samples agree, ignoring the odd mismatched word."""
    if len(samples) < 4:
        return float(max(samples) - min(samples))
    q1, _, q3 = statistics.quantiles(samples, n=4)
    return q3 - q1


def _prior(offset_ms: int) -> float:
    """The transcript's times are a strong hint: a large offset needs a little more evidence."""
    return min(2.0, abs(offset_ms) / 120_000)


def _segments(chosen: Sequence[int | None]) -> list[_Segment]:
    """Runs of probes that agree on an offset; jumps smaller than MIN_BREAK_MS are merged."""
    out: list[_Segment] = []
    for j, offset in enumerate(chosen):
        if offset is None:
            continue
        if out and abs(out[-1].offset - offset) < MIN_BREAK_MS:
            out[-1] = _Segment(out[-1].first, j, out[-1].offset)
        else:
            out.append(_Segment(j, j, offset))
    return out


def _ignore(_: int, __: object) -> None:
    """Progress is reported per round, not per window."""
