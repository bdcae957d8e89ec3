"""Turn starts where the voice changes, heard by a speaker-segmentation model.

A speaker change is the strongest evidence of where a turn starts: the voice changes there, whether
or not there is a pause, and the new voice may start while the other one is still finishing (real
people talk over each other's last words). Forced alignment hears phonemes, not voices: at a change
without a pause it puts the boundary wherever the phonemes fit best, often a few hundred ms off, and
a word the next speaker starts under the previous one's is placed after them.

So, at every change of speaker between turns aligned in order, a 10 s window around the aligned
start is given to pyannote's segmentation model (core/speaker_activity). Its local speakers are tied
to the two turns by the aligned words (the one talking through most of each turn), and the turn
starts where the new turn's voice starts: the run of that voice under the aligned start, or the
first one after it. Where the model does not tell the two turns' voices apart, nothing moves.

Short turns said over someone else's (a "mm-hmm" inside a long answer) are found the same way: a
voice that starts under the voice of the turn being spoken (see ``second_voices``).
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from podplayer.core.align.placement import Placed
from podplayer.core.align.worker import SAMPLE_RATE, read_pcm
from podplayer.core.speaker_activity import WINDOW_MS, Activity, Run, activities

MAX_EARLIER_MS = 1_500  # the new voice may start this much before the aligned start ...
MAX_LATER_MS = 1_000  # ... or this much after it
MIN_SHARE = 0.5  # a turn's voice talks through at least this share of the turn's aligned span
MIN_FIRST_WORD_MS = 40  # a turn start moved later leaves its first word at least this long
FIRST_TOKENS = 3  # a turn whose first tokens went unaligned is found by the first aligned of these
MIN_CONFIDENCE = 0.25  # starts interpolated or spread over a stretch stay where they are, flagged
# The model marks a voice's onset 50-80 ms ahead of the first word on clean speech, where forced
# alignment after a pause is sharper: only a larger disagreement shows a start on the wrong side of
# the change.
MIN_SHIFT_MS = 200
CONTEXT_MS = 4_000  # at most this much of each turn tells its voice
TIE_MS = 1_000  # a turn this long tells which local speaker it is
WINDOWS_AT_ONCE = 8
SAME_RUN_MS = 250  # two windows' runs starting this close are one run


@dataclass(frozen=True, slots=True)
class _Change:
    first: int  # the turn's first token
    end: int  # one past its last token
    previous_first: int  # the turn before it (aligned in order, another speaker)
    previous_end: int


def window_at(pcm_path: str, centre_ms: int, duration_ms: int) -> tuple[int, np.ndarray]:
    """A 10 s window of the decoded episode around ``centre_ms`` (inside the file where it can be)."""
    start = max(0, min(centre_ms - WINDOW_MS // 2, duration_ms - WINDOW_MS))
    raw = np.frombuffer(read_pcm(pcm_path, start, start + WINDOW_MS), dtype="<i2")
    return start, raw.astype(np.float32) / 32768.0


def start_at_voice_changes(
    pcm_path: str,
    token_turns: Sequence[int],
    speakers: Sequence[str],
    placed: Sequence[Placed | None],
    floating: set[int],
    duration_ms: int,
) -> tuple[list[Placed | None], set[int]]:
    """A copy of ``placed`` with each turn that follows another speaker starting where its voice does.

    Also the tokens moved before the start of the token before them: a turn begun under the previous
    speaker's last word, which the transcript's order in time must not push back after it.
    """
    out = list(placed)
    moved: set[int] = set()
    changes = _changes(token_turns, speakers, placed, floating)
    if not changes:
        return out, moved
    assert SAMPLE_RATE == 16_000
    for change, activity in zip(changes, _activities_at(pcm_path, changes, placed, duration_ms), strict=True):
        onset = _voice_onset(activity, change, placed)
        if onset is None:
            continue
        first = out[change.first]
        if first is not None and onset < first.end_ms - MIN_FIRST_WORD_MS:
            out[change.first] = Placed(onset, first.end_ms, first.confidence)
        elif first is None and onset < (timed := _first_timed(out, change)).start_ms - MIN_FIRST_WORD_MS:
            # The turn's first words went unaligned: they lie between its voice's onset and its
            # first aligned word (interpolation spreads them there).
            out[change.first] = Placed(onset, timed.start_ms, timed.confidence)
        else:
            continue
        previous_starts = [
            p.start_ms for p in out[change.previous_first : change.previous_end] if p is not None
        ]
        if previous_starts and onset < max(previous_starts):
            moved.add(change.first)
    return out, moved


def _activities_at(
    pcm_path: str, changes: list[_Change], placed: Sequence[Placed | None], duration_ms: int
) -> Iterator[Activity]:
    """The activity around each change, read a few windows at a time (an hour has hundreds of
    changes; their audio all at once would take hundreds of MB)."""
    for first in range(0, len(changes), WINDOWS_AT_ONCE):
        chunk = changes[first : first + WINDOWS_AT_ONCE]
        yield from activities([window_at(pcm_path, _first_timed(placed, c).start_ms, duration_ms) for c in chunk])


def _first_timed(placed: Sequence[Placed | None], change: _Change) -> Placed:
    return next(p for p in placed[change.first : change.end] if p is not None)


def _changes(
    token_turns: Sequence[int], speakers: Sequence[str], placed: Sequence[Placed | None], floating: set[int]
) -> list[_Change]:
    """The turns aligned in order that follow a turn of another speaker, with both turns' tokens."""
    turns: list[tuple[int, int]] = []  # (first token, end token) of each turn aligned in order
    k, n = 0, len(token_turns)
    while k < n:
        end = k
        while end < n and token_turns[end] == token_turns[k]:
            end += 1
        if token_turns[k] not in floating and any(p is not None for p in placed[k:end]):
            turns.append((k, end))
        k = end
    out: list[_Change] = []
    for (pf, pe), (f, e) in itertools.pairwise(turns):
        first = next((p for p in placed[f : min(e, f + FIRST_TOKENS)] if p is not None), None)
        if first is None or first.confidence < MIN_CONFIDENCE:
            continue
        if speakers[token_turns[pf]] != speakers[token_turns[f]]:
            out.append(_Change(f, e, pf, pe))
    return out


