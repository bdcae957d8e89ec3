"""Audio the transcript lacks (ads stitched in after it was timed): where it plays and what follows it.

The sync check finds these stretches (``EpisodeSync.untranscribed``, in the audio's time base). This
module answers what the player shows at a position once they are known:

- inside a stretch, no transcript word is current: the stretch itself is the place playing;
- just after one, until the turn that follows it begins, that turn's first word is current (follow
  resumes there instead of going back to the turn before the ad), unless the turn before the stretch
  is still speaking;
- anywhere else, the timeline answers as usual.

Each stretch is noted on the first turn starting at or after it (``turn``); a stretch after the last
turn has none.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from podplayer.core.timeline import Location, Timeline


@dataclass(frozen=True, slots=True)
class UntranscribedStretch:
    """``[start_ms, end_ms)`` of audio the transcript lacks, and the turn that follows it."""

    start_ms: int
    end_ms: int
    turn: int | None  # the first turn starting at or after the stretch; None after the last turn

    @property
    def length_ms(self) -> int:
        return self.end_ms - self.start_ms

    def describe(self, *, playing: bool = False) -> str:
        """ "30 s not in the transcript (likely an ad)", or "Playing 30 s …" while it plays."""
        text = f"{seconds_text(self.length_ms)} not in the transcript ({_likely(self.start_ms)})"
        return f"Playing {text}" if playing else text


def seconds_text(ms: int) -> str:
    """A stretch's length as a listener says it: "30 s", "2 min 5 s"."""
    seconds = max(1, round(ms / 1000))
    minutes, rest = divmod(seconds, 60)
    if not minutes:
        return f"{seconds} s"
    return f"{minutes} min {rest} s" if rest else f"{minutes} min"


def _likely(start_ms: int) -> str:
    return "likely a pre-roll ad" if start_ms == 0 else "likely an ad"


class UntranscribedAudio:
    """The stretches of one episode, indexed for the player's position ticks (bisect, O(log n))."""

    def __init__(self, spans: Iterable[tuple[int, int]], timeline: Timeline) -> None:
        self.timeline = timeline
        self.stretches = tuple(
            UntranscribedStretch(start, end, timeline.first_turn_from(start))
            for start, end in sorted(spans)
            if end > start
        )
        self._starts = [s.start_ms for s in self.stretches]

    def __iter__(self) -> Iterator[UntranscribedStretch]:
        return iter(self.stretches)

    def stretch_at(self, position_ms: int) -> UntranscribedStretch | None:
        """The stretch playing at ``position_ms``, if any."""
        i = bisect_right(self._starts, position_ms) - 1
        if i >= 0 and position_ms < self.stretches[i].end_ms:
            return self.stretches[i]
        return None

    def notes(self) -> dict[int, UntranscribedStretch]:
        """One note per turn that follows audio not in the transcript. Two stretches with no turn
        between them read as one break, from the first's start to the last's end (what lies between
        them is not in the transcript either)."""
        out: dict[int, UntranscribedStretch] = {}
        for s in self.stretches:
            if s.turn is not None:
                seen = out.get(s.turn)
                out[s.turn] = UntranscribedStretch(seen.start_ms if seen else s.start_ms, s.end_ms, s.turn)
        return out

    def locate(self, position_ms: int) -> Location | UntranscribedStretch | None:
        """What plays at ``position_ms``: a stretch, a turn (and word), or nothing (before the first turn)."""
        i = bisect_right(self._starts, position_ms) - 1
        if i < 0:
            return self.timeline.locate(position_ms)
        stretch = self.stretches[i]
        if position_ms < stretch.end_ms:
            return stretch
        located = self.timeline.locate(position_ms)
        turn = stretch.turn
        if turn is None or position_ms >= self.timeline.turn_start(turn):
            return located
        if located is not None and located.turn < turn:
            end = self.timeline.transcript.turns[located.turn].end_ms
            if end is not None and end > position_ms:
                return located  # that turn goes on after the stretch: it is still speaking
        return self.timeline.first_word(turn)
