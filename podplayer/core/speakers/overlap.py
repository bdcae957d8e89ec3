"""Words said while two people talk go to the voice saying them.

The diarization gives one voice per moment, so a "mm-hmm" said under a long answer takes the
answer's voice. The speaker-segmentation model (core/speaker_activity) hears both: in a 10 s window
it marks who of up to three local speakers talks in each frame, two at once included. A word that
starts where a second local voice starts, while another talks on, is that second voice's word.

A local voice is tied to a voice of the diarization by where it talks alone in its window. A
backchannel's voice rarely talks alone within 5 s of it, so every window that holds the word (one
each second) is asked, and the voices they tie it to vote. A coarse pass first finds the words that
start where a second voice starts, so the dense windows are read only around them.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable, Sequence

import numpy as np

from podplayer.core.model import Word
from podplayer.core.speaker_activity import WINDOW_MS, Activity, Run, activities
from podplayer.core.speakers.cluster import Floats
from podplayer.core.speakers.diarization import FRAME_MS, RATE, Diarization

ONSET_MS = 200  # a word starting this close to where a voice starts is that voice's first word
MIN_ALONE_MS = 300  # a local voice is tied to a diarized voice by at least this much talk alone
COARSE_STEP_MS = WINDOW_MS // 2
DENSE_STEP_MS = WINDOW_MS // 10
EDGE_MS = 500  # a word this close to a window's edge is not judged by that window
WINDOWS_AT_ONCE = 8


class _Windows:
    """Speaker activity of the recording's windows, read when first asked for."""

    def __init__(self, samples: Floats) -> None:
        self._samples = samples
        self._duration_ms = len(samples) * 1000 // RATE
        self._cache: dict[int, Activity] = {}

    def at(self, starts: Iterable[int]) -> list[Activity]:
        wanted = sorted({max(0, min(s, self._duration_ms - WINDOW_MS)) for s in starts})
        missing = [s for s in wanted if s not in self._cache]
        for first in range(0, len(missing), WINDOWS_AT_ONCE):
            chunk = missing[first : first + WINDOWS_AT_ONCE]
            pieces = [
                (s, np.asarray(self._samples[s * RATE // 1000 : (s + WINDOW_MS) * RATE // 1000], dtype=np.float32))
                for s in chunk
            ]
            for s, activity in zip(chunk, activities(pieces), strict=True):
                self._cache[s] = activity
        return [self._cache[s] for s in wanted]

    def holding(self, at_ms: int, step_ms: int) -> list[Activity]:
        """The windows on a ``step_ms`` grid that hold ``at_ms`` away from their edges."""
        first = (at_ms + EDGE_MS - WINDOW_MS) // step_ms + 1
        starts = [k * step_ms for k in range(max(0, first), (at_ms - EDGE_MS) // step_ms + 1)]
        return self.at(starts) if starts else self.at([at_ms - WINDOW_MS // 2])


def voices_in_overlap(
    words: Sequence[Word], voices: list[int], diarization: Diarization, samples: Floats
) -> list[int]:
    """``voices`` (one per word), with each word said over another voice given to its speaker."""
    out = list(voices)
    windows = _Windows(samples)
    starts = sorted(w.start_ms for w in words if w.start_ms is not None)
    i = 0
    while i < len(words):
        start = words[i].start_ms
        i += 1
        if start is None:
            continue
        coarse = windows.holding(start, COARSE_STEP_MS)
        if not any(_second_run(a, start) is not None for a in coarse):
            continue
        votes: Counter[int] = Counter()
        ends: list[int] = []
        for activity in windows.holding(start, DENSE_STEP_MS):
            run = _second_run(activity, start)
            if run is None or _nearer_word(starts, start, run.start_ms):
                continue  # two words start there: the other one is the second voice's
            if (voice := _tied(activity, run.speaker, diarization)) is not None:
                votes[voice] += 1
                ends.append(run.end_ms)
        if not votes:
            continue
        voice = votes.most_common(1)[0][0]
        out[i - 1] = voice
        # The words listed after it while that voice talks on are its words too ("oh" "yeah").
        end = int(np.median(ends))
        while i < len(words) and (after := words[i].start_ms) is not None and start <= after < end:
            out[i] = voice
            i += 1
    return out


def _nearer_word(starts: list[int], start_ms: int, onset_ms: int) -> bool:
    """Whether another word starts nearer ``onset_ms`` than the word starting at ``start_ms``."""
    distance = abs(start_ms - onset_ms)
    lo = bisect.bisect_left(starts, onset_ms - distance)
    hi = bisect.bisect_right(starts, onset_ms + distance)
    return any(abs(s - onset_ms) < distance for s in starts[lo:hi])


def _second_run(activity: Activity, at_ms: int) -> Run | None:
    """The run of a local voice that starts at ``at_ms`` while another talks, if one does."""
    return next(
        (r for r in activity.runs() if abs(r.start_ms - at_ms) <= ONSET_MS and activity.starts_under_another(r)),
        None,
    )


def _tied(activity: Activity, local: int, diarization: Diarization) -> int | None:
    """The diarized voice heard where ``local`` talks alone in the window."""
    alone = np.nonzero(activity.active[:, local] & (activity.active.sum(axis=1) == 1))[0]
    frames = [activity.frame_ms(int(f)) // FRAME_MS for f in alone]
    heard = np.array(
        [diarization.frame_voice[f] for f in frames if f < len(diarization.frame_voice)], dtype=np.int64
    )
    heard = heard[heard >= 0]
    if len(heard) * FRAME_MS < MIN_ALONE_MS:
        return None
    return int(np.bincount(heard).argmax())