def _span(placed: Sequence[Placed | None], first: int, end: int) -> tuple[int, int] | None:
    timed = [p for p in placed[first:end] if p is not None]
    if not timed:
        return None
    return min(p.start_ms for p in timed), max(p.end_ms for p in timed)


def _voice(activity: Activity, start_ms: int, end_ms: int) -> int | None:
    """The local speaker talking through most of [start_ms, end_ms), if one does."""
    start_ms, end_ms = max(start_ms, activity.start_ms), min(end_ms, activity.end_ms)
    if end_ms - start_ms <= 0:
        return None
    talk = activity.talk_ms(start_ms, end_ms)
    voice = int(np.argmax(talk))
    return voice if talk[voice] >= MIN_SHARE * (end_ms - start_ms) else None


def _voice_onset(activity: Activity, change: _Change, placed: Sequence[Placed | None]) -> int | None:
    at = _first_timed(placed, change).start_ms
    turn = _span(placed, change.first, change.end)
    previous = _span(placed, change.previous_first, change.previous_end)
    if turn is None or previous is None:
        return None
    new = _voice(activity, at, min(turn[1], at + CONTEXT_MS))
    old = _voice(activity, max(previous[0], at - CONTEXT_MS), min(previous[1], at))
    if new is None or old is None or new == old:
        return None
    runs = [r for r in activity.runs() if r.speaker == new]
    under = next((r for r in runs if r.start_ms <= at < r.end_ms), None)
    if under is None:
        under = next((r for r in runs if at < r.start_ms <= at + MAX_LATER_MS), None)
    if under is None or under.start_ms < at - MAX_EARLIER_MS or under.start_ms <= previous[0]:
        return None
    if under.start_ms <= activity.start_ms:  # the voice runs on from before the window: no onset seen
        return None
    if abs(under.start_ms - at) < MIN_SHIFT_MS:
        return None
    if under.start_ms < at and under.start_ms >= previous[1]:
        return None  # in the pause before the turn: a filler or a breath the transcript leaves out
    return under.start_ms


