"""Where speech is: stretches of audio that rise clearly above the quiet around them.

Words must never be placed where the audio is silent. Where nothing else says where a word lies (no
anchor before the first or after the last recognised run, a short turn said in the pause after the
turn before it), the stretches of speech in the audio do. Frame energy against the quiet of the
surrounding audio is enough for that: the question is only "is someone talking here", not whose
voice it is. Hand-written because it is a few lines of numpy over samples the aligner already has.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from podplayer.core.align.worker import SAMPLE_RATE, read_pcm

HOP_MS = 10
CONTEXT_MS = 3_000  # the quiet is measured over the stretch and this much audio either side
QUIET_PERCENTILE = 10
LOUD_PERCENTILE = 99
RISE_DB = 12.0  # speech rises at least this far above the quiet ...
PEAK_RANGE_DB = 35.0  # ... and comes within this much of the loudest speech around
MIN_CONTRAST_DB = 15.0  # with less between quiet and loud, the stretch is all speech or all noise
JOIN_MS = 250  # gaps shorter than this inside speech are the stops between syllables and words
MIN_SPEECH_MS = 80


@dataclass(frozen=True, slots=True)
class Speech:
    """A stretch of audible speech, [start_ms, end_ms)."""

    start_ms: int
    end_ms: int


def frame_db(samples: npt.NDArray[np.int16], hop_ms: int) -> npt.NDArray[np.float64]:
    """Energy of each ``hop_ms`` frame of 16-bit samples, in dB below full scale."""
    hop = SAMPLE_RATE * hop_ms // 1000
    count = len(samples) // hop
    frames = samples[: count * hop].astype(np.float64).reshape(count, hop) / 32768.0
    power = np.mean(frames * frames, axis=1)
    return np.asarray(10.0 * np.log10(np.maximum(power, 1e-9)))


def speech_in(pcm_path: str, start_ms: int, end_ms: int) -> list[Speech]:
    """The stretches of speech that overlap [start_ms, end_ms), with their whole extent.

    A stretch that begins before ``start_ms`` (the tail of speech already going on) keeps its true
    start, so callers can tell speech that starts inside the stretch from speech that runs into it.
    Audio without clear quiet anywhere near (crosstalk, music, all noise) is one stretch of speech.
    """
    if end_ms <= start_ms:
        return []
    lo = max(0, start_ms - CONTEXT_MS)
    db = frame_db(np.frombuffer(read_pcm(pcm_path, lo, end_ms + CONTEXT_MS), dtype="<i2"), HOP_MS)
    if len(db) == 0:
        return []
    quiet = float(np.percentile(db, QUIET_PERCENTILE))
    loud = float(np.percentile(db, LOUD_PERCENTILE))
    if loud - quiet < MIN_CONTRAST_DB:
        return [Speech(start_ms, end_ms)] if loud > -60.0 else []
    threshold = max(quiet + RISE_DB, loud - PEAK_RANGE_DB)
    found: list[Speech] = []
    for first, last in _runs(db > threshold):
        start, end = lo + first * HOP_MS, lo + last * HOP_MS
        if found and start - found[-1].end_ms < JOIN_MS:
            found[-1] = Speech(found[-1].start_ms, end)
        else:
            found.append(Speech(start, end))
    return [s for s in found if s.end_ms - s.start_ms >= MIN_SPEECH_MS and s.end_ms > start_ms and s.start_ms < end_ms]


EDGE_LOOK_MS = 600_000  # how far before the first (after the last) heard word speech is looked for
MAX_PAUSE_MS = 3_000  # speech further from the rest than this (a beep, a click, a cough) is not where it starts


def speech_span(pcm_path: str, first_heard_ms: int, last_heard_ms: int, duration_ms: int) -> tuple[int, int]:
    """Where the episode's speech begins and ends, judged against speech recognition matched.

    The stretch before the first matched word is measured together with that word (and the stretch
    after the last one with it), so the quiet and the loud are both in view: a silent opening or
    ending is then told from speech, and words the recognition missed there are not put into it.
    Speech begins at the earliest stretch reached from the matched word over pauses no longer than
    MAX_PAUSE_MS (and ends likewise).
    """
    lo = max(0, first_heard_ms - EDGE_LOOK_MS)
    head = [s for s in speech_in(pcm_path, lo, first_heard_ms + 1) if s.start_ms <= first_heard_ms]
    begin = first_heard_ms
    for stretch in reversed(head):
        if begin - stretch.end_ms > MAX_PAUSE_MS:
            break
        begin = min(begin, stretch.start_ms)
    hi = min(duration_ms, last_heard_ms + EDGE_LOOK_MS)
    tail = [s for s in speech_in(pcm_path, last_heard_ms, hi) if s.end_ms >= last_heard_ms]
    end = last_heard_ms
    for stretch in tail:
        if stretch.start_ms - end > MAX_PAUSE_MS:
            break
        end = max(end, stretch.end_ms)
    return max(0, begin), min(duration_ms, max(begin, end))


def _runs(mask: npt.NDArray[np.bool_]) -> list[tuple[int, int]]:
    """(first, end) frame indexes of each run of True in ``mask``."""
    padded = np.concatenate([[False], mask, [False]]).astype(np.int8)
    edges = np.diff(padded)
    starts = np.nonzero(edges == 1)[0]
    ends = np.nonzero(edges == -1)[0]
    return [(int(a), int(b)) for a, b in zip(starts, ends, strict=True)]
