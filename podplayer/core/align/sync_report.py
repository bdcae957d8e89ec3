"""What a sync check found: stretches where a timed transcript and its audio disagree, in words.

Times are in the audio's time base. An *offset* here is always "audio time minus transcript time":
positive means the transcript's times come too early for the audio (an ad was inserted before).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from podplayer.core.clock import format_clock

# Below this, an offset is the transcript's own timing style (cues a little before the speech).
FIT_MS = 500
# A whole-episode offset at least this long, with audio before the first words, is a pre-roll.
PRE_ROLL_MIN_MS = 5_000


class StretchKind(StrEnum):
    INSERTED = "inserted"  # audio the transcript lacks (an ad, a pre-roll)
    REMOVED = "removed"  # transcript time the audio lacks (an ad cut out since)
    OFFSET = "offset"  # every time is off by the same amount


@dataclass(frozen=True, slots=True)
class Stretch:
    kind: StretchKind
    start_ms: int
    end_ms: int  # == start_ms for a removed stretch: the point where the audio lacks it
    seconds: float  # inserted/removed: its length; offset: audio minus transcript (signed)
    offset_after_ms: int  # audio time minus transcript time after this stretch

    def describe(self) -> str:
        """One sentence a listener understands, e.g. "Audio has 30 s that the transcript lacks at 12:31 …"."""
        at = format_clock(self.start_ms)
        after = _offset_words(self.offset_after_ms)
        if self.kind is StretchKind.INSERTED:
            what = "likely a pre-roll ad" if self.start_ms == 0 else "likely an ad"
            return f"Audio has {_seconds(self.seconds)} that the transcript lacks at {at} ({what}); {after} after that"
        if self.kind is StretchKind.REMOVED:
            return (
                f"Audio lacks {_seconds(self.seconds)} that the transcript's times allow for at {at} "
                f"(likely an ad cut out); {after} after that"
            )
        return f"{_offset_words(self.offset_after_ms).capitalize()} throughout"

    def as_dict(self) -> dict[str, object]:
        return {
            "start": self.start_ms / 1000,
            "end": self.end_ms / 1000,
            "kind": str(self.kind),
            "seconds": round(self.seconds, 2),
            "description": self.describe(),
        }


@dataclass(frozen=True, slots=True)
class Shift:
    """From transcript time ``from_ms`` on (until the next shift), audio = transcript + ``offset_ms``."""

    from_ms: int
    offset_ms: int


@dataclass(frozen=True, slots=True)
class SyncReport:
    duration_ms: int
    stretches: tuple[Stretch, ...]
    shifts: tuple[Shift, ...] = field(default=(Shift(0, 0),))
    listened_ms: int = 0  # how much audio the check recognised

    @property
    def fits(self) -> bool:
        return not self.stretches

    @property
    def inserted(self) -> list[tuple[int, int]]:
        """(start, end) of every stretch of audio the transcript lacks, in the audio's time base."""
        return [(s.start_ms, s.end_ms) for s in self.stretches if s.kind is StretchKind.INSERTED]

    def offset_at(self, transcript_ms: int) -> int:
        """Audio time minus transcript time for a moment of the transcript."""
        i = bisect_right([s.from_ms for s in self.shifts], transcript_ms) - 1
        return self.shifts[max(0, i)].offset_ms

    def headline(self) -> str:
        """A short account for a banner: what kind of stretches, how long, where, and the end result."""
        if self.fits:
            return "The transcript fits its audio."
        parts: list[str] = []
        for kind, label in (
            (StretchKind.INSERTED, "audio the transcript lacks (likely ads)"),
            (StretchKind.REMOVED, "time the audio lacks (ads cut out)"),
        ):
            found = [s for s in self.stretches if s.kind is kind]
            if found:
                where = ", ".join(f"{_seconds(s.seconds)} at {format_clock(s.start_ms)}" for s in found)
                parts.append(f"{label}: {where}")
        offsets = [s for s in self.stretches if s.kind is StretchKind.OFFSET]
        if offsets:
            parts.append(
                _offset_words(offsets[0].offset_after_ms).replace("the transcript is", "all its times are")
            )
        end = self.shifts[-1].offset_ms
        tail = "" if offsets and len(parts) == 1 else f" Without a re-sync, {_offset_words(end)} by the end."
        return "This transcript does not fit its audio: " + "; ".join(parts) + "." + tail

    def summary(self) -> str:
        """The whole finding in one paragraph (for a banner or a status line)."""
        if self.fits:
            return "The transcript fits its audio."
        return ". ".join(s.describe() for s in self.stretches) + "."


def _seconds(value: float) -> str:
    return f"{value:.0f} s" if abs(value) >= 10 else f"{value:.1f} s"


def _offset_words(offset_ms: int) -> str:
    if abs(offset_ms) < FIT_MS:
        return "the transcript fits again"
    early = "early" if offset_ms > 0 else "late"
    return f"the transcript is {_seconds(abs(offset_ms) / 1000)} {early}"


class SyncState(StrEnum):
    """What became of a check's finding for an episode (the banner asks once per episode)."""

    FITS = "fits"  # nothing to do
    PENDING = "pending"  # found a problem; the user has not answered yet
    RESYNCED = "resynced"  # the times were shifted into the audio's time base
    DISMISSED = "dismissed"  # the user kept the transcript's times


@dataclass(frozen=True, slots=True)
class EpisodeSync:
    """An episode's latest sync check and what was done about it."""

    report: SyncReport
    state: SyncState

    @property
    def untranscribed(self) -> list[tuple[int, int]]:
        """Audio stretches not in the transcript (grey, skippable), once the times were re-synced."""
        return self.report.inserted if self.state is SyncState.RESYNCED else []


def report_to_dict(report: SyncReport) -> dict[str, object]:
    """A JSON-ready form (stored with the episode; read back by :func:`report_from_dict`)."""
    return {
        "duration_ms": report.duration_ms,
        "listened_ms": report.listened_ms,
        "stretches": [
            [str(s.kind), s.start_ms, s.end_ms, s.seconds, s.offset_after_ms] for s in report.stretches
        ],
        "shifts": [[s.from_ms, s.offset_ms] for s in report.shifts],
    }


def report_from_dict(data: dict[str, Any]) -> SyncReport:
    stretches = tuple(
        Stretch(StretchKind(kind), int(start), int(end), float(seconds), int(after))
        for kind, start, end, seconds, after in data.get("stretches", [])
    )
    shifts = tuple(Shift(int(a), int(b)) for a, b in data.get("shifts", [])) or (Shift(0, 0),)
    return SyncReport(int(data.get("duration_ms", 0)), stretches, shifts, int(data.get("listened_ms", 0)))