def second_voices(activity: Activity, over: Sequence[tuple[str, int, int]], speakers: set[str]) -> list[Run]:
    """Runs of a voice that starts under another's, in one window: where short turns are said over.

    ``over``: the turns aligned in order in the window, as (speaker, start, end). A local speaker
    that talks through most of such a turn is that turn's speaker; a run of a local speaker who is
    one of ``speakers`` or nobody known, starting while another local speaker talks, is a candidate.
    """
    tied: dict[int, str] = {}
    for who, start, end in over:
        voice = _voice(activity, start, end)
        if voice is not None and end - start >= TIE_MS:
            tied.setdefault(voice, who)
    out: list[Run] = []
    for run in activity.runs():
        if tied.get(run.speaker, "") in speakers | {""} and activity.starts_under_another(run):
            out.append(run)
    return out


class VoicesOver:
    """Second voices, heard under someone else's, between two times (windows cached).

    ``over``: the turns aligned in order, as (speaker, start, end), which tie each window's local
    speakers to transcript speakers.
    """

    # Every moment is seen by ten windows (away from the file's ends): a "mm" under a long answer is
    # often heard by only a few of them, with the voice it sits under on a different side.
    STEP_MS = WINDOW_MS // 10

    def __init__(self, pcm_path: str, duration_ms: int, over: Sequence[tuple[str, int, int]]) -> None:
        self._pcm_path = pcm_path
        self._duration_ms = duration_ms
        self._over = sorted(over, key=lambda o: o[1])
        self._over_starts = [o[1] for o in self._over]
        self._longest = max((b - a for _, a, b in self._over), default=0)
        self._windows: dict[int, Activity] = {}

    def between(self, speakers: set[str], start_ms: int, end_ms: int) -> list[Run]:
        """Second voices of ``speakers`` (or of nobody known) starting in the span, in time order;
        a run seen by two windows is given once."""
        starts = range(
            max(0, (start_ms - WINDOW_MS) // self.STEP_MS * self.STEP_MS + self.STEP_MS),
            max(1, min(end_ms, self._duration_ms)),
            self.STEP_MS,
        )
        self._load([s for s in starts if s not in self._windows])
        found: list[Run] = []
        for s in starts:
            activity = self._windows[s]
            inside = self._turns_in(activity)
            found += [r for r in second_voices(activity, inside, speakers) if start_ms <= r.start_ms < end_ms]
        out: list[Run] = []
        for run in sorted(found, key=lambda r: r.start_ms):
            if out and run.start_ms - out[-1].start_ms < SAME_RUN_MS:
                continue
            out.append(run)
        return out

    def _turns_in(self, activity: Activity) -> list[tuple[str, int, int]]:
        """The turns aligned in order that reach into the window (by bisection: an hour has thousands)."""
        lo = bisect.bisect_left(self._over_starts, activity.start_ms - self._longest)
        hi = bisect.bisect_left(self._over_starts, activity.end_ms)
        return [o for o in self._over[lo:hi] if o[2] > activity.start_ms]

    def _load(self, starts: list[int]) -> None:
        if not starts:
            return
        for first in range(0, len(starts), WINDOWS_AT_ONCE):
            chunk = starts[first : first + WINDOWS_AT_ONCE]
            windows = [window_at(self._pcm_path, s + WINDOW_MS // 2, self._duration_ms) for s in chunk]
            for s, activity in zip(chunk, activities(windows), strict=True):
                self._windows[s] = activity
