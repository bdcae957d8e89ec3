"""Speaker activity in 10 s windows, from pyannote's segmentation-3.0 model exported to ONNX.

For each frame (a step of 16.875 ms) of a 10 s window the model says who of up to three *local*
speakers talks: nobody, one of them, or two at once (a "powerset" of classes). Local means the
numbering holds within one window only: speaker 1 of one window may be speaker 0 of the next. The
callers tie local speakers to transcript speakers through the words already aligned in the window.

The ONNX file ships beside this module (see NOTICE-segmentation.txt); tools/export_segmentation_model.py
rebuilds it, and tests/core/test_speaker_activity.py checks it against the torch model's output.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from podplayer.core.onnx_models import cpu_session

if TYPE_CHECKING:
    import onnxruntime

RATE = 16_000
WINDOW_MS = 10_000
WINDOW_SAMPLES = RATE * WINDOW_MS // 1000
LOCAL_SPEAKERS = 3
FRAME_STEP_MS = 16.875
FRAME_MS = 61.9375  # each frame sees this much audio; its time is its centre
MIN_RUN_FRAMES = 3  # a voice heard for less than ~50 ms is the model hesitating, not a voice
MAX_GAP_FRAMES = 6  # a voice silent for less than ~100 ms runs on (a stop consonant, a flicker)
BATCH = 2  # windows per model call: larger batches ran no faster and took ~20 MB more per window
# Class k of the model's output: who of the three local speakers talks.
_POWERSET = np.array(
    [[0, 0, 0], [1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 1, 0], [1, 0, 1], [0, 1, 1]], dtype=bool
)

Samples = npt.NDArray[np.float32]


@dataclass(frozen=True, slots=True)
class Run:
    """A stretch where one local speaker talks without a break."""

    speaker: int
    start_ms: int
    end_ms: int


@dataclass(frozen=True, slots=True)
class Activity:
    """Who talks in one window: ``active[frame, speaker]``, frames from ``start_ms``."""

    start_ms: int
    active: npt.NDArray[np.bool_]

    @property
    def end_ms(self) -> int:
        return self.start_ms + WINDOW_MS

    def frame_ms(self, frame: int) -> int:
        """The time a frame stands for: its centre."""
        return self.start_ms + round(frame * FRAME_STEP_MS + FRAME_MS / 2)

    def frames(self, start_ms: int, end_ms: int) -> slice:
        """The frames whose centres lie in [start_ms, end_ms)."""
        lo = max(0, int(np.ceil((start_ms - self.start_ms - FRAME_MS / 2) / FRAME_STEP_MS)))
        hi = max(lo, int(np.ceil((end_ms - self.start_ms - FRAME_MS / 2) / FRAME_STEP_MS)))
        return slice(min(lo, len(self.active)), min(hi, len(self.active)))

    def talk_ms(self, start_ms: int, end_ms: int) -> npt.NDArray[np.float64]:
        """How long each local speaker talks in [start_ms, end_ms)."""
        span = self.active[self.frames(start_ms, end_ms)]
        return np.asarray(span.sum(axis=0), dtype=np.float64) * FRAME_STEP_MS

    def starts_under_another(self, run: Run) -> bool:
        """Whether ``run`` starts inside the window while another local speaker talks (a voice
        heard starting over someone else's, not one running on from before the window)."""
        frame = self.frames(run.start_ms, run.start_ms + 1).start
        if run.start_ms <= self.start_ms or frame >= len(self.active):
            return False
        return bool(np.delete(self.active[frame], run.speaker).any())

    def runs(self) -> list[Run]:
        """Every local speaker's runs of talk, by start time."""
        out: list[Run] = []
        for speaker in range(LOCAL_SPEAKERS):
            edges = np.diff(np.concatenate([[0], self.active[:, speaker].astype(np.int8), [0]]))
            spans: list[list[int]] = []
            for on, off in zip(
                np.nonzero(edges == 1)[0].tolist(), np.nonzero(edges == -1)[0].tolist(), strict=True
            ):
                if spans and on - spans[-1][1] <= MAX_GAP_FRAMES:
                    spans[-1][1] = off
                else:
                    spans.append([on, off])
            for first, last in spans:
                if last - first >= MIN_RUN_FRAMES:
                    out.append(Run(speaker, self.frame_ms(first), self.frame_ms(last)))
        return sorted(out, key=lambda r: (r.start_ms, r.speaker))


@cache
def _session() -> onnxruntime.InferenceSession:
    # One thread: the aligner's recognition workers and the window keep the other cores.
    return cpu_session("podplayer.core.speaker_activity", "segmentation-3.0.onnx", threads=1)


def log_probabilities(windows: Sequence[Samples]) -> npt.NDArray[np.float32]:
    """The model's output for 10 s windows (shorter ones padded with silence): window x frame x class."""
    audio = np.zeros((len(windows), 1, WINDOW_SAMPLES), dtype=np.float32)
    for row, samples in enumerate(windows):
        take = samples[:WINDOW_SAMPLES]
        audio[row, 0, : len(take)] = take
    return np.asarray(_session().run(None, {"waveforms": audio})[0], dtype=np.float32)


def activities(windows: Sequence[tuple[int, Samples]]) -> list[Activity]:
    """Speaker activity of each window, given as (start_ms, 16 kHz mono samples in [-1, 1]).

    A window shorter than 10 s (the end of a recording) is padded with silence.
    """
    out: list[Activity] = []
    for first in range(0, len(windows), BATCH):
        batch = windows[first : first + BATCH]
        scores = log_probabilities([samples for _, samples in batch])
        for (start_ms, samples), frame_scores in zip(batch, scores, strict=True):
            active = _POWERSET[np.argmax(frame_scores, axis=-1)]
            heard = int(np.ceil((len(samples) * 1000 / RATE - FRAME_MS / 2) / FRAME_STEP_MS))
            active[max(0, heard) :] = False  # the padding is nobody
            out.append(Activity(start_ms, active))
    return out
